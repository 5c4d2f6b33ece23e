// Manual tax rates (TaxRates.d.ts): inclusive and exclusive, default_tax_rates and per-line
// tax_rates, per-line rounding, inactive rates, update and list.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('taxrate'));
});

describe('tax rates on invoices', () => {
	it('applies default_tax_rates to lines without their own, rounding each line', async () => {
		const customer = await customerWithCard(stripe);
		const state = await stripe.taxRates.create({
			display_name: 'Sales tax',
			percentage: 5,
			inclusive: false,
		});
		const city = await stripe.taxRates.create({
			display_name: 'City tax',
			percentage: 2.5,
			inclusive: false,
		});
		const draft = await stripe.invoices.create({ customer: customer.id, default_tax_rates: [state.id] });
		expect(draft.default_tax_rates.map((r) => r.id)).toEqual([state.id]);
		const invoice = await stripe.invoices.addLines(draft.id, {
			lines: [
				{ amount: 105, description: 'A' },
				{ amount: 105, description: 'B' },
				{ amount: 1000, description: 'C', tax_rates: [city.id] },
			],
		});
		// 5 % of 105 = 5.25 → 5 on each line (10 in all, not 10.5 → 11); the third line has its own rate.
		expect(
			invoice.lines.data.map((l) => l.taxes?.map((t) => [t.tax_rate_details?.tax_rate, t.amount])),
		).toEqual([[[state.id, 5]], [[state.id, 5]], [[city.id, 25]]]);
		expect(
			invoice.total_taxes?.map((t) => [t.tax_rate_details?.tax_rate, t.amount, t.taxable_amount]),
		).toEqual([
			[state.id, 10, 210],
			[city.id, 25, 1000],
		]);
		expect(invoice).toMatchObject({ subtotal: 1210, total: 1245, total_excluding_tax: 1210 });
	});

	it('takes inclusive and exclusive rates on one line: inclusive out of the amount, exclusive on the rest', async () => {
		const customer = await customerWithCard(stripe);
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: true });
		const levy = await stripe.taxRates.create({ display_name: 'Levy', percentage: 1, inclusive: false });
		const draft = await stripe.invoices.create({ customer: customer.id });
		const invoice = await stripe.invoices.addLines(draft.id, {
			lines: [{ amount: 1200, description: 'Gross', tax_rates: [vat.id, levy.id] }],
		});
		expect(invoice.lines.data[0].taxes).toEqual([
			expect.objectContaining({ amount: 200, tax_behavior: 'inclusive', taxable_amount: 1000 }),
			expect.objectContaining({ amount: 10, tax_behavior: 'exclusive', taxable_amount: 1000 }),
		]);
		expect(invoice).toMatchObject({
			subtotal: 1200,
			subtotal_excluding_tax: 1000,
			total_excluding_tax: 1000,
			total: 1210,
		});
	});

	it('refuses an inactive rate on new invoices and items; the rates already applied keep working', async () => {
		const customer = await customerWithCard(stripe);
		const rate = await stripe.taxRates.create({ display_name: 'Old VAT', percentage: 19, inclusive: false });
		const draft = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 1000,
			tax_rates: [rate.id],
		});
		const archived = await stripe.taxRates.update(rate.id, { active: false });
		expect(archived.active).toBe(false);
		const onItem = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				invoice: draft.id,
				amount: 500,
				tax_rates: [rate.id],
			}),
			StripeInvalidRequestError,
		);
		expect(onItem).toMatchObject({ statusCode: 400, param: 'tax_rates[0]' });
		const asDefault = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, default_tax_rates: [rate.id] }),
			StripeInvalidRequestError,
		);
		expect(asDefault.param).toBe('default_tax_rates[0]');
		const onLine = await rejectionOf(
			stripe.invoices.addLines(draft.id, { lines: [{ amount: 100, tax_rates: [rate.id] }] }),
			StripeInvalidRequestError,
		);
		expect(onLine.param).toBe('lines[0][tax_rates][0]');
		// TaxRates.d.ts active: "will still work for subscriptions and invoices that already have it set".
		expect(await stripe.invoices.finalizeInvoice(draft.id)).toMatchObject({ total: 1190 });
		const inactive = await stripe.taxRates.create({
			display_name: 'Never used',
			percentage: 5,
			inclusive: false,
			active: false,
		});
		expect((await stripe.taxRates.list({ active: false })).data.map((r) => r.id)).toEqual(
			expect.arrayContaining([rate.id, inactive.id]),
		);
		expect((await stripe.taxRates.list({ active: true })).data.map((r) => r.id)).not.toContain(rate.id);
	});

	it('refuses an unknown rate and more than ten on a line', async () => {
		const customer = await customerWithCard(stripe);
		const unknown = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				tax_rates: ['txr_missing'],
			}),
			StripeInvalidRequestError,
		);
		expect(unknown).toMatchObject({ code: 'resource_missing', message: "No such tax rate: 'txr_missing'" });
		const rates = await Promise.all(
			Array.from({ length: 11 }, (_, i) =>
				stripe.taxRates.create({ display_name: `T${i}`, percentage: 1, inclusive: false }),
			),
		);
		const eleven = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				tax_rates: rates.map((r) => r.id),
			}),
			StripeInvalidRequestError,
		);
		expect(eleven.param).toBe('tax_rates');
	});
});
