// GET /v1/invoices/:id/lines (Invoices.d.ts listLineItems): every line of an invoice, in order,
// with cursor pagination, each carrying its discounts and taxes.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('lines'));
});

describe('invoice line listing', () => {
	it('pages through all lines in order; the invoice embeds the first ten', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
		const lines = Array.from({ length: 25 }, (_, i) => ({ amount: 100 + i, description: `Line ${i + 1}` }));
		const invoice = await stripe.invoices.addLines(draft.id, { lines });
		expect(invoice.lines).toMatchObject({ has_more: true, url: `/v1/invoices/${draft.id}/lines` });
		expect(invoice.lines.data).toHaveLength(10);

		const first = await stripe.invoices.listLineItems(draft.id, { limit: 10 });
		expect(first).toMatchObject({ object: 'list', has_more: true });
		expect(first.data.map((l) => l.description)).toEqual(lines.slice(0, 10).map((l) => l.description));
		const second = await stripe.invoices.listLineItems(draft.id, {
			limit: 10,
			starting_after: first.data[9].id,
		});
		expect(second.data.map((l) => l.amount)).toEqual(lines.slice(10, 20).map((l) => l.amount));
		const all = await stripe.invoices.listLineItems(draft.id, { limit: 7 }).autoPagingToArray({ limit: 100 });
		expect(all.map((l) => l.amount)).toEqual(lines.map((l) => l.amount));
		expect(all.every((l) => l.object === 'line_item' && l.invoice === draft.id)).toBe(true);
	});

	it('shows each line’s discount amounts and taxes as the invoice computes them', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 10 });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 21, inclusive: false });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			discounts: [{ coupon: coupon.id }],
			default_tax_rates: [vat.id],
		});
		await stripe.invoices.addLines(draft.id, {
			lines: [
				{ amount: 1000, description: 'Taxed and discounted' },
				{ amount: 500, description: 'Not discountable', discountable: false },
			],
		});
		const { data } = await stripe.invoices.listLineItems(draft.id);
		expect(
			data.map((l) => [l.amount, l.subtotal, l.discount_amounts?.map((d) => d.amount), l.taxes?.[0]?.amount]),
		).toEqual([
			[1000, 1000, [100], 189],
			[500, 500, [], 105],
		]);
		expect(data[0].pretax_credit_amounts).toEqual([
			expect.objectContaining({ amount: 100, type: 'discount', discount: draft.discounts[0] }),
		]);
		const missing = await rejectionOf(stripe.invoices.listLineItems('in_missing'), StripeInvalidRequestError);
		expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
	});
});
