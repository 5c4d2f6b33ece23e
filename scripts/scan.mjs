// `npm run scan`: n8n's community-package scanner, run locally on what `npm publish` would ship.
//
// `npx @n8n/scan-community-package <name>` only works on a published package (it checks npm
// provenance, then downloads the attested GitHub source and the tarball). This script runs the
// same two lint legs with the scanner's own `analyzePackage` and rule set, before publishing:
//   - the source leg on this repo: package.json + {nodes,credentials}/**/*.{js,ts,json}
//   - the tarball leg on the unpacked `npm pack` output: **/*.js + package.json
// It also checks that the tarball holds only dist/**, README.md, LICENSE and package.json.
// Provenance cannot be checked before publishing; the publish workflow adds it (--provenance).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// dist/docs: n8n-node build copies every .png into dist/, the README screenshots too; `files` excludes them.
const ALLOWED = [/^dist\/(?!docs\/)/, /^README\.md$/, /^LICENSE$/, /^package\.json$/];
const REQUIRED = [
	'package.json',
	'README.md',
	'LICENSE',
	'dist/nodes/StripeInvoicing/StripeInvoicing.node.js',
	'dist/nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node.js',
	'dist/credentials/StripeInvoicingApi.credentials.js',
];

function sh(cmd, args, options = {}) {
	const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
	}
	return result.stdout;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'n8n-scan-'));
let failed = false;
try {
	if (!process.argv.includes('--no-build')) {
		console.log('== build (npm run build)');
		sh('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
	}

	console.log('== npm pack');
	const [pack] = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work]));
	const files = pack.files.map((f) => f.path).sort();
	const unexpected = files.filter((f) => !ALLOWED.some((re) => re.test(f)));
	const missing = REQUIRED.filter((f) => !files.includes(f));
	console.log(`   ${pack.filename}: ${files.length} files, ${(pack.size / 1024).toFixed(1)} kB packed`);
	if (unexpected.length) {
		failed = true;
		console.log(`❌ files outside dist/, README.md, LICENSE, package.json:\n   ${unexpected.join('\n   ')}`);
	}
	if (missing.length) {
		failed = true;
		console.log(`❌ missing from the tarball:\n   ${missing.join('\n   ')}`);
	}
	if (!unexpected.length && !missing.length) console.log('✅ tarball contents: only dist/**, README.md, LICENSE, package.json');

	const unpacked = path.join(work, 'package');
	mkdirSync(unpacked);
	sh('tar', ['-xzf', path.join(work, pack.filename), '-C', unpacked, '--strip-components=1']);

	// The scanner makes a temp dir when it is imported; keep it inside ours so it is removed too.
	process.env.TMPDIR = work;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const legs = [
		['source (package.json, nodes/, credentials/)', ROOT, scanner.SOURCE_FILE_PATTERNS],
		['tarball (**/*.js, package.json)', unpacked, ['**/*.js', 'package.json']],
	];
	for (const [label, dir, patterns] of legs) {
		const result = await scanner.analyzePackage(dir, patterns);
		if (result.passed) {
			console.log(`✅ scanner, ${label}: passed${result.message ? ` (${result.message})` : ''}`);
		} else {
			failed = true;
			console.log(`❌ scanner, ${label}: ${result.message}`);
			if (result.details) console.log(result.details);
		}
	}
	console.log('ℹ️  provenance is checked by n8n only after publishing (see .github/workflows/publish.yml)');
} catch (error) {
	failed = true;
	console.error(error.message);
} finally {
	rmSync(work, { recursive: true, force: true });
}
console.log(failed ? 'scan: FAILED' : 'scan: passed');
process.exit(failed ? 1 : 0);
