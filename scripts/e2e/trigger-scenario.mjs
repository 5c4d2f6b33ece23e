// The Stripe Invoicing Trigger in a running `n8n start`: import the trigger workflow, activate it,
// assert the emulator has exactly one webhook endpoint (pointing at n8n's WEBHOOK_URL), bill rows
// with Invoice & Collect, and count the trigger's executions in n8n's records: one per
// invoice.paid event, none for a redelivered event, and no endpoint left after deactivation.
// Runs only when dist/nodes/StripeInvoicingTrigger exists (and the emulator delivers webhooks);
// server-checks.mjs reports SKIP, never PASS, otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { equal, expect } from './checks.mjs';
import { sendWebhookEvent, webhookDeliveries, webhookEndpoints } from './emulator-client.mjs';
import { PACKAGE_NAME, ROOT } from './lib.mjs';
import {
	activateWorkflow,
	deactivateWorkflow,
	getExecution,
	importWorkflow,
	listExecutions,
	nodeOutput,
	waitForExecutions,
} from './n8n-api.mjs';
import { activateBillingWorkflow, postRows, readWorkflow, withNewAccount } from './server-scenarios.mjs';
import { pollUntil } from './server.mjs';

export const TRIGGER_DIST = path.join(ROOT, 'dist', 'nodes', 'StripeInvoicingTrigger');
const TRIGGER_TYPE = `${PACKAGE_NAME}.stripeInvoicingTrigger`;
const TRIGGER_NODE = 'Stripe Invoicing Trigger';

export const isTriggerWorkflow = (workflow) => (workflow.nodes ?? []).some((n) => n.type === TRIGGER_TYPE);

/** Why the trigger scenario cannot run on this build, or undefined when it can. */
export function triggerScenarioSkipReason() {
	return existsSync(TRIGGER_DIST)
		? undefined
		: `${path.relative(ROOT, TRIGGER_DIST)} is not built on this branch (StripeInvoicingTrigger not merged yet)`;
}

const ROWS = [
	{ order: 'T-4001', customer: 'cus_demo_visa', amount: 1900, currency: 'usd', item: 'Trigger order A' },
	{ order: 'T-4002', customer: 'cus_demo_visa', amount: 2900, currency: 'usd', item: 'Trigger order B' },
];

