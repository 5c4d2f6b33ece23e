// The emulator's own way to simulate a customer's bank transfer, POST /_emulator/bank_transfers
// (for a person or a benchmark driving an emulator in another process): it pays the invoice like
// Stripe's fund_cash_balance test helper, with the ledger and the webhooks to show for it.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { startReceiver, type WebhookReceiver } from '../support/webhookReceiver';
import { freshKey, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

let receiver: WebhookReceiver;
beforeEach(async () => {
	receiver = await startReceiver();
});
afterEach(async () => {
	await receiver.close();
});

async function control(
	apiKey: string,
	body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
	const res = await fetch(`${emulator.url}/_emulator/bank_transfers`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('POST /_emulator/bank_transfers', () => {
	it('pays a bank-transfer invoice, once, with its events', async () => {
		const apiKey = freshKey('transfer');
		const stripe = sdk(emulator, apiKey);
		const hook = await stripe.webhookEndpoints.create({
			url: receiver.url,
			enabled_events: ['invoice.paid'],
		});
		const customer = await stripe.customers.create({ name: 'Wire payer' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			collection_method: 'send_invoice',
			days_until_due: 7,
			metadata: { n8n_reference: 'order-bt-1' },
			payment_settings: {
				payment_method_types: ['customer_balance'],
				payment_method_options: {
					customer_balance: { funding_type: 'bank_transfer', bank_transfer: { type: 'us_bank_transfer' } },
				},
			},
		});
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 4200 });
		await stripe.invoices.sendInvoice(draft.id);

		const funded = await control(apiKey, { customer: customer.id, amount: 4200, currency: 'usd' });
		expect(funded.status).toBe(200);
		expect(funded.json).toMatchObject({ type: 'funded', net_amount: 4200, currency: 'usd' });
		expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ status: 'paid', amount_paid: 4200 });
		expect(emulator.ledger(apiKey)).toMatchObject({
			successfulChargesByInvoice: { [draft.id]: 1 },
			invoicesChargedTwice: [],
		});
		await emulator.webhooks.idle();
		const events = receiver.received.map((d) =>
			stripe.webhooks.constructEvent(d.rawBody, String(d.headers['stripe-signature']), hook.secret!),
		);
		expect(events.map((e) => [e.type, (e.data.object as Stripe.Invoice).id])).toEqual([
			['invoice.paid', draft.id],
		]);

		// A second transfer finds nothing to pay: it stays on the cash balance.
		await control(apiKey, { customer: customer.id, amount: 100, currency: 'usd' });
		expect(emulator.ledger(apiKey).successfulChargesByInvoice[draft.id]).toBe(1);
		expect((await stripe.customers.retrieveCashBalance(customer.id)).available).toEqual({ usd: 100 });
	});

	it('answers bad requests with the reason', async () => {
		const apiKey = freshKey('transfer');
		expect(await control(apiKey, { customer: 'cus_x', amount: 0, currency: 'usd' })).toMatchObject({
			status: 400,
		});
		expect(await control(apiKey, { customer: 'cus_x', amount: 10, currency: 'usd' })).toMatchObject({
			status: 404,
			json: { error: { message: "No such customer: 'cus_x'" } },
		});
		const res = await fetch(`${emulator.url}/_emulator/bank_transfers`, {
			method: 'POST',
			body: JSON.stringify({ customer: 'cus_x', amount: 10, currency: 'usd' }),
		});
		expect(res.status).toBe(401);
	});
});
