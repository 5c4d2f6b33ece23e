// n8n in queue mode on one machine: main (`n8n start`: editor, API, trigger registration), workers
// (`n8n worker`: run every execution, taken from Redis) and webhook processors (`n8n webhook`:
// receive production webhooks, the rows POSTed to the Webhook node and Stripe's events, and
// enqueue them) behind a round-robin proxy (proxy.mjs), the address main registers with Stripe.
// Every process has its own user folder with this package installed, one Postgres database and
// one encryption key. Built on the e2e harness (server.mjs, lib.mjs).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { PACKAGE_NAME, freePort, makeUserFolder, onCleanup } from '../e2e/lib.mjs';
import { startN8nServer } from '../e2e/server.mjs';
import { startRoundRobinProxy } from './proxy.mjs';

// A killed worker's job counts as stalled once its lock lapses; n8n fails stalled jobs
// (maxStalledCount 0). Shorter than the defaults (60 s lock, 30 s check) so the kill scenario
// does not wait minutes, still far above the renew period.
const QUEUE_TIMING = {
	QUEUE_WORKER_LOCK_DURATION: '15000',
	QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
	QUEUE_WORKER_STALLED_INTERVAL: '5000',
};

// SCALE_WEBHOOK_ENV='{"NAME":"value"}' adds settings to the webhook processors (for profiling and
// experiments, e.g. NODE_OPTIONS=--cpu-prof; not used in CI).
const WEBHOOK_PROCESSOR_ENV = JSON.parse(process.env.SCALE_WEBHOOK_ENV ?? '{}');

/** A user folder with the package copied from `source` (installed once by makeUserFolder). */
function cloneUserFolder(source, prefix) {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	onCleanup(() => rmSync(folder, { recursive: true, force: true }));
	const nodes = path.join('.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	cpSync(path.join(source, nodes), path.join(folder, nodes), { recursive: true });
	return folder;
}

/**
 * Starts main, `workers` workers and `webhookProcessors` webhook processors (webhook-1, …) behind
 * the proxy, against Redis and Postgres. Returns { main, workers: [...], webhooks: [...], webhook
 * (the first), proxy, webhookUrl, executionsBy(name), workerOf(id), restartWebhook(name),
 * restartMain(), stop() }.
 */
export async function startQueueCluster({
	install,
	redis,
	postgres,
	workers = 2,
	webhookProcessors = 2,
	log = console.log,
}) {
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
		// n8n waits 20 s for a pooled connection by default; a CPU-starved processor on the CI machine
		// hit that and failed executions ("timeout exceeded when trying to connect").
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		// The package is installed on every process's disk here; with a package installed from the
		// editor, `true` makes workers and webhook processors fetch it from npm at start.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		...QUEUE_TIMING,
	};
	const processes = new Map();
	const stop = async () => {
		// Webhook processors and workers first, main last (it owns the publication state).
		for (const p of [...processes.values()].reverse()) await p.stop();
	};
	onCleanup(stop);

	// The load balancer's address is the public one: Stripe's endpoints point there.
	const webhookNames = Array.from({ length: webhookProcessors }, (_, i) => `webhook-${i + 1}`);
	const webhookPorts = await Promise.all(webhookNames.map(() => freePort()));
	const proxy = await startRoundRobinProxy({
		backends: webhookNames.map((name, i) => ({ name, port: webhookPorts[i] })),
	});
	const webhookUrl = proxy.url;

	const mainFolder = await makeUserFolder('n8n-queue-main-');
	// Main registers trigger endpoints at WEBHOOK_URL, the proxy's address, and leaves production
	// webhooks to the webhook processors.
	const mainOptions = {
		install,
		userFolder: mainFolder,
		extraEnv: { ...queueEnv, WEBHOOK_URL: `${webhookUrl}/`, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' },
	};
	const startMain = async (port) => {
		const main = await startN8nServer({ ...mainOptions, port });
		main.name = 'main';
		processes.set('main', main);
		return main;
	};
	let main = await startMain();
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
		processes.set(name, worker);
		log(`   ${name}: health ${worker.url} (pid ${worker.pid})`);
		return worker;
	};
	const webhookFolders = new Map();
	const startWebhook = async (name, env = {}) => {
		if (!webhookFolders.has(name))
			webhookFolders.set(name, cloneUserFolder(mainFolder, `n8n-queue-${name}-`));
		const webhook = await startN8nServer({
			install,
			userFolder: webhookFolders.get(name),
			command: 'webhook',
			port: webhookPorts[webhookNames.indexOf(name)],
			extraEnv: { ...queueEnv, WEBHOOK_URL: `${webhookUrl}/`, ...WEBHOOK_PROCESSOR_ENV, ...env },
		});
		webhook.name = name;
		processes.set(name, webhook);
		const settings = Object.entries(env).map(([k, v]) => `${k}=${v}`);
		log(
			`   ${name}: ${webhook.url} (pid ${webhook.pid}), behind the proxy ${proxy.url}` +
				`${settings.length ? ` with ${settings.join(' ')}` : ''}`,
		);
		return webhook;
	};
	const names = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);
	const started = await Promise.all([...webhookNames.map(startWebhook), ...names.map(startWorker)]);
	const cluster = {
		main,
		workers: started.slice(webhookNames.length),
		webhooks: started.slice(0, webhookNames.length),
		webhook: started[0],
		proxy,
		webhookUrl: `${webhookUrl}/webhook`,
		/** Execution ids (strings) a worker logged as started. */
		executionsBy: (name) => executionsBy.get(name) ?? new Set(),
		/** The worker that logged starting this execution, if any. */
		workerOf: (executionId) => [...executionsBy].find(([, ids]) => ids.has(String(executionId)))?.[0],
		/**
		 * Stops a webhook processor (SIGTERM) and starts it again, same port and user folder, with
		 * `env` added to its settings (none: as it first started).
		 */
		async restartWebhook(name, env = {}) {
			await processes.get(name).stop();
			const webhook = await startWebhook(name, env);
			cluster.webhooks[webhookNames.indexOf(name)] = webhook;
			if (name === webhookNames[0]) cluster.webhook = webhook;
			return webhook;
		},
		/** Stops main (SIGTERM) and starts it again on the same port: its API key stays valid. */
		async restartMain() {
			await main.stop();
			main = await startMain(main.port);
			cluster.main = main;
			log(`   main restarted: ${main.url} (pid ${main.pid})`);
			return main;
		},
		stop,
	};
	return cluster;
}
