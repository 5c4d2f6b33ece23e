// Issue 20 in a running `n8n start`: the trigger's signing secret is nowhere a workflow reader can
// see it, deliveries leave the workflow's static data exactly as activation stored it, a secret
// planted in static data through the public API (workflow:update, no publishing) is refused, and
// a multipart POST is a plain 400. Counted in n8n's execution records after a marker event (n8n
// records a webhook's execution before it answers, so one for an earlier delivery would be there).
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { equal, expect } from './checks.mjs';
import { billInvoice, sendWebhookEvent, webhookDeliveries, webhookEvents } from './emulator-client.mjs';
import { n8n } from './lib.mjs';
import {
	deactivateWorkflow,
	getExecution,
	listExecutions,
	readWorkflow,
	updateWorkflow,
} from './n8n-api.mjs';
import { readWorkflow as readWorkflowFile, withNewAccount } from './server-scenarios.mjs';
import {
	activateTriggerWorkflow,
	postRaw,
	theOnlyEndpoint,
	triggerItems,
	waitForEventExecution,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

const SECRET_PATTERN = /whsec_/;

function signed(secret, payload) {
	const t = Math.floor(Date.now() / 1000);
	const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
	return { 'content-type': 'application/json', 'stripe-signature': `t=${t},v1=${v1}` };
}

/** Every place n8n hands a workflow to someone who may only read it; none may show a whsec_. */
async function readableCopies({ client, install, server }, workflowId) {
	const exportFile = path.join(server.env.N8N_USER_FOLDER, `export-${workflowId}.json`);
	const exported = await n8n(install, server.env, ['export:workflow', '--all', `--output=${exportFile}`]);
	expect(exported.code === 0, `n8n export:workflow exited ${exported.code}: ${exported.stderr.slice(-300)}`);
	return {
		'GET /api/v1/workflows/:id': JSON.stringify(await readWorkflow(client, workflowId)),
		'GET /api/v1/workflows': JSON.stringify(await client.api('GET', '/workflows?limit=250')),
		'GET /rest/workflows/:id': JSON.stringify(await client.rest('GET', `/workflows/${workflowId}`)),
		'n8n export:workflow --all': readFileSync(exportFile, 'utf8'),
	};
}

export async function triggerSecretsScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'secrets');
	const { client, emulator, secretKey } = stack;
	const triggerId = await activateTriggerWorkflow(stack, readWorkflowFile('trigger-invoice-paid.json'));
	try {
		const endpoint = await theOnlyEndpoint(stack, triggerId, 'after activation');
		const stored = (await readWorkflow(client, triggerId)).staticData;
		const entry = Object.values(stored ?? {})[0]?.sealedEndpoints?.production;
		expect(
			entry?.endpointId === endpoint.id && /^v1\./.test(entry.sealedSecret),
			`static data holds no sealed entry for ${endpoint.id}: ${JSON.stringify(stored)}`,
		);
		for (const [where, text] of Object.entries(await readableCopies(stack, triggerId))) {
			expect(text.includes(endpoint.id), `${where} does not show the workflow's static data`);
			expect(!SECRET_PATTERN.test(text), `${where} shows a whsec_ signing secret`);
		}

		// Deliveries of every outcome: static data stays exactly as activation stored it.
		const { invoice } = await billInvoice(emulator, secretKey, {
			customer: 'cus_demo_visa',
			amount: 1100,
			currency: 'usd',
		});
		const [paid] = await webhookDeliveries(emulator, secretKey, endpoint.id);
		equal([paid.type, paid.status], ['invoice.paid', 200], 'first delivery (type, status)');
		await waitForEventExecution(client, triggerId, paid.eventId);
		const duplicate = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			event: paid.eventId,
		});
		const notSelected = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			type: 'invoice.finalized',
			object: invoice.id,
		});
		const forged = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			type: 'invoice.paid',
			object: invoice.id,
			signature: 'corrupt',
		});
		const form = new FormData();
		form.append('id', 'evt_multipart');
		const multipart = await fetch(endpoint.url, { method: 'POST', body: form });
		const multipartText = await multipart.text();
		equal(
			[...duplicate.deliveries, ...notSelected.deliveries, ...forged.deliveries].map((d) => d.status),
			[200, 200, 400],
			'redelivery, unselected event, forged delivery: HTTP status',
		);
		equal(
			[duplicate, notSelected].map((s) => JSON.parse(s.deliveries[0].response).outcome),
			['duplicate', 'event type not selected'],
			'outcomes',
		);
		equal(
			multipart.status,
			400,
			`unsigned multipart/form-data POST: HTTP status (${multipartText.slice(0, 200)})`,
		);
		equal(
			JSON.parse(paid.response),
			{ received: true, outcome: 'accepted', eventId: paid.eventId },
			'answer to an accepted delivery',
		);
		equal((await readWorkflow(client, triggerId)).staticData, stored, 'static data after 5 deliveries');

		// Planted through the public API, as a key with workflow:update can: the readable secret older
		// versions trusted, and a made-up sealed entry. Neither signs anything; the genuine one still does.
		const nodeKey = Object.keys(stored)[0];
		await updateWorkflow(client, triggerId, (workflow) => ({
			...workflow,
			staticData: {
				[nodeKey]: {
					...stored[nodeKey],
					endpoints: { [endpoint.url]: { endpointId: endpoint.id, secret: 'whsec_planted' } },
					sealedEndpoints: {
						...stored[nodeKey].sealedEndpoints,
						test: {
							endpointId: endpoint.id,
							url: endpoint.url,
							sealedSecret: `v1.${'A'.repeat(16)}.${'B'.repeat(43)}.${'C'.repeat(22)}`,
						},
					},
				},
			},
		}));
		// A body that would run if it were signed: a real event of the account under a new id.
		const [real] = await webhookEvents(emulator, secretKey);
		const body = JSON.stringify({
			...real,
			type: 'invoice.paid',
			id: `evt_planted${Date.now().toString(36)}`,
		});
		const plantedAnswer = await postRaw(endpoint.url, body, signed('whsec_planted', body));
		equal(
			plantedAnswer.status,
			400,
			`a delivery signed with the planted secret: HTTP status (${plantedAnswer.text.slice(0, 200)})`,
		);
		const marker = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			type: 'invoice.paid',
			object: invoice.id,
		});
		equal(
			marker.deliveries.map((d) => d.status),
			[200],
			'a genuine delivery after the planting: HTTP status',
		);
		await waitForEventExecution(client, triggerId, marker.event);
		const executions = await listExecutions(client, triggerId);
		equal(
			(await triggerItems(client, executions)).map((i) => i.eventId),
			[paid.eventId, marker.event],
			'trigger executions (by event id): one per genuine event, none for the rest',
		);
		for (const execution of executions) {
			const text = JSON.stringify(await getExecution(client, execution.id));
			expect(!SECRET_PATTERN.test(text), `execution ${execution.id} shows a whsec_ signing secret`);
		}
	} finally {
		await deactivateWorkflow(client, triggerId);
	}
	await waitForNoEndpoints(stack, 'after deactivation');
}
