/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// Fresh node processes for the bench: TypeScript compiled on load (as `npm run demo` does) or ahead.
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/** Starts a TypeScript file in a fresh node process, compiled on load by ts-node. */
export function spawnTs(file: string, args: string[], stdio: StdioOptions): ChildProcess {
	return spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', resolve(__dirname, file), ...args],
		{
			cwd: REPO_ROOT,
			env: { ...process.env, TS_NODE_PREFER_TS_EXTS: 'true' },
			stdio,
		},
	);
}

/** The first stdout line starting with `marker`, without it; rejects if the child exits first. */
export function readMarkedLine(child: ChildProcess, marker: string): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		let buffered = '';
		const onData = (chunk: Buffer) => {
			buffered += chunk.toString('utf8');
			const line = buffered.split('\n').find((text) => text.startsWith(marker));
			if (line === undefined) return;
			child.stdout?.off('data', onData);
			resolvePromise(line.slice(marker.length).trim());
		};
		child.stdout?.on('data', onData);
		child.once('exit', (code) =>
			reject(new Error(`${marker.trim()} child exited (${code}) without an answer`)),
		);
	});
}

const TSC_FLAGS =
	'--module commonjs --moduleResolution node --target es2022 --esModuleInterop --resolveJsonModule ' +
	'--skipLibCheck --noCheck --types node --sourceMap false --declaration false';

/**
 * Compiles `file` and everything it imports to plain JS in a temporary folder (no type check), so
 * a child can run without ts-node and the TypeScript compiler in its memory. Returns the JS entry.
 */
export function compileToJs(file: string): { entry: string; cleanup: () => void } {
	const outDir = mkdtempSync(join(tmpdir(), 'stripe-invoicing-bench-'));
	const tsc = require.resolve('typescript/bin/tsc');
	const flags = `--outDir ${outDir} --rootDir ${REPO_ROOT} ${TSC_FLAGS}`.split(' ');
	const build = spawnSync(process.execPath, [tsc, resolve(__dirname, file), ...flags], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	});
	if (build.status !== 0) throw new Error(`Compiling ${file} failed: ${build.stdout}${build.stderr}`);
	const relativeJs = relative(REPO_ROOT, resolve(__dirname, file)).replace(/\.ts$/, '.js');
	return { entry: join(outDir, relativeJs), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

/** Runs a compiled JS entry in a fresh node process that resolves packages from this repo. */
export function spawnJs(
	entry: string,
	nodeFlags: string[],
	args: string[],
	stdio: StdioOptions,
): ChildProcess {
	return spawn(process.execPath, [...nodeFlags, entry, ...args], {
		cwd: REPO_ROOT,
		env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') },
		stdio,
	});
}
