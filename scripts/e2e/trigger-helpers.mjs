// What the trigger scenarios share: the node's type and name, reading its output from n8n's
// execution records, waiting for one event's execution, the endpoint a workflow registered, and
// one paid invoice running the workflow once.
import { equal, expect } from './checks.mjs';
import { billInvoice, webhookDeliveries, webhookEndpoints } from './emulator-client.mjs';
import { PACKAGE_NAME } from './lib.mjs';
import { activateWorkflow, getExecution, importWorkflow, listExecutions, nodeOutput } from './n8n-api.mjs';
import { pollUntil } from './server.mjs';

export const TRIGGER_TYPE = `${PACKAGE_NAME}.stripeInvoicingTrigger`;
export const TRIGGER_NODE = 'Stripe Invoicing Trigger';

export const isTriggerWorkflow = (workflow) => (workflow.nodes ?? []).some((n) => n.type === TRIGGER_TYPE);

const unfinished = (execution) => ['new', 'running', 'waiting'].includes(execution.status);

/** The trigger's output item of each execution (one item per event), oldest first. */
export async function triggerItems(client, executions) {
	const items = [];
	for (const execution of [...executions].reverse()) {
		equal(execution.status, 'success', `trigger execution ${execution.id} status`);
		items.push(...nodeOutput(await getExecution(client, execution.id), TRIGGER_NODE));
	}
	return items;
}

/**
 * Waits (bounded) for the finished execution that carries one event; returns it. Executions are
 * read once each, as they finish.
 */
export function waitForEventExecution(client, workflowId, eventId) {
	const inspected = new Set();
	return pollUntil(
		async () => {
			for (const execution of await listExecutions(client, workflowId)) {
				if (inspected.has(execution.id) || unfinished(execution)) continue;
				inspected.add(execution.id);
				const items = nodeOutput(await getExecution(client, execution.id), TRIGGER_NODE);
				if (items.some((item) => item.eventId === eventId)) return execution;
			}
			return undefined;
		},
		{ timeoutMs: 30_000, intervalMs: 200, what: `the trigger execution of ${eventId}` },
	);
}

/** Imports a trigger workflow with the stack's credential and activates it; returns its id. */
export async function activateTriggerWorkflow(stack, workflow) {
	const workflowId = await importWorkflow(stack.client, workflow, {
		credentials: { stripeInvoicingApi: stack.credential },
	});
	// Settles as "published" only when the node's webhook create() succeeded.
	await activateWorkflow(stack.client, workflowId);
	return workflowId;
}

/**
 * The account's one webhook endpoint, after checking it is the only one, points under n8n's
 * production webhook URL and carries this workflow's metadata.
 */
export async function theOnlyEndpoint({ server, emulator, secretKey }, workflowId, what) {
	const endpoints = await webhookEndpoints(emulator, secretKey);
	equal(endpoints.length, 1, `webhook endpoints ${what}`);
	const [endpoint] = endpoints;
	expect(
		endpoint.url.startsWith(`${server.webhookUrl}/`),
		`endpoint url ${endpoint.url} is not under ${server.webhookUrl}/`,
	);
	equal(endpoint.metadata?.n8n_workflow_id, workflowId, `endpoint metadata n8n_workflow_id ${what}`);
	return endpoint;
}

/**
 * Waits (bounded) until the account has no webhook endpoint left: an unpublished trigger removes its
 * endpoint a few seconds after n8n's delete() (README "Endpoint lifecycle"), unless published again.
 */
export async function waitForNoEndpoints({ emulator, secretKey }, what) {
	let last = [];
	try {
		await pollUntil(
			async () => {
				last = await webhookEndpoints(emulator, secretKey);
				return last.length === 0;
			},
			// The grace period is 5 s (removal.ts); the rest is slack for a loaded machine.
			{ timeoutMs: 30_000, intervalMs: 250, what: `no webhook endpoint ${what}` },
		);
	} catch {
		equal(
			last.map((e) => e.id),
			[],
			`webhook endpoints ${what}`,
		);
	}
}

/** POSTs a body to a URL as is; returns { status, text }. */
export async function postRaw(url, body, headers) {
	const res = await fetch(url, { method: 'POST', headers, body });
	return { status: res.status, text: await res.text() };
}

/**
 * Pays one invoice (`bill`) and checks that its only delivery to `endpointId` was accepted and ran
 * the workflow once, with that invoice, and that no other execution exists. Returns
 * { invoice, delivery }.
 */
export async function billAndExpectOneRun(
	{ client, emulator, secretKey },
	workflowId,
	endpointId,
	bill,
	what,
) {
	const { invoice } = await billInvoice(emulator, secretKey, bill);
	const deliveries = await webhookDeliveries(emulator, secretKey, endpointId);
	equal(
		deliveries.map((d) => [d.type, d.status]),
		[['invoice.paid', 200]],
		`deliveries ${what} (type, HTTP status)`,
	);
	await waitForEventExecution(client, workflowId, deliveries[0].eventId);
	equal(
		(await triggerItems(client, await listExecutions(client, workflowId))).map((i) => [
			i.eventId,
			i.invoiceId,
		]),
		[[deliveries[0].eventId, invoice.id]],
		`trigger executions ${what} (event, invoice)`,
	);
	return { invoice, delivery: deliveries[0] };
}
