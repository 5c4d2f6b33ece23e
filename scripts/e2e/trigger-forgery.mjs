// Forged deliveries to an active Stripe Invoicing Trigger: each must be answered 400 and start no
// execution. Counted in n8n's execution records, after a marker event: n8n records a webhook's
// execution before it answers, so once the marker's execution is on record, one for a forgery
// sent before it would be too.
import { equal } from './checks.mjs';
import { sendWebhookEvent, webhookEvents } from './emulator-client.mjs';
import { listExecutions } from './n8n-api.mjs';
import { triggerItems, waitForEventExecution } from './trigger-helpers.mjs';

async function postRaw(url, body, headers) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body,
	});
	await res.text();
	return res.status;
}

/**
 * `endpoint` is the trigger's endpoint in the emulator, `invoiceId` an invoice of the account.
 * Four forgeries: a bad and a missing Stripe-Signature posted straight to n8n's production URL,
 * and two emulator deliveries signed with the wrong key (`corrupt`) and 600 s ago (`stale`).
 */
export async function forgedDeliveriesScenario(
	{ client, emulator, secretKey },
	triggerId,
	endpoint,
	invoiceId,
) {
	const before = new Set((await listExecutions(client, triggerId)).map((e) => e.id));

	// A body that would run if it were signed: a real event of the account under a new id.
	const [real] = await webhookEvents(emulator, secretKey);
	const forged = JSON.stringify({ ...real, id: `evt_forged${Date.now().toString(36)}` });
	const t = Math.floor(Date.now() / 1000);
	equal(
		await postRaw(endpoint.url, forged, { 'stripe-signature': `t=${t},v1=${'ab'.repeat(32)}` }),
		400,
		'POST with a wrong Stripe-Signature: HTTP status',
	);
	equal(await postRaw(endpoint.url, forged, {}), 400, 'POST without Stripe-Signature: HTTP status');

	const refused = [];
	for (const signature of ['corrupt', 'stale']) {
		const sent = await sendWebhookEvent(emulator, secretKey, {
			endpoint: endpoint.id,
			type: 'invoice.paid',
			object: invoiceId,
			signature,
		});
		equal(
			sent.deliveries.map((d) => d.status),
			[400],
			`delivery signed ${signature}: HTTP status`,
		);
		refused.push(sent.event);
	}

	// The marker: the corrupt-signed event again, now signed right. A refused delivery must not
	// have marked its event as seen, so this one runs, once.
	const genuine = await sendWebhookEvent(emulator, secretKey, { endpoint: endpoint.id, event: refused[0] });
	equal(
		genuine.deliveries.map((d) => d.status),
		[200],
		'the refused event, signed right: HTTP status',
	);
	await waitForEventExecution(client, triggerId, refused[0]);
	const added = (await listExecutions(client, triggerId)).filter((e) => !before.has(e.id));
	equal(
		(await triggerItems(client, added)).map((i) => i.eventId),
		[refused[0]],
		'new trigger executions after 4 forged deliveries and 1 genuine (by event id)',
	);
}
