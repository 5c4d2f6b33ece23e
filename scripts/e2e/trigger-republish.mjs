// Issue 20 in a running `n8n start`, the endpoint's lifecycle: a new version with other Events
// (and Fetch Current Invoice on) is published and n8n tears the old node down first, yet the
// endpoint is updated in place (same id and secret) and a redelivery of an earlier event is still
// caught; a failed fetch answers Stripe with a short 500 and starts nothing; unpublishing while
// Stripe cannot be reached leaves the endpoint (n8n's log and the static data say which), and
// publishing again takes it back.
import { equal, expect } from './checks.mjs';
import { billInvoice, sendWebhookEvent, webhookDeliveries, webhookEndpoints } from './emulator-client.mjs';
import {
	activateWorkflow,
	deactivateWorkflow,
	listExecutions,
	readWorkflow,
	updateWorkflow,
} from './n8n-api.mjs';
import { readWorkflow as readWorkflowFile, withNewAccount } from './server-scenarios.mjs';
import {
	TRIGGER_TYPE,
	activateTriggerWorkflow,
	theOnlyEndpoint,
	triggerItems,
	waitForEventExecution,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

function withTriggerParameters(change) {
	return (workflow) => ({
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node.type === TRIGGER_TYPE ? { ...node, parameters: change(node.parameters) } : node,
		),
	});
}

export async function triggerRepublishScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'republish');
	const { client, emulator, secretKey, server } = stack;
	const triggerId = await activateTriggerWorkflow(stack, readWorkflowFile('trigger-invoice-paid.json'));
	let active = true;
	try {
		const endpoint = await theOnlyEndpoint(stack, triggerId, 'after activation');
		const { invoice } = await billInvoice(emulator, secretKey, {
			customer: 'cus_demo_visa',
			amount: 1300,
			currency: 'usd',
		});
		const [paid] = await webhookDeliveries(emulator, secretKey, endpoint.id);
		await waitForEventExecution(client, triggerId, paid.eventId);
		const sealed = (await readWorkflow(client, triggerId)).staticData;

		// A new version: other Events, Fetch Current Invoice on. n8n deletes the old node's webhook, then
		// creates the new one; the endpoint must survive in place.
		await updateWorkflow(
			client,
			triggerId,
			withTriggerParameters((parameters) => ({
				...parameters,
				events: ['invoice.paid', 'invoice.voided'],
				options: { fetchCurrentInvoice: true },
			})),
		);
		await activateWorkflow(client, triggerId);
		const moved = await theOnlyEndpoint(stack, triggerId, 'after publishing the new version');
		equal(
			[moved.id, [...moved.enabled_events].sort()],
			[endpoint.id, ['invoice.paid', 'invoice.voided']],
			'endpoint id and events after publishing the new version',
		);
		// Still there after the removal the teardown scheduled would have run.
		await new Promise((resolve) => setTimeout(resolve, 7_000));
		equal(
			(await webhookEndpoints(emulator, secretKey)).map((e) => e.id),
			[endpoint.id],
			'endpoints 7 s later',
		);
		const kept = (await readWorkflow(client, triggerId)).staticData;
		equal(
			Object.values(kept)[0].sealedEndpoints.production,
			Object.values(sealed)[0].sealedEndpoints.production,
			'the sealed secret (same endpoint, same secret)',
		);
		const redelivery = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			event: paid.eventId,
		});
		equal(
			JSON.parse(redelivery.deliveries[0].response).outcome,
			'duplicate',
			'redelivery of an earlier event after the re-publication',
		);

		// Fetch Current Invoice fails: a short 500 (Stripe retries), no execution; then the retry runs.
		const fault = emulator.addFault({
			method: 'GET',
			path: '/v1/invoices/*',
			action: 'error_500',
			every: true,
			apiKey: secretKey,
		});
		let failed;
		try {
			failed = await sendWebhookEvent(emulator, secretKey, {
				endpoint: endpoint.id,
				type: 'invoice.paid',
				object: invoice.id,
			});
		} finally {
			fault.remove();
		}
		const [answer] = failed.deliveries;
		equal(answer.status, 500, 'a delivery whose fetch failed: HTTP status');
		const failure = JSON.parse(answer.response);
		equal(Object.keys(failure), ['error'], `a delivery whose fetch failed: answer ${answer.response}`);
		expect(
			/^Fetch Current Invoice failed: /.test(failure.error) && !/\n\s+at /.test(failure.error),
			`answer: ${answer.response}`,
		);
		const retried = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			event: failed.event,
		});
		equal(
			retried.deliveries.map((d) => d.status),
			[200],
			"Stripe's retry of that event: HTTP status",
		);
		await waitForEventExecution(client, triggerId, failed.event);
		const items = await triggerItems(client, await listExecutions(client, triggerId));
		equal(
			items.map((i) => [i.eventId, i.fetchedCurrent ?? false]),
			[
				[paid.eventId, false],
				[failed.event, true],
			],
			'trigger executions (event, fetchedCurrent)',
		);

		// Unpublished while Stripe cannot be reached: the endpoint stays, and that is on record.
		const unreachable = emulator.addFault({
			path: /^\/v1\/webhook_endpoints/,
			action: 'drop_before',
			every: true,
			apiKey: secretKey,
		});
		try {
			await deactivateWorkflow(client, triggerId, { timeoutMs: 60_000 });
			active = false;
		} finally {
			unreachable.remove();
		}
		const leftBehind = Object.values((await readWorkflow(client, triggerId)).staticData)[0].leftBehind;
		equal(leftBehind?.endpointIds, [endpoint.id], 'static data: the endpoint left behind');
		const log = server.logTail(200);
		const logged = log
			.split('\n')
			.find((line) => line.includes(`Could not remove the Stripe webhook endpoint ${endpoint.id}`));
		expect(
			logged !== undefined && !logged.includes(secretKey),
			`n8n's log does not name the endpoint left behind:\n${log.split('\n').slice(-15).join('\n')}`,
		);
		console.log(`      n8n logged: ${logged.trim().slice(0, 300)}`);
		equal(
			(await webhookEndpoints(emulator, secretKey)).map((e) => e.id),
			[endpoint.id],
			'endpoints after unpublishing without Stripe',
		);

		await activateWorkflow(client, triggerId);
		active = true;
		equal(
			(await theOnlyEndpoint(stack, triggerId, 'after publishing again')).id,
			endpoint.id,
			'the endpoint taken back',
		);
		equal(
			Object.values((await readWorkflow(client, triggerId)).staticData)[0].leftBehind,
			undefined,
			'static data note after publishing again',
		);
	} finally {
		if (active) await deactivateWorkflow(client, triggerId);
	}
	await waitForNoEndpoints(stack, 'after deactivation');
}
