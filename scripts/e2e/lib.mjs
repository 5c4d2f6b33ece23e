// Shared helpers for the real-n8n scripts (e2e runner and screenshots): the package build, a fresh
// n8n user folder with this package installed as a community package, the n8n CLI with a clean
// environment, the Stripe emulator, and process bookkeeping so nothing outlives the script.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { ROOT } from './install-n8n.mjs';

export { ROOT };
export const PACKAGE_NAME = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
export const NODE_TYPE = `${PACKAGE_NAME}.stripeInvoicing`;
export const CREDENTIAL = { id: 'StripeInvTestCred', name: 'Stripe Invoicing (test mode)' };
export const ENCRYPTION_KEY = 'n8n-nodes-stripe-invoicing-e2e-fixed-key';

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** A free TCP port on the loopback interface. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

// ---- processes: every child runs in its own process group, killed as a group at the end ----
const children = new Set();

function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// already gone
	}
}

export async function stopAllChildren() {
	const running = [...children];
	for (const child of running) killGroup(child, 'SIGTERM');
	const deadline = Date.now() + 5000;
	while ([...children].length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	for (const child of children) killGroup(child, 'SIGKILL');
}

let cleanups = [];
/** Registers work to do at the end (also on Ctrl-C or a crash), run in reverse order. */
export function onCleanup(fn) {
	cleanups.push(fn);
}

// A second call (the script's own end while Ctrl-C's cleanup runs) waits for the first, so the
// process does not exit half-way through it (temporary folders were left behind).
let cleaning = Promise.resolve();
export function runCleanups() {
	cleaning = cleaning.then(cleanUpOnce);
	return cleaning;
}

async function cleanUpOnce() {
	const todo = cleanups.reverse();
	cleanups = [];
	await stopAllChildren();
	for (const fn of todo) {
		try {
			await fn();
		} catch (error) {
			console.error(`cleanup: ${error.message}`);
		}
	}
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
	process.on(signal, () => {
		console.error(`\nReceived ${signal}, stopping everything started by this script.`);
		runCleanups().finally(() => process.exit(130));
	});
}
process.on('exit', () => {
	// Last resort (synchronous): no child may outlive the script.
	for (const child of children) killGroup(child, 'SIGKILL');
});

/** Spawns a process in its own group, tracked for cleanup. */
export function spawnTracked(cmd, args, options = {}) {
	const child = spawn(cmd, args, {
		...options,
		detached: true,
		stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'],
	});
	children.add(child);
	child.on('exit', () => children.delete(child));
	child.on('error', () => children.delete(child));
	return child;
}

/** Runs a command to completion; resolves {code, stdout, stderr, ms}. Kills it after timeoutMs. */
export function runCommand(cmd, args, { timeoutMs = 300_000, ...options } = {}) {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawnTracked(cmd, args, options);
		let stdout = '';
		let stderr = '';
		child.stdout?.on('data', (d) => (stdout += d));
		child.stderr?.on('data', (d) => (stderr += d));
		const timer = setTimeout(() => {
			stderr += `\n[killed after ${seconds(timeoutMs)}]`;
			killGroup(child, 'SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			resolve({ code: -1, stdout, stderr: `${stderr}\n${error.message}`, ms: Date.now() - started });
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			// Whatever the command left in its group (a task runner, say) goes too.
			killGroup(child, 'SIGKILL');
			resolve({ code: code ?? signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

/** Drops ANSI escapes and spinner frames from a CLI's output. */
export function cleanTerminalOutput(text) {
	return text
		.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
		.replace(/[◒◐◓◑] [^\n│■└]*/g, '')
		.split('\n')
		.filter((line) => line.trim() !== '' && !/Unknown (user|env) config "nodedir"/.test(line))
		.join('\n');
}

// ---- the package ----
export async function buildPackage() {
	const result = await runCommand('npm', ['run', 'build', '--silent'], { cwd: ROOT, timeoutMs: 300_000 });
	if (result.code !== 0)
		throw new Error(`npm run build failed:\n${cleanTerminalOutput(result.stdout + result.stderr)}`);
	return result.ms;
}

/**
 * A fresh, temporary n8n user folder with this package installed the way n8n installs community
 * packages, from exactly what `npm publish` would upload: the `npm pack` tarball unpacked into
 * <user folder>/.n8n/nodes/node_modules/<package>.
 */
export async function makeUserFolder(prefix = 'n8n-e2e-') {
	const userFolder = mkdtempSync(path.join(os.tmpdir(), prefix));
	onCleanup(() => rmSync(userFolder, { recursive: true, force: true }));
	const packDir = path.join(userFolder, 'pack');
	mkdirSync(packDir);
	const pack = await runCommand('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT });
	if (pack.code !== 0) throw new Error(`npm pack failed:\n${cleanTerminalOutput(pack.stdout + pack.stderr)}`);
	const [{ filename }] = JSON.parse(pack.stdout);
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	mkdirSync(target, { recursive: true });
	const untar = await runCommand('tar', [
		'-xzf',
		path.join(packDir, filename),
		'-C',
		target,
		'--strip-components=1',
	]);
	if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
	rmSync(packDir, { recursive: true, force: true });
	return userFolder;
}

/** The environment for every n8n command: isolated folder, no telemetry, own runner port. */
export function n8nEnv({ userFolder, brokerPort, nodeBin, extra = {} }) {
	const env = { ...process.env };
	for (const key of Object.keys(env)) {
		if (key.startsWith('N8N_') || key.startsWith('DB_') || key === 'NODE_OPTIONS') delete env[key];
	}
	return {
		...env,
		PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: 'info', // `n8n execute` prints the run JSON at level info
		// n8n 1.82.3 offers community nodes as AI tools only with this set ("Unrecognized node type:
		// …stripeInvoicingTool" otherwise); 1.85.4 and later have no such setting.
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		DB_TYPE: 'sqlite',
		...extra,
	};
}

/** Runs `n8n <args>` with the Node of the cache folder. */
export function n8n(install, env, args, options = {}) {
	return runCommand(install.nodeBin, [install.n8nBin, ...args], {
		cwd: env.N8N_USER_FOLDER,
		env,
		...options,
	});
}

// ---- the Stripe emulator (TypeScript, loaded through ts-node from the dev dependencies) ----
export async function startStripeEmulator() {
	const require = createRequire(path.join(ROOT, 'package.json'));
	require('ts-node').register({
		transpileOnly: true,
		project: path.join(ROOT, 'tsconfig.json'),
		compilerOptions: { module: 'commonjs' },
	});
	const { startEmulator } = require(path.join(ROOT, 'test', 'emulator'));
	const emulator = await startEmulator({ port: 0, host: '127.0.0.1', seedDemoData: true });
	onCleanup(() => emulator.close());
	return emulator;
}

/** The OpenAI credential of the agent example, pointed at the scripted model (scripted-model.mjs). */
export const OPENAI_CREDENTIAL = { id: 'OpenAiAgentCred', name: 'OpenAI account' };

/**
 * Writes the credential file for `n8n import:credentials` (plain data; n8n encrypts on import):
 * the Stripe Invoicing credential, and with `modelUrl` an OpenAI one whose Base URL is that server.
 */
export function writeCredentialFile(dir, { secretKey, baseUrl, modelUrl }) {
	const file = path.join(dir, 'e2e-credentials.json');
	const credentials = [{ ...CREDENTIAL, type: 'stripeInvoicingApi', data: { secretKey, baseUrl } }];
	if (modelUrl)
		credentials.push({ ...OPENAI_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-scripted-model', url: modelUrl } });
	writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`);
	return file;
}

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON; on a failed run it comes between log
 * lines (and on stdout or stderr). Finds the outermost `{` ... `}` block that parses as a run.
 */
export function parseRunJson(...outputs) {
	for (const text of outputs) {
		const lines = text.split('\n');
		const ends = lines.map((line, i) => (line === '}' ? i : -1)).filter((i) => i >= 0);
		for (let i = 0; i < lines.length; i++) {
			if (lines[i] !== '{') continue;
			for (const end of [...ends].reverse()) {
				if (end <= i) break;
				try {
					const json = JSON.parse(lines.slice(i, end + 1).join('\n'));
					if (json && typeof json === 'object' && json.data) return json;
				} catch {
					// not a complete document; try a shorter one
				}
			}
		}
	}
	return undefined;
}