/** The trigger's output item of each execution (one item per event), oldest first. */
async function triggerItems(client, executions) {
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
function waitForEventExecution(client, workflowId, eventId) {
	const inspected = new Set();
	return pollUntil(
		async () => {
			for (const execution of await listExecutions(client, workflowId)) {
				if (inspected.has(execution.id) || ['new', 'running', 'waiting'].includes(execution.status)) continue;
				inspected.add(execution.id);
				const items = nodeOutput(await getExecution(client, execution.id), TRIGGER_NODE);
				if (items.some((item) => item.eventId === eventId)) return execution;
			}
			return undefined;
		},
		{ timeoutMs: 30_000, intervalMs: 200, what: `the trigger execution of ${eventId}` },
	);
}

export async function triggerScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'trigger');
	const { server, client, emulator, secretKey } = stack;
	equal((await webhookEndpoints(emulator, secretKey)).length, 0, 'webhook endpoints before activation');

	const triggerId = await importWorkflow(client, readWorkflow('trigger-invoice-paid.json'), {
		credentials: { stripeInvoicingApi: stack.credential },
	});
	// Settles as "published" only when the node's webhook create() succeeded.
	await activateWorkflow(client, triggerId);
	try {
		const endpoints = await webhookEndpoints(emulator, secretKey);
		equal(endpoints.length, 1, 'webhook endpoints after activation');
		const [endpoint] = endpoints;
		expect(
			endpoint.url.startsWith(`${server.webhookUrl}/`),
			`endpoint url ${endpoint.url} is not under ${server.webhookUrl}/`,
		);
		equal(endpoint.enabled_events, ['invoice.paid'], 'endpoint enabled_events');

		const billingId = await activateBillingWorkflow(stack);
		let billed;
		try {
			billed = await postRows(stack, billingId, ROWS);
		} finally {
			await deactivateWorkflow(client, billingId);
		}

		// Every delivery answered by n8n (the emulator waits for that), one per paid invoice.
		const deliveries = await webhookDeliveries(emulator, secretKey, endpoint.id);
		equal(
			deliveries.map((d) => [d.type, d.status]),
			ROWS.map(() => ['invoice.paid', 200]),
			'deliveries to the endpoint (type, HTTP status)',
		);
		const executions = await waitForExecutions(client, triggerId, { count: ROWS.length });
		equal(executions.length, ROWS.length, 'trigger executions, one per invoice.paid');
		const items = await triggerItems(client, executions);
		equal(
			items.map((i) => [i.eventType, i.invoiceId]).sort(),
			billed.map((row) => ['invoice.paid', row.invoiceId]).sort(),
			'trigger items: event type and invoice',
		);
		equal(
			items.map((i) => i.eventId).sort(),
			deliveries.map((d) => d.eventId).sort(),
			'trigger items: the delivered event ids',
		);

		// A redelivered event is acknowledged and starts nothing. A new event sent after it is the
		// marker: n8n records a webhook's execution before answering the delivery, so once the new
		// event's execution has finished, one for the redelivery would be on record too.
		const duplicate = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			event: deliveries[0].eventId,
		});
		equal(
			duplicate.deliveries.map((d) => d.status),
			[200],
			'redelivery of the same event: HTTP status',
		);
		const fresh = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			type: 'invoice.paid',
			object: billed[0].invoiceId,
		});
		equal(
			fresh.deliveries.map((d) => d.status),
			[200],
			'a new invoice.paid event: HTTP status',
		);
		await waitForEventExecution(client, triggerId, fresh.event);
		const after = await listExecutions(client, triggerId);
		equal(after.length, ROWS.length + 1, 'trigger executions after a redelivery and one new event');
		equal(
			(await triggerItems(client, after)).map((i) => i.eventId).sort(),
			[...deliveries.map((d) => d.eventId), fresh.event].sort(),
			'trigger items: each event once',
		);
	} finally {
		await deactivateWorkflow(client, triggerId);
	}
	equal((await webhookEndpoints(emulator, secretKey)).length, 0, 'webhook endpoints after deactivation');
	equal((await listExecutions(client, triggerId)).length, ROWS.length + 1, 'trigger executions at the end');
}

/**
 * For an example workflow that starts with the trigger: it activates in n8n (published), the
 * emulator then has one endpoint for n8n's webhook URL with the node's events, and none after
 * deactivation. (What it does with events is the job of triggerScenario and the unit tests.)
 */
export function triggerExampleScenario(workflow) {
	return async (sharedStack) => {
		const stack = await withNewAccount(sharedStack, 'example');
		const { server, client, emulator, secretKey } = stack;
		const workflowId = await importWorkflow(client, workflow, {
			credentials: { stripeInvoicingApi: stack.credential },
		});
		await activateWorkflow(client, workflowId);
		try {
			const endpoints = await webhookEndpoints(emulator, secretKey);
			equal(endpoints.length, 1, 'webhook endpoints after activation');
			expect(
				endpoints[0].url.startsWith(`${server.webhookUrl}/`),
				`endpoint url ${endpoints[0].url} is not under ${server.webhookUrl}/`,
			);
			const events = workflow.nodes.find((n) => n.type === TRIGGER_TYPE).parameters?.events;
			if (events)
				equal([...endpoints[0].enabled_events].sort(), [...events].sort(), 'endpoint enabled_events');
		} finally {
			await deactivateWorkflow(client, workflowId);
		}
		equal((await webhookEndpoints(emulator, secretKey)).length, 0, 'webhook endpoints after deactivation');
	};
}
