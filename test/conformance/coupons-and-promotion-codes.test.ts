// Coupons (Coupons.d.ts) and promotion codes (PromotionCodes.d.ts): creation rules, redemption
// limits, the `?code=` lookup, and what a promotion code's restrictions refuse on an invoice.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('coupon'));
});

const suffix = () => Math.random().toString(36).slice(2, 8).toUpperCase();

describe('coupons', () => {
	it('creates, retrieves, lists, renames and deletes a coupon', async () => {
		const id = `SPRING-${suffix()}`;
		const coupon = await stripe.coupons.create({
			id,
			percent_off: 12.5,
			duration: 'repeating',
			duration_in_months: 3,
			name: 'Spring',
			metadata: { campaign: 'spring' },
		});
		expect(coupon).toMatchObject({
			id,
			object: 'coupon',
			percent_off: 12.5,
			amount_off: null,
			currency: null,
			duration: 'repeating',
			duration_in_months: 3,
			times_redeemed: 0,
			valid: true,
		});
		expect(await stripe.coupons.retrieve(id)).toMatchObject({ id, name: 'Spring' });
		expect((await stripe.coupons.list({ limit: 100 })).data.map((c) => c.id)).toContain(id);
		expect(await stripe.coupons.update(id, { name: 'Spring sale' })).toMatchObject({ name: 'Spring sale' });
		expect(await stripe.coupons.del(id)).toEqual(expect.objectContaining({ id, deleted: true }));
		const gone = await rejectionOf(stripe.coupons.retrieve(id), StripeInvalidRequestError);
		expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing' });
	});

	it('takes an amount off in one currency and refuses what Coupons.d.ts rules out', async () => {
		const fixed = await stripe.coupons.create({ amount_off: 500, currency: 'eur', duration: 'forever' });
		expect(fixed).toMatchObject({ amount_off: 500, currency: 'eur', percent_off: null, duration: 'forever' });
		const noCurrency = await rejectionOf(
			stripe.coupons.create({ amount_off: 500 }),
			StripeInvalidRequestError,
		);
		expect(noCurrency).toMatchObject({ code: 'parameter_missing', param: 'currency' });
		const both = await rejectionOf(
			stripe.coupons.create({ amount_off: 500, currency: 'usd', percent_off: 10 }),
			StripeInvalidRequestError,
		);
		expect(both.code).toBe('parameters_exclusive');
		const neither = await rejectionOf(stripe.coupons.create({ duration: 'once' }), StripeInvalidRequestError);
		expect(neither.param).toBe('percent_off');
		const months = await rejectionOf(
			stripe.coupons.create({ percent_off: 10, duration: 'repeating' }),
			StripeInvalidRequestError,
		);
		expect(months).toMatchObject({ code: 'parameter_missing', param: 'duration_in_months' });
		const tooMuch = await rejectionOf(stripe.coupons.create({ percent_off: 101 }), StripeInvalidRequestError);
		expect(tooMuch.param).toBe('percent_off');
		const past = await rejectionOf(
			stripe.coupons.create({ percent_off: 10, redeem_by: Math.floor(Date.now() / 1000) - 60 }),
			StripeInvalidRequestError,
		);
		expect(past.param).toBe('redeem_by');
	});

	it('stops redeeming at max_redemptions and counts each invoice that applies it', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 20, max_redemptions: 1 });
		await stripe.invoices.create({ customer: customer.id, discounts: [{ coupon: coupon.id }] });
		expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 1, valid: false });
		const spent = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, discounts: [{ coupon: coupon.id }] }),
			StripeInvalidRequestError,
		);
		expect(spent).toMatchObject({ code: 'coupon_expired', param: 'discounts[0][coupon]' });
	});

	it('applies a coupon limited to products only to those products’ lines', async () => {
		const customer = await customerWithCard(stripe);
		const book = await stripe.products.create({ name: 'Book' });
		const pen = await stripe.products.create({ name: 'Pen' });
		const coupon = await stripe.coupons.create({ percent_off: 50, applies_to: { products: [book.id] } });
		expect(coupon.applies_to).toEqual({ products: [book.id] });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			discounts: [{ coupon: coupon.id }],
		});
		const invoice = await stripe.invoices.addLines(draft.id, {
			lines: [
				{ price_data: { currency: 'usd', product: book.id, unit_amount: 2000 } },
				{ price_data: { currency: 'usd', product: pen.id, unit_amount: 300 } },
			],
		});
		expect(invoice.lines.data.map((l) => l.discount_amounts?.map((d) => d.amount))).toEqual([[1000], []]);
		expect(invoice.total).toBe(1300);
	});
});

