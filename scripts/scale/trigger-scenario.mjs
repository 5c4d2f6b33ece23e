// Scenario 4 of `npm run test:scale`: signed invoice events delivered by the emulator to the
// Stripe Invoicing Trigger at a steady rate, some of them redelivered. In queue mode a webhook
// processor receives them (main registered the endpoint at the proxy's URL; the proxy sends every
// delivery of this scenario to the first processor) and workers run them.
// Counted from n8n's records: one execution per distinct event, none lost, none doubled.
import { randomUUID } from 'node:crypto';

import { activateWorkflow, deactivateWorkflow, importWorkflow, listExecutions } from '../e2e/n8n-api.mjs';
import { readWorkflow, withNewAccount } from '../e2e/server-scenarios.mjs';
import { billingWorkflow, configureEmulator, makeRows, postBatch } from './billing.mjs';

// SCALE_EVENTS / SCALE_EVENTS_PER_SECOND override the sizes (for development on a slow machine).
export const EVENTS = {
	distinct: Number(process.env.SCALE_EVENTS ?? 1000),
	perSecond: Number(process.env.SCALE_EVENTS_PER_SECOND ?? 50),
	redelivered: 0.05,
};
const INVOICES = 10; // the events are about these invoices, in turn

export async function control(stack, account, method, path, body, attempt = 1) {
	let res;
	try {
		res = await fetch(`${stack.emulator.url}/_emulator/webhooks${path}`, {
			method,
			headers: { authorization: `Bearer ${account.secretKey}`, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	} catch (error) {
		// A kept-alive socket the server closed meanwhile; a read is safe to ask again.
		if (method === 'GET' && attempt < 3) return control(stack, account, method, path, body, attempt + 1);
		// fetch's own message ("fetch failed") hides the reason in `cause`.
		throw new Error(
			`emulator ${method} ${path}: ${error.message} (${error.cause?.code ?? error.cause?.message})`,
		);
	}
	const json = await res.json();
	if (!res.ok) throw new Error(`emulator ${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
	return json;
}

/** Every execution of a workflow with its data, through the public API's pages. */
export async function executionsWithData(client, workflowId) {
	const all = [];
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '250' });
		if (cursor) query.set('cursor', cursor);
		const page = await client.api('GET', `/executions?${query}`);
		all.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

const TRIGGER_NODE = 'Stripe Invoicing Trigger';

/** Whether the execution ran its trigger node's output on (n8n failed it before, if not). */
const ranTrigger = (execution) => Boolean(execution.data?.resultData?.runData?.[TRIGGER_NODE]);

/**
 * The event an execution was started for: from the trigger's output once it ran, else from the
 * queued start (an execution n8n failed before a worker ran it still names its event there).
 */
export const eventIdOf = (execution) =>
	execution.data?.resultData?.runData?.[TRIGGER_NODE]?.[0]?.data?.main?.[0]?.[0]?.json?.eventId ??
	execution.data?.executionData?.nodeExecutionStack?.find((s) => s.node?.name === TRIGGER_NODE)?.data
		?.main?.[0]?.[0]?.json?.eventId;

/**
 * Sends `distinct` new invoice.paid events and `distinct × redelivered` redeliveries of events
 * already delivered, interleaved, at `perSecond` sends per second (a schedule, not a wait).
 */
async function deliver(stack, account, endpointId) {
	const redeliveries = Math.round(EVENTS.distinct * EVENTS.redelivered);
	const total = EVENTS.distinct + redeliveries;
	const every = Math.floor(total / redeliveries); // every n-th send is a redelivery
	const delivered = [];
	let lastLook = 0;
	let looking;
	const sends = [];
	const started = Date.now();
	let newSent = 0;
	let redelivered = 0;
	// Bounded: redeliveries need events already delivered (twice the sends is plenty).
	for (let i = 0; newSent < EVENTS.distinct || redelivered < redeliveries; i++) {
		if (i >= 2 * total) throw new Error(`only ${delivered.length} events delivered after ${i} sends`);
		const due = started + (i * 1000) / EVENTS.perSecond;
		if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
		if (!looking && Date.now() - lastLook > 500) {
			// The emulator's delivery log, read beside the schedule: events it has delivered can be
			// redelivered, whatever n8n answered (an overloaded processor may answer none in time;
			// a redelivery before n8n answered the first is answered 409 and retried below).
			const query = new URLSearchParams({ endpoint: endpointId });
			looking = control(stack, account, 'GET', `/deliveries?${query}`)
				.then(({ data }) => {
					delivered.splice(0, delivered.length, ...new Set(data.map((d) => d.eventId)));
				})
				.catch(() => undefined)
				.finally(() => {
					looking = undefined;
					lastLook = Date.now();
				});
		}
		const redeliver =
			redelivered < redeliveries &&
			delivered.length > 0 &&
			(i % every === every - 1 || newSent >= EVENTS.distinct);
		// Every new event sent, none delivered yet to redeliver: wait for the log (never a 1,001st).
		if (!redeliver && newSent >= EVENTS.distinct) continue;
		const body = redeliver
			? { endpoint: endpointId, event: delivered[Math.floor(Math.random() * delivered.length)] }
			: { endpoint: endpointId, type: 'invoice.paid', object: stack.invoiceIds[newSent % INVOICES] };
		if (redeliver) redelivered++;
		else newSent++;
		// Kept as a value: a failed send is reported with the others, not as an unhandled rejection.
		sends.push(
			control(stack, account, 'POST', '/send', body).catch((error) => ({ error: error.message, body })),
		);
	}
	const results = await Promise.all(sends);
	const failed = results.filter((r) => r.error);
	if (failed.length)
		throw new Error(
			`${failed.length} sends failed, e.g. ${failed[0].error} for ${JSON.stringify(failed[0].body)}`,
		);
	return { results, seconds: (Date.now() - started) / 1000, redelivered };
}

/** Every delivery to the endpoint, once none is in flight. */
async function deliveriesTo(stack, account, endpointId) {
	const query = new URLSearchParams({ wait: '1', endpoint: endpointId });
	return (await control(stack, account, 'GET', `/deliveries?${query}`)).data;
}

function statusCounts(deliveries) {
	const counts = {};
	for (const d of deliveries) {
		const key = d.status || (/timeout/i.test(d.error ?? '') ? 'timeout' : 'failed');
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

// Seconds before each round of retries. Stripe backs off over hours; here over minutes, enough for
// an overloaded processor to answer the first deliveries (a retry meanwhile is answered 409).
const RETRY_ROUNDS_AFTER_S = [0, 5, 15, 30, 60, 120, 240];

/**
 * Stripe retries a delivery its endpoint did not answer 2xx (a timeout, a 5xx, a 409). Here the
 * retries come in rounds, 10 in flight at a time, with pauses between the rounds. Returns how many
 * were sent.
 */
async function retryUnanswered(stack, account, endpointId) {
	let retries = 0;
	const unanswered = async () => {
		const deliveries = await deliveriesTo(stack, account, endpointId);
		const answered = new Set(deliveries.filter((d) => d.status === 200).map((d) => d.eventId));
		return [...new Set(deliveries.map((d) => d.eventId))].filter((id) => !answered.has(id));
	};
	for (const pause of RETRY_ROUNDS_AFTER_S) {
		let pending = await unanswered();
		if (pending.length === 0) break;
		if (pause) {
			await new Promise((resolve) => setTimeout(resolve, pause * 1000));
			pending = await unanswered();
			if (pending.length === 0) break;
		}
		for (let i = 0; i < pending.length; i += 10) {
			const window = pending.slice(i, i + 10);
			// A failed send is left for the next round.
			await Promise.all(
				window.map((event) =>
					control(stack, account, 'POST', '/send', { endpoint: endpointId, event }).catch(() => undefined),
				),
			);
			retries += window.length;
		}
	}
	return retries;
}

const UNFINISHED = ['new', 'running', 'waiting'];
const STALL_MS = 120_000;
const MAX_WAIT_MS = 900_000;

/**
 * Waits for `wanted` finished executions of a workflow. An overloaded webhook processor may start
 * an accepted event's execution minutes after a redelivery of it was answered as a duplicate (the
 * first delivery's work still queued behind the others in that process), so the wait lasts while
 * the executions move: it gives up when their count and statuses did not change for STALL_MS, or
 * after MAX_WAIT_MS in all. Returns { executions, ms, problem? } (problem: why it gave up).
 */
async function finishedExecutions(client, workflowId, wanted) {
	const started = Date.now();
	let executions = [];
	let state = '';
	let changed = started;
	for (;;) {
		try {
			executions = await listExecutions(client, workflowId);
		} catch {
			// Read again next time; a stall is still noticed.
		}
		const statuses = {};
		for (const e of executions) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
		const open = executions.filter((e) => UNFINISHED.includes(e.status)).length;
		const ms = Date.now() - started;
		if (open === 0 && executions.length >= wanted) return { executions, ms };
		const now = JSON.stringify(statuses);
		if (now !== state) {
			state = now;
			changed = Date.now();
		}
		const stalled = Date.now() - changed > STALL_MS;
		if (stalled || ms > MAX_WAIT_MS)
			return {
				executions,
				ms,
				problem:
					`waiting for ${wanted} finished executions: ${stalled ? `nothing changed for ${STALL_MS / 1000} s` : `not done after ${MAX_WAIT_MS / 1000} s`}, ` +
					`${executions.length} executions ${now}`,
			};
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

/**
 * Failed executions counted by their error message (and whether the trigger's output was saved):
 * CI keeps no other record of why they failed.
 */
export function errorMessages(executions) {
	const counts = {};
	for (const e of executions.filter((x) => x.status !== 'success')) {
		const error = e.data?.resultData?.error;
		const message = `${e.status}, ${ranTrigger(e) ? 'after' : 'before'} running the workflow, ${eventIdOf(e) ? 'with' : 'without'} the event: ${(error?.message ?? 'no error recorded').slice(0, 160)}`;
		counts[message] = (counts[message] ?? 0) + 1;
	}
	return Object.keys(counts).length ? JSON.stringify(counts) : '';
}

/** The first delivery n8n did not answer 200, briefly. */
function sampleFailure(deliveries) {
	const failed = deliveries.find((d) => d.status !== 200);
	return failed
		? `, e.g. ${failed.status || ''} ${(failed.response ?? failed.error ?? '').slice(0, 200)}`
		: '';
}

/**
 * 4. 1,000 signed events at 50/s, 5 % redelivered, one webhook processor: one execution per
 * distinct event (scenario 5 is the same question across two processors).
 */
export async function triggerEvents(stack) {
	await configureEmulator(stack.emulator, { rateLimit: 0, latencyMs: 0 });
	const account = await withNewAccount(stack, 'events');
	// Invoices to send events about, billed before the trigger exists (so they send nothing).
	const billing = await billingWorkflow(stack, 'events', account);
	const billed = await postBatch(billing.url, makeRows('S4', INVOICES));
	if (billed.status !== 200) throw new Error(`billing the invoices: HTTP ${billed.status} ${billed.text}`);
	await deactivateWorkflow(stack.client, billing.workflowId);
	stack = { ...stack, invoiceIds: billed.rows.map((r) => r.invoiceId) };

	const workflow = readWorkflow('trigger-invoice-paid.json');
	workflow.nodes[0].webhookId = randomUUID();
	const workflowId = await importWorkflow(stack.client, workflow, {
		credentials: { stripeInvoicingApi: account.credential },
	});
	await activateWorkflow(stack.client, workflowId);
	const rotation = stack.cluster.proxy.rotation();
	stack.cluster.proxy.use([rotation[0]]);
	try {
		const { data: endpoints } = await (
			await fetch(`${stack.emulator.url}/v1/webhook_endpoints`, {
				headers: { authorization: `Bearer ${account.secretKey}` },
			})
		).json();
		if (endpoints.length !== 1) throw new Error(`${endpoints.length} webhook endpoints after activation`);
		const endpointId = endpoints[0].id;
		const sent = await deliver(stack, account, endpointId);
		const first = await deliveriesTo(stack, account, endpointId);
		const firstStatuses = statusCounts(first);
		const retries = await retryUnanswered(stack, account, endpointId);
		const deliveries = await deliveriesTo(stack, account, endpointId);
		const distinct = new Set(deliveries.map((d) => d.eventId));
		const answered = new Set(deliveries.filter((d) => d.status === 200).map((d) => d.eventId));
		// Every event has been answered 200 by now; its execution may still be queued or running.
		const waited = await finishedExecutions(stack.client, workflowId, answered.size);
		const { executions } = waited;
		const withData = await executionsWithData(stack.client, workflowId);
		// Lost: no execution at all. Doubled: the workflow ran on the event more than once (an
		// execution n8n failed before running it, then a run of Stripe's retry, is one run).
		const perEvent = new Map();
		for (const e of withData.filter(ranTrigger))
			perEvent.set(eventIdOf(e), (perEvent.get(eventIdOf(e)) ?? 0) + 1);
		const withExecution = new Set(withData.map(eventIdOf));
		const lost = [...distinct].filter((id) => !withExecution.has(id));
		const lostSample = lost.length ? ` (e.g. ${lost.slice(0, 3).join(', ')})` : '';
		const doubled = [...perEvent].filter(([, n]) => n > 1).map(([id]) => id);
		const errors = errorMessages(withData);
		const byWorker = {};
		for (const e of executions) {
			const name = stack.cluster.workerOf(e.id) ?? 'unknown';
			byWorker[name] = (byWorker[name] ?? 0) + 1;
		}
		const success = executions.filter((e) => e.status === 'success').length;
		const ok =
			!waited.problem &&
			distinct.size === EVENTS.distinct &&
			answered.size === distinct.size &&
			executions.length >= EVENTS.distinct &&
			// An execution n8n itself failed before running it (its database out of reach on the
			// loaded machine) still is the event's one execution, listed with its error in n8n;
			// one that ran the trigger's output and failed is not.
			withData.every((e) => e.status === 'success' || !ranTrigger(e)) &&
			withData.length === executions.length &&
			lost.length === 0 &&
			doubled.length === 0;
		return {
			ok,
			figures:
				(waited.problem ? `${waited.problem}; ` : '') +
				`${first.length} deliveries (${distinct.size} distinct events + ${sent.redelivered} redeliveries) in ` +
				`${sent.seconds.toFixed(1)} s = ${(first.length / sent.seconds).toFixed(1)}/s; first attempts answered: ${JSON.stringify(firstStatuses)}${sampleFailure(first)}; ` +
				`${retries} Stripe-style retries of unanswered events; ${answered.size}/${distinct.size} events answered 200 in the end; ` +
				`n8n executions: ${executions.length} (${success} success; waited ${(waited.ms / 1000).toFixed(0)} s for them after the last answer), ${perEvent.size} events ran the workflow, ${lost.length} events lost${lostSample}, ${doubled.length} doubled; ` +
				(errors ? `failed executions by error: ${errors}; ` : '') +
				`by worker: ${Object.entries(byWorker)
					.map(([w, n]) => `${w}: ${n}`)
					.join(', ')}`,
		};
	} finally {
		stack.cluster.proxy.use(rotation);
		await deactivateWorkflow(stack.client, workflowId);
	}
}
