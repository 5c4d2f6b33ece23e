// `n8n start` (the main process) for scenarios that need a running n8n: production webhooks and
// trigger nodes, which `n8n execute` cannot exercise. SQLite, its own user folder, loopback only.
//
// Used by server-checks.mjs (step 5 of test:e2e). Scenarios: server-scenarios.mjs (stack, webhook),
// trigger-scenario.mjs (with trigger-forgery.mjs), trigger-lost-secret.mjs, trigger-secrets.mjs,
// trigger-republish.mjs, trigger-dashboard.mjs, trigger-examples.mjs and trigger-moved-url.mjs;
// add new ones beside them and list them in server-checks.mjs.
import { majorOf } from './install-n8n.mjs';
import { freePort, n8nEnv, seconds, spawnTracked } from './lib.mjs';

const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const LOG_LINES_KEPT = 200;

/** Polls `check` until it returns a truthy value or the deadline passes (then throws `what`). */
export async function pollUntil(check, { timeoutMs, intervalMs = 250, what }) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		try {
			const value = await check();
			if (value) return value;
		} catch (error) {
			last = error;
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(
		`timed out after ${seconds(timeoutMs)} waiting for ${what}${last ? ` (${last.message})` : ''}`,
	);
}

function keepTail(stream, lines, onLine) {
	let partial = '';
	stream?.on('data', (chunk) => {
		const parts = (partial + chunk).split('\n');
		partial = parts.pop();
		if (onLine) for (const line of parts) onLine(line);
		lines.push(...parts);
		if (lines.length > LOG_LINES_KEPT) lines.splice(0, lines.length - LOG_LINES_KEPT);
	});
}

/**
 * Starts `n8n start` on a free loopback port with the user folder given (package already installed
 * there, see makeUserFolder) and waits until /healthz/readiness answers 200, which n8n only does
 * once the database is migrated and the server has loaded nodes and active workflows.
 * `command` 'worker' or 'webhook' starts a queue-mode process instead (a worker answers
 * /healthz/readiness on its health-check server, on `port`); `onLine` sees every log line.
 * Returns { url, port, webhookUrl, pid, env, install, logTail(), exited(), stop() }.
 */
export async function startN8nServer({
	install,
	userFolder,
	extraEnv = {},
	command = 'start',
	port,
	onLine,
}) {
	port ??= await freePort();
	const url = `http://127.0.0.1:${port}`;
	const env = n8nEnv({
		userFolder,
		brokerPort: await freePort(),
		nodeBin: install.nodeBin,
		extra: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			// Trigger nodes register this URL with the outside service (here: the emulator).
			WEBHOOK_URL: `${url}/`,
			N8N_SECURE_COOKIE: 'false', // plain http on loopback
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// n8n 2.x fetches a catalogue from api.n8n.io at start; the network here is loopback only.
			// (n8n 1.x has no such module and refuses to start when it is named.)
			...(majorOf(install.version) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
			...(command === 'worker'
				? {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}
				: {}),
			...extraEnv,
		},
	});
	const child = spawnTracked(install.nodeBin, [install.n8nBin, command], { cwd: userFolder, env });
	const lines = [];
	keepTail(child.stdout, lines, onLine);
	keepTail(child.stderr, lines, onLine);
	let exited;
	child.on('exit', (code, signal) => (exited = { code, signal }));

	const server = {
		url,
		port,
		webhookUrl: `${url}/webhook`,
		pid: child.pid,
		env,
		install,
		logTail: (n = 40) => lines.slice(-n).join('\n'),
		exited: () => exited,
		stop: () => stopGroup(child, () => exited),
	};
	try {
		await pollUntil(
			async () => {
				if (exited) throw new Error(`n8n ${command} exited early (${exited.code ?? exited.signal})`);
				const res = await fetch(`${url}/healthz/readiness`);
				return res.status === 200;
			},
			{ timeoutMs: READY_TIMEOUT_MS, intervalMs: 500, what: `n8n ${command} on ${url}` },
		);
	} catch (error) {
		await server.stop();
		throw new Error(`${error.message}\n--- n8n log tail ---\n${server.logTail()}`);
	}
	return server;
}

/** SIGTERM to the whole process group (n8n and its task runner), SIGKILL if still there. */
async function stopGroup(child, exited) {
	const signal = (sig) => {
		try {
			process.kill(-child.pid, sig);
			return true;
		} catch {
			return false; // group already gone
		}
	};
	if (!signal('SIGTERM')) return;
	const deadline = Date.now() + STOP_TIMEOUT_MS;
	while (!exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
	// Whatever is left in the group (a runner that ignored SIGTERM) goes now.
	signal('SIGKILL');
}
