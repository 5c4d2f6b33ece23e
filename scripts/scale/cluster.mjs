// n8n in queue mode on one machine: main (`n8n start`: editor, API, trigger registration), workers
// (`n8n worker`: run every execution, taken from Redis) and a webhook processor (`n8n webhook`:
// receives production webhooks, the rows POSTed to the Webhook node and Stripe's events, and
// enqueues them). Every process has its own user folder with this package installed, one Postgres
// database and one encryption key. Built on the e2e harness (server.mjs, lib.mjs).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGE_NAME, freePort, makeUserFolder, onCleanup } from '../e2e/lib.mjs';
import { startN8nServer } from '../e2e/server.mjs';

// A killed worker's job counts as stalled once its lock lapses; n8n fails stalled jobs
// (maxStalledCount 0). Shorter than the defaults (60 s lock, 30 s check) so the kill scenario
// does not wait minutes, still far above the renew period.
const QUEUE_TIMING = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

/** A user folder with the package copied from `source` (installed once by makeUserFolder). */
function cloneUserFolder(source, prefix) {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	onCleanup(() => rmSync(folder, { recursive: true, force: true }));
	const nodes = path.join('.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	cpSync(path.join(source, nodes), path.join(folder, nodes), { recursive: true });
	return folder;
}

/**
 * Starts main, `workers` workers and one webhook processor against Redis and Postgres.
 * Returns { main, workers: [...], webhook, webhookUrl, executionsBy(name), stop() }.
 */
export async function startQueueCluster({ install, redis, postgres, workers = 2, log = console.log }) {
	const queueEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: 'unused-trust-auth',
		// n8n's default pool of 2 connections times out at 50 webhooks/s.
		DB_POSTGRESDB_POOL_SIZE: '10',
		// The package is installed on every process's disk here; with a package installed from the
		// editor, `true` makes workers and webhook processors fetch it from npm at start.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		...QUEUE_TIMING,
	};
	const processes = [];
	const stop = async () => {
		// Webhook processor and workers first, main last (it owns the publication state).
		for (const p of [...processes].reverse()) await p.stop();
	};
	onCleanup(stop);

	const mainFolder = await makeUserFolder('n8n-queue-main-');
	const webhookPort = await freePort();
	const webhookUrl = `http://127.0.0.1:${webhookPort}`;
	// Main registers trigger endpoints at WEBHOOK_URL, the webhook processor's address, and
	// leaves production webhooks to it.
	const main = await startN8nServer({
		install,
		userFolder: mainFolder,
		extraEnv: { ...queueEnv, WEBHOOK_URL: `${webhookUrl}/`, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
	});
	main.name = 'main';
	processes.push(main);
	log(`   main:    ${main.url} (pid ${main.pid})`);

	// Which worker started which execution, from the worker's own log line.
	const executionsBy = new Map();
	const startWorker = async (name) => {
		const started = new Set();
		executionsBy.set(name, started);
		const worker = await startN8nServer({
			install,
			userFolder: cloneUserFolder(mainFolder, `n8n-queue-${name}-`),
			command: 'worker',
			extraEnv: queueEnv,
			onLine: (line) => {
				const match = /Worker started execution (\d+)/.exec(line);
				if (match) started.add(match[1]);
			},
		});
		worker.name = name;
		processes.push(worker);
		log(`   ${name}: health ${worker.url} (pid ${worker.pid})`);
		return worker;
	};
	const names = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);
	const [webhook, ...workerList] = await Promise.all([
		startN8nServer({
			install,
			userFolder: cloneUserFolder(mainFolder, 'n8n-queue-webhook-'),
			command: 'webhook',
			port: webhookPort,
			extraEnv: { ...queueEnv, WEBHOOK_URL: `${webhookUrl}/` },
		}),
		...names.map(startWorker),
	]);
	webhook.name = 'webhook';
	processes.push(webhook);
	log(`   webhook: ${webhook.url} (pid ${webhook.pid})`);
	return {
		main,
		workers: workerList,
		webhook,
		webhookUrl: `${webhookUrl}/webhook`,
		/** Execution ids (strings) a worker logged as started. */
		executionsBy: (name) => executionsBy.get(name) ?? new Set(),
		/** The worker that logged starting this execution, if any. */
		workerOf: (executionId) => [...executionsBy].find(([, ids]) => ids.has(String(executionId)))?.[0],
		stop,
	};
}
