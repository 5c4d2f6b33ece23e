// Issue 20 defect 5 in real n8n: n8n restarts with another public URL (WEBHOOK_URL), here a
// loopback reverse proxy in front of the same n8n. n8n 2.41 does not call a published webhook
// trigger's hooks when it starts (its publication service keeps webhook registrations across
// restarts), so the endpoint keeps the old URL until the workflow is published again. n8n 1.x
// re-adds every active workflow's webhooks at start (checkExists, then create), so there the
// endpoint moves during the restart itself. Either way the node finds its endpoint at Stripe by
// metadata and moves it to the new URL in place (same id, same secret: no second endpoint, no
// doubled events), publishing again changes nothing more, and unpublishing still removes it.
// Restarts the shared server, so it runs last; the stack's server is the new process afterwards.
import http from 'node:http';

import { equal, expect } from './checks.mjs';
import { webhookEndpoints } from './emulator-client.mjs';
import { freePort, onCleanup } from './lib.mjs';
import { majorOf } from './install-n8n.mjs';
import { activateWorkflow, deactivateWorkflow, waitForPublication } from './n8n-api.mjs';
import { pollUntil, startN8nServer } from './server.mjs';
import { readWorkflow as readWorkflowFile, withNewAccount } from './server-scenarios.mjs';
import {
	activateTriggerWorkflow,
	billAndExpectOneRun,
	theOnlyEndpoint,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

/** Forwards every request, bytes unchanged, to `target` (the n8n server); returns { url, close }. */
async function startProxy(target) {
	const port = await freePort();
	const server = http.createServer((req, res) => {
		const upstream = http.request(
			`${target}${req.url}`,
			{ method: req.method, headers: { ...req.headers, host: new URL(target).host } },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => {
			res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const close = () =>
		new Promise((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	onCleanup(close);
	return { url: `http://127.0.0.1:${port}`, close };
}

export async function triggerMovedUrlScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'moved-url');
	const { client, emulator, secretKey } = stack;
	const triggerId = await activateTriggerWorkflow(stack, readWorkflowFile('trigger-invoice-paid.json'));
	let active = true;
	try {
		const before = await theOnlyEndpoint(stack, triggerId, 'before the restart');
		const proxy = await startProxy(stack.server.url);
		await stack.server.stop();
		const restarted = await startN8nServer({
			install: stack.install,
			userFolder: stack.userFolder,
			port: stack.server.port,
			extraEnv: { WEBHOOK_URL: `${proxy.url}/` },
		});
		// The shared stack (and its final stop) now means the new process.
		sharedStack.server = restarted;
		stack.server = restarted;
		await waitForPublication(client, triggerId, 'published', 60_000);
		const movedUrl = before.url.replace(stack.server.url, proxy.url);
		const reAddsAtStart = majorOf(stack.install.version) < 2;
		// n8n 1.x may answer its API before its start-up activation has reached Stripe: wait (bounded).
		const endpointsNow = async () => (await webhookEndpoints(emulator, secretKey)).map((e) => [e.id, e.url]);
		if (reAddsAtStart)
			await pollUntil(async () => (await endpointsNow()).some(([, url]) => url === movedUrl), {
				timeoutMs: 30_000,
				intervalMs: 250,
				what: `endpoint ${before.id} moved to ${movedUrl} at start`,
			}).catch(() => undefined);
		equal(
			await endpointsNow(),
			[[before.id, reAddsAtStart ? movedUrl : before.url]],
			reAddsAtStart
				? `endpoints right after the restart (n8n ${stack.install.version} re-adds webhooks at start: moved in place)`
				: `endpoints right after the restart (n8n ${stack.install.version} calls no hook at start)`,
		);

		// Published again, as the README says to after changing WEBHOOK_URL.
		await deactivateWorkflow(client, triggerId);
		active = false;
		await activateWorkflow(client, triggerId);
		active = true;
		equal(
			(await webhookEndpoints(emulator, secretKey)).map((e) => [e.id, e.url]),
			[[before.id, movedUrl]],
			'endpoints after publishing again with the new WEBHOOK_URL (id, url)',
		);

		const { delivery } = await billAndExpectOneRun(
			stack,
			triggerId,
			before.id,
			{ customer: 'cus_demo_visa', amount: 1700, currency: 'usd' },
			'after the move',
		);
		expect(
			delivery.url.startsWith(proxy.url),
			`the delivery went to ${delivery.url}, not through ${proxy.url}`,
		);
		expect(restarted.exited() === undefined, 'the restarted n8n exited');
	} finally {
		if (active) await deactivateWorkflow(client, triggerId);
		active = false;
	}
	await waitForNoEndpoints(stack, 'after deactivation');
}
