// Redis and a throwaway Postgres cluster for n8n's queue mode, from Debian's packages: installed
// when missing (CI is a fresh machine, run as root), started on free loopback ports with their
// data in a temporary folder, and stopped by pid (process group) at the end, also on failure.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, onCleanup, runCommand, spawnTracked } from '../e2e/lib.mjs';
import { pollUntil } from '../e2e/server.mjs';

const START_TIMEOUT_MS = 60_000;
const PG_ROOT = '/usr/lib/postgresql';

/** apt-get install what is missing; `apt-get update` first, once (a fresh machine has no lists). */
export async function ensureDebianPackages(log = console.log) {
	const wanted = [];
	if (!existsSync('/usr/bin/redis-server')) wanted.push('redis-server');
	if (!pgBinDir()) wanted.push('postgresql');
	if (wanted.length === 0) return [];
	if (process.getuid?.() !== 0) throw new Error(`install ${wanted.join(' ')} (apt-get needs root)`);
	log(`   apt-get install -y ${wanted.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// The packages would start system-wide services (Redis on 6379, a "main" Postgres cluster)
	// that nothing here stops; policy-rc.d tells their install scripts not to.
	const policy = '/usr/sbin/policy-rc.d';
	const ownPolicy = !existsSync(policy);
	if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...wanted]]) {
			const result = await runCommand('apt-get', args, { env, timeoutMs: 600_000 });
			if (result.code !== 0) throw new Error(`apt-get ${args[0]} failed:\n${result.stderr.slice(-2000)}`);
		}
	} finally {
		if (ownPolicy) rmSync(policy, { force: true });
	}
	return wanted;
}

/** The newest installed Postgres server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
function pgBinDir() {
	if (!existsSync(PG_ROOT)) return undefined;
	const versions = readdirSync(PG_ROOT)
		.filter((v) => existsSync(path.join(PG_ROOT, v, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(PG_ROOT, versions[0], 'bin') : undefined;
}

/** Keeps a service's output for a failure message. */
function captureOutput(child) {
	let text = '';
	const keep = (d) => (text = (text + d).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => text;
}

/** SIGTERM (or `signal`) to a service's process group, then SIGKILL when it is still there. */
async function stopGroup(child, signal = 'SIGTERM') {
	const send = (sig) => {
		try {
			process.kill(-child.pid, sig);
			return true;
		} catch {
			return false;
		}
	};
	if (child.exitCode !== null || child.signalCode !== null || !send(signal)) return;
	await pollUntil(() => child.exitCode !== null || child.signalCode !== null, {
		timeoutMs: 15_000,
		intervalMs: 100,
		what: `pid ${child.pid} to stop`,
	}).catch(() => send('SIGKILL'));
}

/** redis-server on a free loopback port, no persistence. Returns { host, port, pid, stop() }. */
export async function startRedis() {
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	onCleanup(() => rmSync(dir, { recursive: true, force: true }));
	const child = spawnTracked('redis-server', [
		'--bind',
		'127.0.0.1',
		'--port',
		String(port),
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
		'--protected-mode',
		'yes',
	]);
	const output = captureOutput(child);
	const stop = () => stopGroup(child);
	onCleanup(stop);
	await pollUntil(
		async () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited: ${output()}`);
			const ping = await runCommand('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']);
			return ping.stdout.trim() === 'PONG';
		},
		{ timeoutMs: START_TIMEOUT_MS, intervalMs: 200, what: `redis-server on port ${port}` },
	);
	return { host: '127.0.0.1', port, pid: child.pid, stop };
}

/**
 * A new Postgres cluster in a temporary folder owned by the postgres user (Postgres refuses to run
 * as root), trust auth on a free loopback port, with an `n8n` database.
 * Returns { host, port, user, database, pid, query(sql), stop() }.
 */
export async function startPostgres() {
	const bin = pgBinDir();
	if (!bin) throw new Error('no Postgres server under /usr/lib/postgresql');
	// Postgres refuses to run as root; switching to the postgres user takes root.
	if (process.getuid?.() !== 0)
		throw new Error('test:scale runs Postgres as the postgres user: run it as root');
	const port = await freePort();
	const dir = mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-postgres-'));
	onCleanup(() => rmSync(dir, { recursive: true, force: true }));
	const data = path.join(dir, 'data');
	const asPostgres = (cmd, args, options) =>
		runCommand('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], options);
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
	chownSync(dir, uid, gid);
	const init = await asPostgres(
		'initdb',
		['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
		{
			cwd: dir,
		},
	);
	if (init.code !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
	// The server itself, not pg_ctl: its pid is the child's, so it is stopped like every other one.
	const child = spawnTracked(
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			path.join(bin, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-k',
			dir,
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'fsync=off',
			'-c',
			'max_connections=200',
		],
		{ cwd: dir },
	);
	const output = captureOutput(child);
	// SIGINT is Postgres's fast shutdown: clients are disconnected, the cluster stops cleanly.
	const stop = () => stopGroup(child, 'SIGINT');
	onCleanup(stop);
	const psql = (sql, database = 'postgres') =>
		runCommand(
			'runuser',
			[
				'-u',
				'postgres',
				'--',
				'psql',
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-Atc',
				sql,
			],
			{ cwd: dir },
		);
	await pollUntil(
		async () => {
			if (child.exitCode !== null) throw new Error(`postgres exited: ${output()}`);
			return (await psql('select 1')).stdout.trim() === '1';
		},
		{ timeoutMs: START_TIMEOUT_MS, intervalMs: 250, what: `postgres on port ${port}` },
	);
	const created = await psql('create database n8n');
	if (created.code !== 0) throw new Error(`create database failed: ${created.stderr}`);
	/** Runs one SQL statement in n8n's database; resolves its rows (fields split on '|'). */
	const query = async (sql) => {
		const result = await psql(sql, 'n8n');
		if (result.code !== 0) throw new Error(`psql: ${result.stderr.trim()}`);
		return result.stdout
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('|'));
	};
	return { host: '127.0.0.1', port, user: 'postgres', database: 'n8n', pid: child.pid, query, stop };
}
