// Webhook endpoints through the official SDK, and the events the emulator delivers as invoices move:
// every delivery must pass stripe.webhooks.constructEvent with the endpoint's secret.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { startReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
useEmulator((e) => (emulator = e));

let receiver: WebhookReceiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	emulator.webhooks.configure({ repeat: 0, delayMs: 0, hold: false, signature: 'valid' });
	await receiver.close();
});

async function endpoint(stripe: Stripe, events: string[] = ['*'], url = receiver.url) {
	return await stripe.webhookEndpoints.create({
		url,
		enabled_events: events as Stripe.WebhookEndpointCreateParams.EnabledEvent[],
		api_version: '2026-10-28.endive',
	});
}

/** The delivered events, each checked with constructEvent against the endpoint's secret. */
async function verifiedEvents(stripe: Stripe, secret: string): Promise<Stripe.Event[]> {
	await emulator.webhooks.idle();
	return receiver.received.map((d) =>
		stripe.webhooks.constructEvent(d.rawBody, String(d.headers['stripe-signature']), secret),
	);
}

describe('webhook endpoints', () => {
	test('create returns the signing secret once; retrieve, update, list and delete', async () => {
		const stripe = sdk(emulator, freshKey());
		const created = await stripe.webhookEndpoints.create({
			url: 'https://example.com/hook',
			enabled_events: ['invoice.paid'],
			description: 'n8n',
			metadata: { n8n_workflow_id: 'wf1' },
		});
		expect(created.id).toMatch(/^we_/);
		expect(created.secret).toMatch(/^whsec_/);
		expect(created.status).toBe('enabled');
		const fetched = await stripe.webhookEndpoints.retrieve(created.id);
		expect(fetched.secret).toBeUndefined();
		expect(fetched.metadata).toEqual({ n8n_workflow_id: 'wf1' });

		const updated = await stripe.webhookEndpoints.update(created.id, {
			enabled_events: ['invoice.paid', 'invoice.payment_failed'],
			disabled: true,
			url: 'https://example.com/other',
			metadata: { n8n_workflow_id: '' },
		});
		expect(updated).toMatchObject({
			enabled_events: ['invoice.paid', 'invoice.payment_failed'],
			status: 'disabled',
			url: 'https://example.com/other',
			metadata: {},
		});
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([created.id]);
		expect(await stripe.webhookEndpoints.del(created.id)).toMatchObject({ id: created.id, deleted: true });
		const missing = await rejectionOf(
			stripe.webhookEndpoints.retrieve(created.id),
			Stripe.errors.StripeInvalidRequestError,
		);
		expect(missing.statusCode).toBe(404);
	});

	test('an account holds 16 endpoints; the 17th is refused with the limit in the message', async () => {
		const stripe = sdk(emulator, freshKey());
		for (let n = 0; n < 16; n++) await endpoint(stripe, ['invoice.paid'], `https://example.com/${n}`);
		const full = await rejectionOf(endpoint(stripe), Stripe.errors.StripeInvalidRequestError);
		expect(full.message).toMatch(/maximum of 16/);
		expect((await stripe.webhookEndpoints.list({ limit: 100 })).data).toHaveLength(16);
	});

	test('unknown event types and missing enabled_events are refused', async () => {
		const stripe = sdk(emulator, freshKey());
		const unknown = await rejectionOf(
			endpoint(stripe, ['invoiceitem.updated']),
			Stripe.errors.StripeInvalidRequestError,
		);
		expect(unknown.param).toBe('enabled_events[0]');
		const missing = await rejectionOf(endpoint(stripe, []), Stripe.errors.StripeInvalidRequestError);
		expect(missing.param).toBe('enabled_events');
	});
});

