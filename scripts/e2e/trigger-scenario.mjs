// The Stripe Invoicing Trigger in a running `n8n start`: import the trigger workflow, activate it,
// assert the emulator has exactly one webhook endpoint (pointing at n8n's WEBHOOK_URL), bill rows
// with Invoice & Collect, and count the trigger's executions in n8n's records: one per
// invoice.paid event with the event's fields mapped, none for a redelivered event, none for a
// forged one (trigger-forgery.mjs), and no endpoint left after deactivation (once the removal's
// grace period has passed).
// Runs only when dist/nodes/StripeInvoicingTrigger exists (and the emulator delivers webhooks);
// server-checks.mjs reports SKIP, never PASS, otherwise.
import { existsSync } from 'node:fs';
import path from 'node:path';

import { equal, expect } from './checks.mjs';
import { sendWebhookEvent, webhookDeliveries, webhookEndpoints } from './emulator-client.mjs';
import { ROOT } from './lib.mjs';
import { deactivateWorkflow, listExecutions, waitForExecutions } from './n8n-api.mjs';
import { activateBillingWorkflow, postRows, readWorkflow, withNewAccount } from './server-scenarios.mjs';
import { forgedDeliveriesScenario } from './trigger-forgery.mjs';
import {
	activateTriggerWorkflow,
	theOnlyEndpoint,
	triggerItems,
	waitForEventExecution,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

export const TRIGGER_DIST = path.join(ROOT, 'dist', 'nodes', 'StripeInvoicingTrigger');

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

/** Each billed row's event item carries the row's invoice, reference and amount, as paid. */
function checkMappedFields(items, billed) {
	for (const [i, row] of billed.entries()) {
		const at = `trigger item for ${ROWS[i].order}`;
		const item = items.find((it) => it.invoiceId === row.invoiceId);
		expect(item, `${at}: no item for invoice ${row.invoiceId}`);
		expect(/^evt_/.test(item.eventId ?? ''), `${at}: eventId ${item.eventId} is not an evt_ id`);
		equal(
			[item.eventType, item.invoiceId, item.paid, item.status, item.reference],
			['invoice.paid', row.invoiceId, true, 'paid', ROWS[i].order],
			`${at}: eventType, invoiceId, paid, status, reference`,
		);
		equal(
			[item.customer, item.amountPaid, item.currency],
			[ROWS[i].customer, ROWS[i].amount, ROWS[i].currency],
			`${at}: customer, amountPaid, currency`,
		);
	}
}

export async function triggerScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'trigger');
	const { client, emulator, secretKey } = stack;
	equal((await webhookEndpoints(emulator, secretKey)).length, 0, 'webhook endpoints before activation');

	const triggerId = await activateTriggerWorkflow(stack, readWorkflow('trigger-invoice-paid.json'));
	let expected = ROWS.length; // trigger executions on record at the end
	try {
		const endpoint = await theOnlyEndpoint(stack, triggerId, 'after activation');
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
		checkMappedFields(items, billed);
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

		await forgedDeliveriesScenario(stack, triggerId, endpoint, billed[1].invoiceId);
		expected = ROWS.length + 2; // the new event and the forgery check's genuine delivery
	} finally {
		await deactivateWorkflow(client, triggerId);
	}
	await waitForNoEndpoints(stack, 'after deactivation');
	equal((await listExecutions(client, triggerId)).length, expected, 'trigger executions at the end');
}
