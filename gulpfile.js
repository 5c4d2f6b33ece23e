// Build steps after `n8n-node build` (tsc): copy the static files tsc does not emit, then bundle
// the node and the credential into one file each.
const fs = require('fs');
const path = require('path');
const { src, dest, parallel, series } = require('gulp');

/** The files package.json's "n8n" block names (dist/x.js), each built from its source x.ts. */
const { n8n } = require('./package.json');
const ENTRY_POINTS = Object.fromEntries(
	[...n8n.nodes, ...n8n.credentials].map((file) => {
		const entry = file.replace(/^dist\//, '').replace(/\.js$/, '');
		return [entry, `${entry}.ts`];
	}),
);

function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function copyCodex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

// `n8n-node build` copies every .png/.svg of the repo into dist/, including the README screenshots
// in docs/; they are not part of the package (npm run scan checks the tarball for them).
async function dropScreenshots() {
	await fs.promises.rm('dist/docs', { recursive: true, force: true });
}

// n8n requires every node and credential file at start-up. tsc leaves ~50 small CommonJS modules,
// and resolving and compiling them one by one took ~25 ms; one scope-hoisted file takes ~11 ms
// (npm run bench, section D). n8n-workflow stays external: n8n provides it (peer dependency).
async function bundle() {
	const esbuild = require('esbuild-wasm');
	await esbuild.build({
		entryPoints: ENTRY_POINTS,
		outdir: 'dist',
		outbase: '.',
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'es2019',
		external: ['n8n-workflow'],
		sourcemap: true,
		sourcesContent: false,
		legalComments: 'none',
		logLevel: 'warning',
	});
}

/** The per-module .js files tsc wrote are now inside the bundles; .d.ts files stay for types. */
async function dropBundledModules() {
	const bundled = new Set(Object.keys(ENTRY_POINTS).map((entry) => path.join('dist', `${entry}.js`)));
	for (const folder of ['dist/nodes', 'dist/credentials']) {
		const files = await fs.promises.readdir(folder, { recursive: true });
		for (const file of files.map((name) => path.join(folder, name))) {
			const script = file.endsWith('.js') ? file : file.replace(/\.js\.map$/, '.js');
			if (/\.js(\.map)?$/.test(file) && !bundled.has(script)) await fs.promises.rm(file);
		}
	}
}

exports['build:icons'] = series(dropScreenshots, parallel(copyIcons, copyCodex));
exports.bundle = series(bundle, dropBundledModules);
exports.build = series(exports['build:icons'], exports.bundle);
