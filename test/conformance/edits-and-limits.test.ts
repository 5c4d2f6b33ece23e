// Editing rules after finalization, invoice-item deletion, the 250-line cap, payment-method precedence
// and Stripe-Version handling.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeCardError, StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
let key: string;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	key = freshKey('edits');
	stripe = sdk(emulator, key);
});

describe('invoice items', () => {
	it('can be updated and deleted only while pending or on a draft', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1000);
		const itemId = draft.lines.data[0].parent?.invoice_item_details?.invoice_item ?? '';
		const updated = await stripe.invoiceItems.update(itemId, { amount: 1500, description: 'Revised' });
		expect(updated).toMatchObject({ amount: 1500, description: 'Revised' });
		expect((await stripe.invoices.retrieve(draft.id)).total).toBe(1500);

		const extra = await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 1,
			currency: 'usd',
		});
		expect(await stripe.invoiceItems.del(extra.id)).toEqual(
			expect.objectContaining({ id: extra.id, object: 'invoiceitem', deleted: true }),
		);
		const gone = await rejectionOf(stripe.invoiceItems.retrieve(extra.id), StripeInvalidRequestError);
		expect(gone).toMatchObject({ statusCode: 404, param: 'id', code: 'resource_missing' });

		await stripe.invoices.finalizeInvoice(draft.id);
		const locked = await rejectionOf(stripe.invoiceItems.del(itemId), StripeInvalidRequestError);
		expect(locked.message).toBe(
			"Can't delete an invoice item that is attached to an invoice that is no longer editable",
		);
		await rejectionOf(stripe.invoiceItems.update(itemId, { amount: 1 }), StripeInvalidRequestError);
	});

	it('are not released when their draft is deleted', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1000);
		const itemId = draft.lines.data[0].parent?.invoice_item_details?.invoice_item ?? '';
		await stripe.invoices.del(draft.id);
		const err = await rejectionOf(
			stripe.invoiceItems.update(itemId, { description: 'x' }),
			StripeInvalidRequestError,
		);
		expect(err.message).toBe('This invoice item has been deleted.');
		const next = await stripe.invoices.create({
			customer: customer.id,
			pending_invoice_items_behavior: 'include',
		});
		expect(next.lines.data).toEqual([]);
	});

	it('caps an invoice at 250 lines', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id });
		const full = await stripe.invoices.addLines(draft.id, {
			lines: Array.from({ length: 250 }, () => ({ amount: 1 })),
		});
		expect(full.lines).toMatchObject({ total_count: 250 });
		await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		await rejectionOf(
			stripe.invoices.addLines(draft.id, { lines: [{ amount: 1 }] }),
			StripeInvalidRequestError,
		);
	});

	it('rejects add_lines atomically when one line is bad', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id });
		const err = await rejectionOf(
			stripe.invoices.addLines(draft.id, {
				lines: [{ amount: 100 }, { pricing: { price: 'price_missing' } }],
			}),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({
			param: 'lines[1][pricing][price]',
			message: "No such price: 'price_missing'",
		});
		expect((await stripe.invoices.retrieve(draft.id)).lines.data).toEqual([]);
	});
});

describe('payment', () => {
	it('prefers the invoice default payment method over the customer default', async () => {
		const customer = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const invoice = await stripe.invoices.create({
			customer: customer.id,
			default_payment_method: 'pm_card_visa',
		});
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: invoice.id,
			amount: 2000,
			currency: 'usd',
		});
		expect(await stripe.invoices.pay(invoice.id)).toMatchObject({ status: 'paid' });
	});

	it('collects an uncollectible invoice', async () => {
		const customer = await customerWithCard(stripe);
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 2000)).id);
		await stripe.invoices.markUncollectible(open.id);
		expect(await stripe.invoices.pay(open.id)).toMatchObject({ status: 'paid', amount_paid: 2000 });
	});

	it('does not count manual retries after a decline', async () => {
		const customer = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 2000)).id);
		await rejectionOf(stripe.invoices.pay(open.id), StripeCardError);
		await rejectionOf(stripe.invoices.pay(open.id), StripeCardError);
		expect(await stripe.invoices.retrieve(open.id)).toMatchObject({ attempt_count: 1, status: 'open' });
		expect(emulator.charges(key).map((c) => c.status)).toEqual(['failed', 'failed']);
	});

	it('rejects an unknown payment method without finalizing the draft', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 2000);
		const err = await rejectionOf(
			stripe.invoices.pay(draft.id, { payment_method: 'pm_nope' }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ param: 'payment_method', code: 'resource_missing' });
		expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft');
	});
});

describe('Stripe-Version', () => {
	it('echoes the requested version and rejects malformed ones', async () => {
		const pinned = new Stripe(key, {
			host: '127.0.0.1',
			port: emulator.port,
			protocol: 'http',
			maxNetworkRetries: 0,
			apiVersion: '2025-03-31.basil' as '2026-10-28.endive',
		});
		expect((await pinned.customers.list()).lastResponse.apiVersion).toBe('2025-03-31.basil');
		const res = await fetch(`${emulator.url}/v1/customers`, {
			headers: { Authorization: `Bearer ${key}`, 'Stripe-Version': 'yesterday' },
		});
		expect(res.status).toBe(400);
	});
});