describe('event delivery', () => {
	test('an invoice from draft to paid: signed events in order, with data.previous_attributes on updates', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe);
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1500);
		await stripe.invoices.update(draft.id, { metadata: { n8n_reference: 'order-1' } });
		await stripe.invoices.finalizeInvoice(draft.id);
		await stripe.invoices.pay(draft.id);

		const events = await verifiedEvents(stripe, secret!);
		expect(events.map((e) => e.type)).toEqual([
			'invoice.created',
			'invoice.updated', // the item changed the draft's totals
			'invoiceitem.created',
			'invoice.updated',
			'invoice.finalized',
			'invoice.payment_succeeded',
			'invoice.paid',
			'invoice_payment.paid',
		]);
		for (const event of events) {
			expect(event).toMatchObject({ object: 'event', api_version: '2026-10-28.endive', livemode: false });
			expect(event.id).toMatch(/^evt_/);
			expect(event.request?.id).toMatch(/^req_/);
		}
		const metadataUpdate = events[3] as Stripe.InvoiceUpdatedEvent;
		expect(metadataUpdate.data.previous_attributes).toEqual({ metadata: {} });
		const paid = events[6] as Stripe.InvoicePaidEvent;
		expect(paid.data.object).toMatchObject({ id: draft.id, status: 'paid', amount_paid: 1500 });
		// Stripe sends pretty-printed JSON; verifying must use the bytes as sent.
		expect(receiver.received[0].rawBody.toString()).toContain('\n  "id": "evt_');
	});

	test('only the events an endpoint subscribed to; none to a disabled endpoint', async () => {
		const stripe = sdk(emulator, freshKey());
		const other = await startReceiver();
		try {
			await endpoint(stripe, ['invoice.paid']);
			const disabled = await endpoint(stripe, ['*'], other.url);
			await stripe.webhookEndpoints.update(disabled.id, { disabled: true });
			const customer = await customerWithCard(stripe);
			const draft = await draftWithItem(stripe, customer.id, 900);
			await stripe.invoices.pay(draft.id);
			await emulator.webhooks.idle();
			expect(receiver.events().map((e) => e.type)).toEqual(['invoice.paid']);
			expect(other.received).toHaveLength(0);
		} finally {
			await other.close();
		}
	});

	test('declines, 3DS, send, void, uncollectible and deletions', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe);
		const declining = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const failing = await draftWithItem(stripe, declining.id, 700);
		await stripe.invoices.finalizeInvoice(failing.id);
		await rejectionOf(stripe.invoices.pay(failing.id), Stripe.errors.StripeCardError);
		await stripe.invoices.markUncollectible(failing.id);
		await stripe.invoices.voidInvoice(failing.id);

		const sca = await customerWithCard(stripe, 'pm_card_authenticationRequired');
		const needsAction = await draftWithItem(stripe, sca.id, 800);
		await stripe.invoices.finalizeInvoice(needsAction.id);
		await rejectionOf(stripe.invoices.pay(needsAction.id), Stripe.errors.StripeCardError);

		const emailed = await stripe.invoices.create({
			customer: declining.id,
			collection_method: 'send_invoice',
			days_until_due: 7,
		});
		const item = await stripe.invoiceItems.create({
			customer: declining.id,
			invoice: emailed.id,
			amount: 500,
			currency: 'usd',
		});
		await stripe.invoiceItems.del(item.id);
		await stripe.invoices.del(emailed.id);

		const types = (await verifiedEvents(stripe, secret!)).map((e) => e.type);
		for (const type of [
			'invoice.payment_failed',
			'invoice.marked_uncollectible',
			'invoice.voided',
			'invoice.payment_action_required',
			'invoiceitem.deleted',
			'invoice.deleted',
		]) {
			expect(types).toContain(type);
		}
		expect(types.indexOf('invoice.marked_uncollectible')).toBeLessThan(types.indexOf('invoice.voided'));
	});

	test('send auto-finalizes and emits invoice.sent', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe, ['invoice.finalized', 'invoice.sent']);
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({
			customer: customer.id,
			collection_method: 'send_invoice',
			days_until_due: 7,
		});
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: invoice.id,
			amount: 5000,
			currency: 'usd',
		});
		await stripe.invoices.sendInvoice(invoice.id);
		expect((await verifiedEvents(stripe, secret!)).map((e) => e.type)).toEqual([
			'invoice.finalized',
			'invoice.sent',
		]);
	});
});

