// The Stripe Invoicing Trigger after its stored secret is lost: the workflow's static data is
// dropped through n8n's public API (n8n 1.x: in its database) while the endpoint still exists in Stripe (as after a restored
// database). Deactivating then cannot remove the endpoint the node no longer knows, so it stays
// behind as an orphan; activating again must delete it (it carries this workflow's and node's
// metadata) and leave exactly one endpoint, whose deliveries run once each.
import { equal, expect } from './checks.mjs';
import { billInvoice, webhookDeliveries, webhookEndpoints } from './emulator-client.mjs';
import { activateWorkflow, clearStaticData, deactivateWorkflow, listExecutions } from './n8n-api.mjs';
import { readWorkflow, withNewAccount } from './server-scenarios.mjs';
import {
	activateTriggerWorkflow,
	theOnlyEndpoint,
	triggerItems,
	waitForEventExecution,
} from './trigger-helpers.mjs';

export async function lostSecretScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'lost-secret');
	const { client, emulator, secretKey } = stack;
	const triggerId = await activateTriggerWorkflow(stack, readWorkflow('trigger-invoice-paid.json'));
	let active = true;
	try {
		const first = await theOnlyEndpoint(stack, triggerId, 'after the first activation');
		equal(await clearStaticData(client, triggerId, stack), null, 'static data after clearing it');
		await deactivateWorkflow(client, triggerId);
		active = false;
		equal(
			(await webhookEndpoints(emulator, secretKey)).map((e) => e.id),
			[first.id],
			'endpoints after deactivating without the secret (the orphan stays)',
		);

		await activateWorkflow(client, triggerId);
		active = true;
		const second = await theOnlyEndpoint(stack, triggerId, 'after re-activation');
		expect(second.id !== first.id, `re-activation kept the orphan ${first.id} instead of a new endpoint`);

		// The node holds the new endpoint's secret: paying an invoice runs the workflow, once.
		const { invoice } = await billInvoice(emulator, secretKey, {
			customer: 'cus_demo_visa',
			amount: 1500,
			currency: 'usd',
		});
		const deliveries = await webhookDeliveries(emulator, secretKey, second.id);
		equal(
			deliveries.map((d) => [d.type, d.status]),
			[['invoice.paid', 200]],
			'deliveries to the new endpoint (type, HTTP status)',
		);
		await waitForEventExecution(client, triggerId, deliveries[0].eventId);
		equal(
			(await triggerItems(client, await listExecutions(client, triggerId))).map((i) => [
				i.eventId,
				i.invoiceId,
			]),
			[[deliveries[0].eventId, invoice.id]],
			'trigger executions after re-activation (event, invoice)',
		);
	} finally {
		if (active) await deactivateWorkflow(client, triggerId);
	}
	equal((await webhookEndpoints(emulator, secretKey)).length, 0, 'webhook endpoints after deactivation');
}
