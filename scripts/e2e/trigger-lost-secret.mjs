// The Stripe Invoicing Trigger after its static data is lost: dropped through n8n's public API
// (n8n 1.x: in its database) while the endpoint still exists in Stripe (as after a restored
// database). Deliveries are then refused (the node holds no secret for them); unpublishing still
// finds the endpoint at Stripe by its metadata (workflow, node) and removes it; publishing again
// leaves exactly one endpoint, whose deliveries run once each.
import { equal, expect } from './checks.mjs';
import { billInvoice, webhookDeliveries } from './emulator-client.mjs';
import { activateWorkflow, clearStaticData, deactivateWorkflow } from './n8n-api.mjs';
import { readWorkflow, withNewAccount } from './server-scenarios.mjs';
import {
	activateTriggerWorkflow,
	billAndExpectOneRun,
	theOnlyEndpoint,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

const BILL = { customer: 'cus_demo_visa', amount: 1500, currency: 'usd' };

export async function lostSecretScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'lost-secret');
	const { client, emulator, secretKey } = stack;
	const triggerId = await activateTriggerWorkflow(stack, readWorkflow('trigger-invoice-paid.json'));
	let active = true;
	try {
		const first = await theOnlyEndpoint(stack, triggerId, 'after the first activation');
		equal(await clearStaticData(client, triggerId, stack), null, 'static data after clearing it');
		await billInvoice(emulator, secretKey, BILL);
		equal(
			(await webhookDeliveries(emulator, secretKey, first.id)).map((d) => [d.type, d.status]),
			[['invoice.paid', 400]],
			'a delivery while the node holds no secret (type, HTTP status)',
		);
		await deactivateWorkflow(client, triggerId);
		active = false;
		await waitForNoEndpoints(stack, 'after deactivating without the secret (found by metadata)');

		await activateWorkflow(client, triggerId);
		active = true;
		const second = await theOnlyEndpoint(stack, triggerId, 'after re-activation');
		expect(second.id !== first.id, `re-activation kept ${first.id}, whose secret it no longer holds`);

		await billAndExpectOneRun(stack, triggerId, second.id, BILL, 'after re-activation');
	} finally {
		if (active) await deactivateWorkflow(client, triggerId);
	}
	await waitForNoEndpoints(stack, 'after deactivation');
}