describe('finalization failures', () => {
	// docs.stripe.com/tax/customer-locations: "we send an invoice.finalization_failed event with the
	// invoice last_finalization_error[code] being customer_tax_location_invalid".
	test('automatic tax without a customer location emits invoice.finalization_failed', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe, ['invoice.finalization_failed', 'invoice.finalized']);
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id, automatic_tax: { enabled: true } });
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 900,
			currency: 'usd',
		});
		await rejectionOf(stripe.invoices.finalizeInvoice(draft.id), Stripe.errors.StripeInvalidRequestError);
		const events = await verifiedEvents(stripe, secret!);
		expect(events.map((e) => e.type)).toEqual(['invoice.finalization_failed']);
		expect(events[0].data.object).toMatchObject({
			id: draft.id,
			status: 'draft',
			last_finalization_error: { code: 'customer_tax_location_invalid' },
		});
	});
});

describe('Connect endpoints', () => {
	test("a platform's connect endpoint receives its connected accounts' events, with `account`; its own endpoint only its own", async () => {
		const key = freshKey('connect');
		const platform = sdk(emulator, key);
		const connectReceiver = await startReceiver();
		try {
			const own = await endpoint(platform, ['invoice.paid']);
			const connect = await platform.webhookEndpoints.create({
				url: connectReceiver.url,
				enabled_events: ['invoice.paid'],
				api_version: '2026-10-28.endive',
				connect: true,
			});
			// Stripe's endpoint object does not say whether it is a Connect endpoint.
			expect(connect).not.toHaveProperty('connect');
			const acct = { stripeAccount: 'acct_1ConnectHooks' };
			const connectedCustomer = await platform.customers.create(
				{ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } },
				acct,
			);
			const theirs = await platform.invoices.create(
				{ customer: connectedCustomer.id, currency: 'usd' },
				acct,
			);
			await platform.invoiceItems.create(
				{ customer: connectedCustomer.id, invoice: theirs.id, amount: 700, currency: 'usd' },
				acct,
			);
			await platform.invoices.pay(theirs.id, {}, acct);
			const mine = await draftWithItem(platform, (await customerWithCard(platform)).id, 900);
			await platform.invoices.pay(mine.id);
			await emulator.webhooks.idle();

			const connectEvents = connectReceiver.received.map((d) =>
				platform.webhooks.constructEvent(d.rawBody, String(d.headers['stripe-signature']), connect.secret!),
			);
			expect(connectEvents.map((e) => [e.type, e.account, (e.data.object as { id: string }).id])).toEqual([
				['invoice.paid', 'acct_1ConnectHooks', theirs.id],
			]);
			const ownEvents = await verifiedEvents(platform, own.secret!);
			expect(ownEvents.map((e) => [e.type, e.account, (e.data.object as { id: string }).id])).toEqual([
				['invoice.paid', undefined, mine.id],
			]);

			// On demand, with Stripe-Account: the connected account's event to the platform's Connect endpoint.
			const sent = await fetch(`${emulator.url}/_emulator/webhooks/send`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${key}`, 'Stripe-Account': 'acct_1ConnectHooks' },
				body: JSON.stringify({ endpoint: connect.id, event: connectEvents[0].id }),
			});
			expect(sent.status).toBe(200);
			await emulator.webhooks.idle();
			expect(connectReceiver.received).toHaveLength(2);
			expect(JSON.parse(connectReceiver.received[1].rawBody.toString()).account).toBe('acct_1ConnectHooks');
			// connect is set at creation only, as at Stripe.
			const update = await rejectionOf(
				platform.webhookEndpoints.update(connect.id, {
					connect: false,
				} as Stripe.WebhookEndpointUpdateParams),
				Stripe.errors.StripeInvalidRequestError,
			);
			expect(update.message).toMatch(/connect/);
		} finally {
			await connectReceiver.close();
		}
	});
});

describe('delivery knobs', () => {
	async function paidInvoice(stripe: Stripe): Promise<string> {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1200);
		await stripe.invoices.pay(draft.id);
		return draft.id;
	}

	test('repeat delivers the same event id again', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe, ['invoice.paid']);
		emulator.webhooks.configure({ repeat: 2 });
		await paidInvoice(stripe);
		const events = await verifiedEvents(stripe, secret!);
		expect(events).toHaveLength(3);
		expect(new Set(events.map((e) => e.id)).size).toBe(1);
		expect(
			emulator.webhooks
				.deliveries()
				.filter((d) => d.eventId === events[0].id)
				.map((d) => d.attempt),
		).toEqual([1, 2, 3]);
	});

	test('delayMs holds each delivery back at least that long', async () => {
		const stripe = sdk(emulator, freshKey());
		await endpoint(stripe, ['invoice.paid']);
		emulator.webhooks.configure({ delayMs: 150 });
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1200);
		const paidAt = Date.now();
		await stripe.invoices.pay(draft.id);
		expect(receiver.received).toHaveLength(0);
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		expect(Date.now() - paidAt).toBeGreaterThanOrEqual(150);
	});

	test('corrupt and stale signatures fail constructEvent', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe, ['invoice.paid']);
		emulator.webhooks.configure({ signature: 'corrupt' });
		await paidInvoice(stripe);
		await expect(verifiedEvents(stripe, secret!)).rejects.toThrow(/No signatures found matching/);
		receiver.received.length = 0;
		emulator.webhooks.configure({ signature: 'stale', staleSeconds: 301 });
		await paidInvoice(stripe);
		await expect(verifiedEvents(stripe, secret!)).rejects.toThrow(/Timestamp outside the tolerance zone/);
	});

	test('hold, then release in reverse: the receiver sees the events out of order', async () => {
		const stripe = sdk(emulator, freshKey());
		const { secret } = await endpoint(stripe, ['invoice.created', 'invoice.finalized', 'invoice.paid']);
		emulator.webhooks.configure({ hold: true });
		await paidInvoice(stripe);
		await emulator.webhooks.idle();
		expect(receiver.received).toHaveLength(0);
		expect(emulator.webhooks.release('reverse')).toBe(3);
		const types = (await verifiedEvents(stripe, secret!)).map((e) => e.type);
		expect(types).toEqual(['invoice.paid', 'invoice.finalized', 'invoice.created']);
	});

	test('control endpoints: send an event on demand, with an old timestamp, and read the delivery log', async () => {
		const key = freshKey();
		const stripe = sdk(emulator, key);
		const { id, secret } = await endpoint(stripe, ['invoice.created']);
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1000);
		const control = (path: string, init: RequestInit = {}) =>
			fetch(`${emulator.url}/_emulator/webhooks${path}`, {
				...init,
				headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
			}).then(async (r) => ({
				status: r.status,
				body: (await r.json()) as { deliveries: unknown[]; data: Array<{ attempt: number }> },
			}));

		const sent = await control('/send', {
			method: 'POST',
			body: JSON.stringify({ endpoint: id, type: 'invoice.paid', object: draft.id, times: 2 }),
		});
		expect(sent.status).toBe(200);
		expect(sent.body.deliveries).toHaveLength(2);
		const events = await verifiedEvents(stripe, secret!);
		expect(events.map((e) => e.type)).toEqual(['invoice.created', 'invoice.paid', 'invoice.paid']);

		const old = Math.floor(Date.now() / 1000) - 3600;
		await control('/send', {
			method: 'POST',
			body: JSON.stringify({ endpoint: id, event: events[0].id, timestamp: old }),
		});
		const last = receiver.received[receiver.received.length - 1];
		expect(String(last.headers['stripe-signature'])).toMatch(new RegExp(`^t=${old},v1=`));

		const log = await control(`/deliveries?wait=1&eventId=${events[0].id}`);
		expect(log.body.data.map((d: { attempt: number }) => d.attempt)).toEqual([1, 2]);
		expect((await control('/config', { method: 'POST', body: JSON.stringify({ nope: 1 }) })).status).toBe(
			400,
		);
	});
});
