// Discounts on invoices and their lines, and the totals they produce at 2026-10-28.endive: line
// discounts before invoice discounts, invoice discounts spread over the discountable lines, tax on
// the discounted amount, per-line rounding (pricing/totals.ts says which rules are [M]).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('discount'));
});

async function draftWith(
	customer: string,
	lines: Stripe.InvoiceAddLinesParams.Line[],
	invoice: Partial<Stripe.InvoiceCreateParams> = {},
): Promise<Stripe.Invoice> {
	const draft = await stripe.invoices.create({ customer, currency: 'usd', ...invoice });
	return await stripe.invoices.addLines(draft.id, { lines });
}

const lineAmounts = (invoice: Stripe.Invoice) =>
	invoice.lines.data.map((l) => l.discount_amounts?.map((d) => d.amount));

describe('invoice discounts and tax', () => {
	it('takes a percent coupon per line, then tax on the discounted amounts, each rounded per line', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 15, duration: 'once' });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		const invoice = await draftWith(
			customer.id,
			[
				{ amount: 1999, description: 'A', tax_rates: [vat.id] },
				{ amount: 1001, description: 'B', tax_rates: [vat.id] },
			],
			{ discounts: [{ coupon: coupon.id }] },
		);
		// 15 % of 1999 = 299.85 → 300; of 1001 = 150.15 → 150. VAT: 1699 × 20 % = 339.8 → 340; 851 → 170.2 → 170.
		expect(lineAmounts(invoice)).toEqual([[300], [150]]);
		expect(invoice.lines.data.map((l) => l.taxes?.[0]?.amount)).toEqual([340, 170]);
		expect(invoice.lines.data.map((l) => l.taxes?.[0]?.taxable_amount)).toEqual([1699, 851]);
		expect(invoice).toMatchObject({
			subtotal: 3000,
			subtotal_excluding_tax: 3000,
			total_excluding_tax: 2550,
			total: 3060,
			amount_due: 3060,
		});
		expect(invoice.discounts).toHaveLength(1);
		const discount = invoice.discounts[0] as string;
		expect(invoice.total_discount_amounts).toEqual([{ amount: 450, discount }]);
		expect(invoice.total_pretax_credit_amounts).toEqual([
			expect.objectContaining({ amount: 450, discount, type: 'discount' }),
		]);
		expect(invoice.total_taxes).toEqual([
			expect.objectContaining({ amount: 510, taxable_amount: 2550, tax_behavior: 'exclusive' }),
		]);
		const open = await stripe.invoices.finalizeInvoice(invoice.id);
		expect(open).toMatchObject({ total: 3060, amount_due: 3060 });
	});

	it('spreads an amount_off coupon over the lines in proportion, in whole cents that add up', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ amount_off: 500, currency: 'usd' });
		const invoice = await draftWith(
			customer.id,
			[
				{ amount: 1000, description: 'A' },
				{ amount: 2000, description: 'B' },
				{ amount: 3001, description: 'C' },
			],
			{ discounts: [{ coupon: coupon.id }] },
		);
		// 500 × 1000/6001 = 83.32, × 2000/6001 = 166.64, × 3001/6001 = 250.04: 499 whole cents, the
		// last cent to the largest remainder (166.64).
		expect(lineAmounts(invoice)).toEqual([[83], [167], [250]]);
		expect(invoice).toMatchObject({ subtotal: 6001, total: 5501 });
	});

	it('applies a line’s own discount before the invoice’s; the subtotal already includes it', async () => {
		const customer = await customerWithCard(stripe);
		const tenOff = await stripe.coupons.create({ percent_off: 10 });
		const half = await stripe.coupons.create({ percent_off: 50 });
		const invoice = await draftWith(
			customer.id,
			[{ amount: 1000, description: 'Seat', discounts: [{ coupon: tenOff.id }] }],
			{ discounts: [{ coupon: half.id }] },
		);
		const [line] = invoice.lines.data;
		expect(line.discounts).toHaveLength(1);
		expect(line.discount_amounts?.map((d) => d.amount)).toEqual([100, 450]);
		expect(line.amount).toBe(1000);
		// Invoices.d.ts subtotal: "before any invoice level discount ... Item discounts are already incorporated".
		expect(invoice).toMatchObject({ subtotal: 900, total: 450 });
		expect(invoice.total_discount_amounts?.map((d) => d.amount)).toEqual([100, 450]);
	});

	it('keeps inclusive tax inside the discounted amount', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 10 });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: true });
		const invoice = await draftWith(
			customer.id,
			[{ amount: 1200, description: 'Gross', tax_rates: [vat.id] }],
			{
				discounts: [{ coupon: coupon.id }],
			},
		);
		// Net 1080 holds 1080 × 20/120 = 180 of VAT on a taxable 900.
		expect(invoice.lines.data[0].taxes?.[0]).toMatchObject({ amount: 180, taxable_amount: 900 });
		expect(invoice).toMatchObject({
			subtotal: 1200,
			subtotal_excluding_tax: 1000,
			total_excluding_tax: 900,
			total: 1080,
		});
	});

	it('leaves a non-discountable line and a credit line alone', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 50 });
		const invoice = await draftWith(
			customer.id,
			[
				{ amount: 1000, description: 'Discounted' },
				{ amount: 800, description: 'Shipping', discountable: false },
				{ amount: -300, description: 'Credit' },
			],
			{ discounts: [{ coupon: coupon.id }] },
		);
		expect(invoice.lines.data.map((l) => l.discountable)).toEqual([true, false, false]);
		expect(lineAmounts(invoice)).toEqual([[500], [], []]);
		expect(invoice).toMatchObject({ subtotal: 1500, total: 1000 });
	});

	it('caps a coupon larger than the subtotal at zero; the invoice settles without a charge', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ amount_off: 10_000, currency: 'usd' });
		const invoice = await draftWith(customer.id, [{ amount: 2500, description: 'Small order' }], {
			discounts: [{ coupon: coupon.id }],
		});
		expect(invoice).toMatchObject({ subtotal: 2500, total: 0, amount_due: 0 });
		expect(invoice.total_discount_amounts?.[0].amount).toBe(2500);
		const paid = await stripe.invoices.pay(invoice.id);
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 0, amount_due: 0 });
	});

	it('settles a 100 % discounted invoice as paid when finalized', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 100 });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		const invoice = await draftWith(
			customer.id,
			[{ amount: 4999, description: 'Free', tax_rates: [vat.id] }],
			{
				discounts: [{ coupon: coupon.id }],
			},
		);
		expect(invoice).toMatchObject({ total: 0, total_excluding_tax: 0 });
		expect(invoice.lines.data[0].taxes?.[0]).toMatchObject({ amount: 0, taxable_amount: 0 });
		const open = await stripe.invoices.finalizeInvoice(invoice.id);
		expect(open).toMatchObject({ status: 'paid', amount_due: 0, amount_paid: 0 });
	});

	it('applies several invoice discounts in order, each on what the previous left', async () => {
		const customer = await customerWithCard(stripe);
		const fiveOff = await stripe.coupons.create({ amount_off: 500, currency: 'usd' });
		const tenPercent = await stripe.coupons.create({ percent_off: 10 });
		const invoice = await draftWith(customer.id, [{ amount: 10_000, description: 'Plan' }], {
			discounts: [{ coupon: fiveOff.id }, { coupon: tenPercent.id }],
		});
		expect(lineAmounts(invoice)).toEqual([[500, 950]]);
		expect(invoice.total).toBe(8550);
	});

	it('takes discounts on invoice items and keeps them through an update', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ amount_off: 250, currency: 'usd' });
		const draft = await stripe.invoices.create({ customer: customer.id, currency: 'usd' });
		const item = await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 1000,
			discounts: [{ coupon: coupon.id }],
		});
		expect(item.discounts).toHaveLength(1);
		expect((await stripe.invoices.retrieve(draft.id)).total).toBe(750);
		const cleared = await stripe.invoiceItems.update(item.id, { discounts: '' });
		expect(cleared.discounts).toEqual([]);
		expect((await stripe.invoices.retrieve(draft.id)).total).toBe(1000);
		const refused = await rejectionOf(
			stripe.invoiceItems.update(item.id, { discountable: false, discounts: [{ coupon: coupon.id }] }),
			StripeInvalidRequestError,
		);
		expect(refused.param).toBe('discounts');
	});

	it('expands discounts to Discount objects naming their coupon', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 5, name: 'Loyalty' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			discounts: [{ coupon: coupon.id }],
			expand: ['discounts', 'discounts.source.coupon'],
		});
		const [discount] = draft.discounts as Stripe.Discount[];
		expect(discount).toMatchObject({
			object: 'discount',
			invoice: draft.id,
			invoice_item: null,
			promotion_code: null,
			customer: customer.id,
		});
		expect(discount.id).toMatch(/^di_/);
		expect(discount.source.coupon).toMatchObject({ id: coupon.id, object: 'coupon', name: 'Loyalty' });
		// An existing discount of the invoice is kept by naming its id; a coupon makes a new one.
		const more = await stripe.coupons.create({ amount_off: 100, currency: 'usd' });
		const kept = await stripe.invoices.update(draft.id, {
			discounts: [{ discount: discount.id }, { coupon: more.id }],
		});
		expect(kept.discounts).toHaveLength(2);
		expect(kept.discounts[0]).toBe(discount.id);
		// InvoiceUpdateParams.discounts: "Pass an empty string to remove previously-defined discounts."
		const cleared = await stripe.invoices.update(draft.id, { discounts: '' });
		expect(cleared.discounts).toEqual([]);
		const gone = await rejectionOf(
			stripe.invoices.update(draft.id, { discounts: [{ discount: discount.id }] }),
			StripeInvalidRequestError,
		);
		expect(gone).toMatchObject({ code: 'resource_missing', param: 'discounts[0][discount]' });
	});

	it('refuses an unknown coupon, a coupon in another currency and an entry naming two things', async () => {
		const customer = await customerWithCard(stripe);
		const unknown = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, discounts: [{ coupon: 'NOPE' }] }),
			StripeInvalidRequestError,
		);
		expect(unknown).toMatchObject({
			statusCode: 400,
			code: 'resource_missing',
			param: 'discounts[0][coupon]',
			message: "No such coupon: 'NOPE'",
		});
		const euros = await stripe.coupons.create({ amount_off: 500, currency: 'eur' });
		const currency = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, currency: 'usd', discounts: [{ coupon: euros.id }] }),
			StripeInvalidRequestError,
		);
		expect(currency.param).toBe('discounts[0][coupon]');
		const percent = await stripe.coupons.create({ percent_off: 10 });
		const both = await rejectionOf(
			stripe.invoices.create({
				customer: customer.id,
				discounts: [{ coupon: percent.id, discount: 'di_123' }],
			}),
			StripeInvalidRequestError,
		);
		expect(both.code).toBe('parameters_exclusive');
		const item = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				discounts: [{ coupon: 'NOPE' }],
			}),
			StripeInvalidRequestError,
		);
		expect(item.param).toBe('discounts[0][coupon]');
	});
});
