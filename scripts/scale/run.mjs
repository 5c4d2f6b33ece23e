// `npm run test:scale`: the package on n8n's queue mode, driven as production drives it.
//  1. Debian's redis-server and postgresql (installed when missing), n8n from the e2e cache,
//  2. the package built and packed, Redis and a throwaway Postgres cluster on free loopback ports,
//  3. n8n main + 2 workers + 2 webhook processors behind a round-robin proxy (cluster.mjs,
//     proxy.mjs), the Stripe emulator in a process of its own,
//  4. the scenarios, each printed as PASS/FAIL with its figures, then `N passed, M failed`.
// Everything started here is stopped by pid at the end, also when something fails.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { ensureN8n } from '../e2e/install-n8n.mjs';
import { ROOT, buildPackage, runCleanups, seconds, spawnTracked } from '../e2e/lib.mjs';
import { connectAsOwner } from '../e2e/n8n-api.mjs';
import { pollUntil } from '../e2e/server.mjs';
import { concurrentBatches, sameBatchTwice, workerKilled } from './billing-scenarios.mjs';
import { startQueueCluster } from './cluster.mjs';
import { eachEventOnce } from './dedupe-scenario.mjs';
import { ensureDebianPackages, startPostgres, startRedis } from './services.mjs';
import { deliveryThroughput } from './throughput-scenario.mjs';
import { triggerEvents } from './trigger-scenario.mjs';

// The kill scenario goes last: it leaves one worker. `--only=1,4` runs some (for development).
const ONLY = process.argv
	.find((a) => a.startsWith('--only='))
	?.slice(7)
	.split(',');
const ALL = [
	['1. two batches of 300 at once on one account (25 req/s)', concurrentBatches],
	['2. the same batch posted twice at once', sameBatchTwice],
	['4. 1,000 signed events at 50/s, 5 % redelivered, one webhook processor', triggerEvents],
	['5. each event once across two webhook processors and restarts', eachEventOnce],
	['6. one webhook processor: the trigger vs the Webhook node at 10/25/50 per second', deliveryThroughput],
	['3. a worker killed (SIGKILL) mid-batch, the rows posted again', workerKilled],
];
const SCENARIOS = ALL.filter(([label]) => !ONLY || ONLY.includes(label[0]));

/** emulator-process.mjs as a child; resolves { url, pid, stop() } once it listens. */
async function startEmulatorProcess() {
	const child = spawnTracked(
		process.execPath,
		[path.join(ROOT, 'scripts', 'scale', 'emulator-process.mjs')],
		{
			stdio: ['pipe', 'pipe', 'inherit'],
		},
	);
	let url;
	child.stdout.on('data', (d) => (url ??= /EMULATOR_URL (\S+)/.exec(String(d))?.[1]));
	await pollUntil(
		() => {
			if (child.exitCode !== null) throw new Error(`the emulator exited (${child.exitCode})`);
			return url;
		},
		{ timeoutMs: 60_000, intervalMs: 100, what: 'the emulator process' },
	);
	const stop = async () => {
		child.stdin.end(); // it closes its server and exits
		await pollUntil(() => child.exitCode !== null || child.signalCode !== null, {
			timeoutMs: 10_000,
			intervalMs: 100,
			what: 'the emulator to stop',
		}).catch(() => child.kill('SIGKILL'));
	};
	return { url, pid: child.pid, stop };
}

async function main() {
	const started = Date.now();
	const step = (text) => console.log(`== ${text} (${seconds(Date.now() - started)})`);
	step('1. services and n8n');
	await ensureDebianPackages();
	const install = ensureN8n();
	step('2. build, Redis, Postgres');
	await buildPackage();
	const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
	console.log(`   redis:    127.0.0.1:${redis.port} (pid ${redis.pid})`);
	console.log(`   postgres: 127.0.0.1:${postgres.port} (pid ${postgres.pid})`);
	step('3. n8n main + 2 workers + 2 webhook processors behind a proxy (queue mode)');
	const emulator = await startEmulatorProcess();
	console.log(`   emulator: ${emulator.url} (pid ${emulator.pid})`);
	const cluster = await startQueueCluster({ install, redis, postgres });
	const client = await connectAsOwner(cluster.main.url);
	const stack = { server: cluster.main, client, emulator, cluster, postgres };

	step('4. scenarios');
	const outcomes = [];
	for (const [label, scenario] of SCENARIOS) {
		const t = Date.now();
		let outcome;
		try {
			outcome = await scenario(stack);
		} catch (error) {
			outcome = { ok: false, figures: error.message };
		}
		outcomes.push(outcome.ok);
		// A failure shows each n8n process's last lines: CI keeps no other record of them.
		if (!outcome.ok) {
			for (const p of [cluster.main, ...cluster.webhooks, ...cluster.workers])
				console.log(`--- ${p.name} log tail ---\n${p.logTail(25)}`);
		}
		console.log(`${outcome.ok ? 'PASS' : 'FAIL'}  ${label} (${seconds(Date.now() - t)}): ${outcome.figures}`);
	}
	const workers = cluster.workers.map((w) => `${w.name} ran ${cluster.executionsBy(w.name).size}`);
	console.log(`   executions per worker (their logs): ${workers.join(', ')}`);

	step('5. stop');
	await cluster.stop();
	await Promise.all([redis.stop(), postgres.stop(), emulator.stop()]);
	const passed = outcomes.filter(Boolean).length;
	console.log(`total ${seconds(Date.now() - started)}`);
	console.log(`${passed} passed, ${outcomes.length - passed} failed`);
	return passed === SCENARIOS.length;
}

let ok = false;
try {
	if (!existsSync(path.join(ROOT, 'node_modules'))) throw new Error('run npm ci first');
	ok = await main();
} catch (error) {
	console.error(`\ntest:scale setup failed: ${error.stack ?? error.message}`);
	console.log('0 passed, 1 failed');
} finally {
	await runCleanups();
}
process.exit(ok ? 0 : 1);
