// POST /v1/invoices/create_preview (Invoices.d.ts createPreview): the invoice a customer would get,
// computed like a real one, creating nothing.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('preview'));
});

const amountsOf = (invoice: Stripe.Invoice) => ({
	subtotal: invoice.subtotal,
	subtotal_excluding_tax: invoice.subtotal_excluding_tax,
	total: invoice.total,
	total_excluding_tax: invoice.total_excluding_tax,
	amount_due: invoice.amount_due,
	starting_balance: invoice.starting_balance,
	discounts: invoice.total_discount_amounts?.map((d) => d.amount),
	taxes: invoice.total_taxes?.map((t) => [t.amount, t.taxable_amount]),
	lines: invoice.lines.data.map((l) => [
		l.amount,
		l.discount_amounts?.map((d) => d.amount),
		l.taxes?.map((t) => t.amount),
	]),
});

describe('create_preview', () => {
	it('previews lines, a coupon and tax exactly as the real invoice later bills them, creating nothing', async () => {
		const customer = await customerWithCard(stripe);
		await stripe.customers.update(customer.id, { balance: -500 });
		const coupon = await stripe.coupons.create({ percent_off: 15 });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		const lines = [
			{ amount: 1999, description: 'Widget', tax_rates: [vat.id] },
			{ amount: 1001, description: 'Gadget', tax_rates: [vat.id] },
		];
		const invoicesBefore = (await stripe.invoices.list({ customer: customer.id })).data.length;

		const preview = await stripe.invoices.createPreview({
			customer: customer.id,
			currency: 'usd',
			invoice_items: lines,
			discounts: [{ coupon: coupon.id }],
		});
		expect(preview.id).toMatch(/^upcoming_in_/);
		expect(preview).toMatchObject({
			object: 'invoice',
			status: 'draft',
			billing_reason: 'upcoming',
			number: null,
		});
		// The customer's 5.00 credit comes off what would be charged.
		expect(amountsOf(preview)).toMatchObject({
			subtotal: 3000,
			total: 3060,
			starting_balance: -500,
			amount_due: 2560,
		});
		expect(preview.lines.data.map((l) => l.id)).toEqual([
			expect.stringMatching(/^il_tmp_/),
			expect.stringMatching(/^il_tmp_/),
		]);

		expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(invoicesBefore);
		expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toEqual([]);
		expect(await stripe.coupons.retrieve(coupon.id)).toMatchObject({ times_redeemed: 0 });
		const gone = await rejectionOf(stripe.invoices.retrieve(preview.id), StripeInvalidRequestError);
		expect(gone.statusCode).toBe(404);

		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			discounts: [{ coupon: coupon.id }],
		});
		const real = await stripe.invoices.addLines(draft.id, { lines });
		expect(amountsOf(real)).toEqual(amountsOf(preview));
		const open = await stripe.invoices.finalizeInvoice(draft.id);
		expect(open.amount_due).toBe(preview.amount_due);
	});

	it('includes the customer’s pending invoice items, and lets invoice_items change one', async () => {
		const customer = await customerWithCard(stripe);
		const pending = await stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd' });
		const preview = await stripe.invoices.createPreview({
			customer: customer.id,
			invoice_items: [{ amount: 300, currency: 'usd', description: 'New' }],
		});
		expect(preview.lines.data.map((l) => l.amount)).toEqual([700, 300]);
		expect(preview.lines.data[0].parent?.invoice_item_details?.invoice_item).toBe(pending.id);
		const changed = await stripe.invoices.createPreview({
			customer: customer.id,
			invoice_items: [{ invoiceitem: pending.id, amount: 900 }],
		});
		expect(changed.lines.data.map((l) => l.amount)).toEqual([900]);
		expect((await stripe.invoiceItems.retrieve(pending.id)).amount).toBe(700);
	});

	it('previews automatic tax for the customer’s address or for customer_details', async () => {
		const customer = await customerWithCard(stripe);
		const args = {
			customer: customer.id,
			currency: 'eur',
			automatic_tax: { enabled: true },
			invoice_items: [{ amount: 10_000, currency: 'eur', description: 'Service' }],
		};
		const nowhere = await rejectionOf(stripe.invoices.createPreview(args), StripeInvalidRequestError);
		expect(nowhere.code).toBe('customer_tax_location_invalid');
		const dublin = await stripe.invoices.createPreview({
			...args,
			customer_details: { address: { country: 'IE', city: 'Dublin' } },
		});
		expect(dublin.automatic_tax.status).toBe('complete');
		expect(dublin.total_taxes?.[0]).toMatchObject({ amount: 2300, taxability_reason: 'standard_rated' });
		expect(dublin.customer_address).toMatchObject({ country: 'IE' });
		// customer_details changed nothing on the customer.
		expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).address).toBeNull();
	});

	it('refuses what the real invoice would refuse, and a preview with nothing to preview', async () => {
		const customer = await customerWithCard(stripe);
		const nothing = await rejectionOf(
			stripe.invoices.createPreview({ customer: customer.id }),
			StripeInvalidRequestError,
		);
		expect(nothing.message).toBe(
			'You must provide at least one of: `subscription`, `schedule`, `subscription_details.items`, `schedule_details.phases`, `invoice_items`.',
		);
		const coupon = await rejectionOf(
			stripe.invoices.createPreview({
				customer: customer.id,
				invoice_items: [{ amount: 100, currency: 'usd' }],
				discounts: [{ coupon: 'NOPE' }],
			}),
			StripeInvalidRequestError,
		);
		expect(coupon).toMatchObject({ code: 'resource_missing', param: 'discounts[0][coupon]' });
		const rate = await stripe.taxRates.create({
			display_name: 'Old',
			percentage: 5,
			inclusive: false,
			active: false,
		});
		const inactive = await rejectionOf(
			stripe.invoices.createPreview({
				customer: customer.id,
				invoice_items: [{ amount: 100, currency: 'usd', tax_rates: [rate.id] }],
			}),
			StripeInvalidRequestError,
		);
		expect(inactive.param).toBe('invoice_items[0][tax_rates][0]');
		// At this API version create_preview has no top-level default_tax_rates (InvoiceCreatePreviewParams):
		// tax rates go on each invoice_items entry.
		const defaults = await rejectionOf(
			stripe.invoices.createPreview({
				customer: customer.id,
				invoice_items: [{ amount: 100, currency: 'usd' }],
				default_tax_rates: [rate.id],
			} as Stripe.InvoiceCreatePreviewParams),
			StripeInvalidRequestError,
		);
		expect(defaults).toMatchObject({ code: 'parameter_unknown', param: 'default_tax_rates' });
		const unknownCustomer = await rejectionOf(
			stripe.invoices.createPreview({
				customer: 'cus_missing',
				invoice_items: [{ amount: 100, currency: 'usd' }],
			}),
			StripeInvalidRequestError,
		);
		expect(unknownCustomer).toMatchObject({ code: 'resource_missing', param: 'customer' });
	});
});

describe('create_preview and the pending items it always adds', () => {
	it('a pending item changed to quantity 0 in the preview keeps its unit price and bills nothing', async () => {
		const customer = await customerWithCard(stripe);
		const pending = await stripe.invoiceItems.create({
			customer: customer.id,
			amount: 9999,
			currency: 'usd',
		});
		const preview = await stripe.invoices.createPreview({
			customer: customer.id,
			currency: 'usd',
			invoice_items: [
				{ amount: 1500, currency: 'usd' },
				{ invoiceitem: pending.id, quantity: 0 },
			],
		});
		expect(preview).toMatchObject({ subtotal: 1500, total: 1500, amount_due: 1500 });
		const left = preview.lines.data.find(
			(line) => line.parent?.invoice_item_details?.invoice_item === pending.id,
		);
		expect(left).toMatchObject({ amount: 0, quantity: 0 });
		expect((await stripe.invoiceItems.retrieve(pending.id)).amount).toBe(9999);
	});
});
