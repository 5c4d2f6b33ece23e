// Copies the static files tsc does not emit (icons, codex JSON) into dist/, beside the compiled
// code that references them. `n8n-node build` already copies SVG/PNG; this keeps a plain
// `tsc && gulp build:icons` build complete too.
const fs = require('fs');
const { src, dest, parallel, series } = require('gulp');

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

exports['build:icons'] = series(dropScreenshots, parallel(copyIcons, copyCodex));