describe('promotion codes', () => {
	it('finds a code by what the customer typed, whatever its case', async () => {
		const coupon = await stripe.coupons.create({ percent_off: 10 });
		const code = `WELCOME-${suffix()}`;
		const promo = await stripe.promotionCodes.create({
			promotion: { type: 'coupon', coupon: coupon.id },
			code,
		});
		expect(promo).toMatchObject({
			object: 'promotion_code',
			code,
			active: true,
			promotion: { type: 'coupon', coupon: coupon.id },
			restrictions: { first_time_transaction: false, minimum_amount: null, minimum_amount_currency: null },
			times_redeemed: 0,
		});
		expect(promo.id).toMatch(/^promo_/);
		const found = await stripe.promotionCodes.list({ code: code.toLowerCase(), active: true });
		expect(found.data.map((p) => p.id)).toEqual([promo.id]);
		expect((await stripe.promotionCodes.list({ code: 'NO-SUCH-CODE' })).data).toEqual([]);
		const expanded = await stripe.promotionCodes.retrieve(promo.id, { expand: ['promotion.coupon'] });
		expect(expanded.promotion.coupon).toMatchObject({ id: coupon.id, percent_off: 10 });
		const clash = await rejectionOf(
			stripe.promotionCodes.create({
				promotion: { type: 'coupon', coupon: coupon.id },
				code: code.toLowerCase(),
			}),
			StripeInvalidRequestError,
		);
		expect(clash.param).toBe('code');
	});

	it('redeems on an invoice, and refuses an inactive code or another customer’s', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ amount_off: 300, currency: 'usd' });
		const promo = await stripe.promotionCodes.create({
			promotion: { type: 'coupon', coupon: coupon.id },
			code: `VIP-${suffix()}`,
			customer: customer.id,
		});
		const draft = await stripe.invoices.create({
			customer: customer.id,
			discounts: [{ promotion_code: promo.id }],
			expand: ['discounts'],
		});
		expect(draft.discounts[0]).toMatchObject({ promotion_code: promo.id, source: { coupon: coupon.id } });
		expect(await stripe.promotionCodes.retrieve(promo.id)).toMatchObject({ times_redeemed: 1 });
		expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 1 });

		const foreign = await rejectionOf(
			stripe.invoices.create({ customer: other.id, discounts: [{ promotion_code: promo.id }] }),
			StripeInvalidRequestError,
		);
		expect(foreign.param).toBe('discounts[0][promotion_code]');
		await stripe.promotionCodes.update(promo.id, { active: false });
		const inactive = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, discounts: [{ promotion_code: promo.id }] }),
			StripeInvalidRequestError,
		);
		expect(inactive.param).toBe('discounts[0][promotion_code]');
		const missing = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, discounts: [{ promotion_code: 'promo_missing' }] }),
			StripeInvalidRequestError,
		);
		expect(missing).toMatchObject({
			code: 'resource_missing',
			message: "No such promotion code: 'promo_missing'",
		});
	});

	it('holds a minimum amount against the subtotal when the invoice is finalized', async () => {
		const customer = await customerWithCard(stripe);
		const coupon = await stripe.coupons.create({ percent_off: 10 });
		const promo = await stripe.promotionCodes.create({
			promotion: { type: 'coupon', coupon: coupon.id },
			restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' },
		});
		const small = await stripe.invoices.create({
			customer: customer.id,
			discounts: [{ promotion_code: promo.id }],
		});
		await stripe.invoiceItems.create({ customer: customer.id, invoice: small.id, amount: 4999 });
		const refused = await rejectionOf(stripe.invoices.finalizeInvoice(small.id), StripeInvalidRequestError);
		expect(refused.param).toBe('discounts');
		expect((await stripe.invoices.retrieve(small.id)).status).toBe('draft');
		await stripe.invoiceItems.create({ customer: customer.id, invoice: small.id, amount: 1 });
		expect(await stripe.invoices.finalizeInvoice(small.id)).toMatchObject({ status: 'open', total: 4500 });
	});
});
