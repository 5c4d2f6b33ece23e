// Automatic tax (automatic_tax[enabled]=true) on the emulator's fixed jurisdiction table (README:
// DE, FR, IE, NL, GB VAT; US NY and WA sales tax), with the customer location rules of
// docs.stripe.com/tax/customer-locations and docs.stripe.com/invoicing/taxes.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('autotax'));
});

const berlin = { line1: 'Unter den Linden 1', city: 'Berlin', postal_code: '10117', country: 'DE' };

async function payer(details: Partial<Stripe.CustomerCreateParams> = {}): Promise<Stripe.Customer> {
	return await stripe.customers.create({
		name: 'Tax payer',
		payment_method: 'pm_card_visa',
		invoice_settings: { default_payment_method: 'pm_card_visa' },
		...details,
	});
}

async function autoTaxInvoice(
	customer: string,
	lines: Stripe.InvoiceAddLinesParams.Line[],
	currency = 'eur',
) {
	const draft = await stripe.invoices.create({ customer, currency, automatic_tax: { enabled: true } });
	return await stripe.invoices.addLines(draft.id, { lines });
}

describe('automatic tax', () => {
	it('charges German VAT on a customer with a German address, through an archived tax rate', async () => {
		const customer = await payer({ address: berlin });
		const invoice = await autoTaxInvoice(customer.id, [{ amount: 10_000, description: 'Consulting' }]);
		expect(invoice.automatic_tax).toMatchObject({ enabled: true, status: 'complete', provider: 'stripe' });
		expect(invoice.total_taxes).toEqual([
			expect.objectContaining({
				amount: 1900,
				taxable_amount: 10_000,
				tax_behavior: 'exclusive',
				taxability_reason: 'standard_rated',
			}),
		]);
		expect(invoice).toMatchObject({ subtotal: 10_000, total: 11_900, total_excluding_tax: 10_000 });
		const rateId = invoice.total_taxes![0].tax_rate_details!.tax_rate;
		expect(await stripe.taxRates.retrieve(rateId)).toMatchObject({
			active: false,
			country: 'DE',
			percentage: 19,
			tax_type: 'vat',
			inclusive: false,
		});
		const open = await stripe.invoices.finalizeInvoice(invoice.id);
		expect(open).toMatchObject({ status: 'open', amount_due: 11_900 });
		expect(open.customer_address).toMatchObject({ country: 'DE', postal_code: '10117' });
	});

	it('keeps VAT inside a tax-inclusive price', async () => {
		const customer = await payer({ address: { country: 'FR', postal_code: '75001' } });
		const product = await stripe.products.create({ name: 'Ebook' });
		const invoice = await autoTaxInvoice(customer.id, [
			{ price_data: { currency: 'eur', product: product.id, unit_amount: 1200, tax_behavior: 'inclusive' } },
		]);
		// 20 % French VAT inside 12.00: 12.00 × 20/120 = 2.00.
		expect(invoice.total_taxes).toEqual([
			expect.objectContaining({ amount: 200, taxable_amount: 1000, tax_behavior: 'inclusive' }),
		]);
		expect(invoice).toMatchObject({ total: 1200, total_excluding_tax: 1000, subtotal_excluding_tax: 1000 });
	});

	it('taxes the discounted amount', async () => {
		const customer = await payer({ address: { country: 'NL' } });
		const coupon = await stripe.coupons.create({ percent_off: 25 });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'eur',
			automatic_tax: { enabled: true },
			discounts: [{ coupon: coupon.id }],
		});
		const invoice = await stripe.invoices.addLines(draft.id, {
			lines: [{ amount: 3999, description: 'Plan' }],
		});
		// 3999 − 25 % (999.75 → 1000) = 2999; Dutch VAT 21 % = 629.79 → 630.
		expect(invoice.total_taxes?.[0]).toMatchObject({ amount: 630, taxable_amount: 2999 });
		expect(invoice.total).toBe(3629);
	});

	it('uses the shipping address before the billing address, and US state sales tax', async () => {
		const customer = await payer({
			address: berlin,
			shipping: { name: 'Warehouse', address: { country: 'US', postal_code: '98101', state: 'WA' } },
		});
		const invoice = await autoTaxInvoice(customer.id, [{ amount: 2000, description: 'Kit' }], 'usd');
		// Washington 6.5 % of 20.00 = 1.30.
		expect(invoice.total_taxes?.[0]).toMatchObject({ amount: 130, taxability_reason: 'standard_rated' });
		const expanded = (await stripe.customers.retrieve(customer.id, { expand: ['tax'] })) as Stripe.Customer;
		expect(expanded.tax).toMatchObject({
			automatic_tax: 'supported',
			location: { country: 'US', state: 'WA', source: 'shipping_destination' },
		});
	});

	it('reports not collecting, reverse charge and a nontaxable tax code with no tax', async () => {
		const japan = await payer({ address: { country: 'JP', postal_code: '100-0001' } });
		const notCollecting = await autoTaxInvoice(japan.id, [{ amount: 5000, description: 'Service' }], 'jpy');
		expect(notCollecting.total_taxes?.[0]).toMatchObject({ amount: 0, taxability_reason: 'not_collecting' });
		expect(notCollecting.total).toBe(5000);

		const business = await payer({ address: { country: 'IE' }, tax_exempt: 'reverse' });
		const reverse = await autoTaxInvoice(business.id, [{ amount: 5000, description: 'B2B' }]);
		expect(reverse.total_taxes?.[0]).toMatchObject({ amount: 0, taxability_reason: 'reverse_charge' });

		const consumer = await payer({ address: { country: 'IE' } });
		const draft = await stripe.invoices.create({
			customer: consumer.id,
			currency: 'eur',
			automatic_tax: { enabled: true },
		});
		await stripe.invoiceItems.create({
			customer: consumer.id,
			invoice: draft.id,
			amount: 1000,
			tax_code: 'txcd_00000000',
		});
		await stripe.invoiceItems.create({
			customer: consumer.id,
			invoice: draft.id,
			amount: 1000,
			tax_code: 'txcd_10000000',
		});
		const mixed = await stripe.invoices.retrieve(draft.id);
		expect(mixed.lines.data.map((l) => [l.taxes?.[0].taxability_reason, l.taxes?.[0].amount])).toEqual([
			['not_subject_to_tax', 0],
			['standard_rated', 230],
		]);
		const badCode = await rejectionOf(
			stripe.invoiceItems.create({
				customer: consumer.id,
				invoice: draft.id,
				amount: 1000,
				tax_code: 'general',
			}),
			StripeInvalidRequestError,
		);
		expect(badCode.param).toBe('tax_code');
	});

	it('needs a customer location: the draft waits for it and finalizing fails with Stripe’s error', async () => {
		const customer = await payer();
		const invoice = await autoTaxInvoice(customer.id, [{ amount: 1000, description: 'Nowhere' }]);
		expect(invoice.automatic_tax.status).toBe('requires_location_inputs');
		expect(invoice.total_taxes).toEqual([]);
		const failed = await rejectionOf(stripe.invoices.finalizeInvoice(invoice.id), StripeInvalidRequestError);
		expect(failed).toMatchObject({
			statusCode: 400,
			code: 'customer_tax_location_invalid',
			message:
				"The customer's location isn't recognized. Set a valid customer address in order to automatically calculate tax.",
		});
		const still = await stripe.invoices.retrieve(invoice.id);
		expect(still.status).toBe('draft');
		expect(still.last_finalization_error).toMatchObject({ code: 'customer_tax_location_invalid' });
		// US customers need a 5-digit postal code (docs.stripe.com/invoicing/taxes).
		await stripe.customers.update(customer.id, { address: { country: 'US', state: 'NY' } });
		await rejectionOf(stripe.invoices.pay(invoice.id), StripeInvalidRequestError);
		await stripe.customers.update(customer.id, {
			address: { country: 'US', state: 'NY', postal_code: '10001' },
		});
		const paid = await stripe.invoices.pay(invoice.id);
		expect(paid).toMatchObject({
			status: 'paid',
			total: 1040,
			amount_paid: 1040,
			last_finalization_error: null,
		});
	});

	it('refuses manual tax rates next to automatic tax, and an unplaceable address validated immediately', async () => {
		const customer = await payer({ address: berlin });
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 19, inclusive: false });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'eur',
			automatic_tax: { enabled: true },
		});
		const item = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				invoice: draft.id,
				amount: 1000,
				tax_rates: [vat.id],
			}),
			StripeInvalidRequestError,
		);
		expect(item.param).toBe('tax_rates');
		const defaults = await rejectionOf(
			stripe.invoices.update(draft.id, { default_tax_rates: [vat.id] }),
			StripeInvalidRequestError,
		);
		expect(defaults.param).toBe('default_tax_rates');
		const validated = await rejectionOf(
			stripe.customers.create({ address: { country: 'US' }, tax: { validate_location: 'immediately' } }),
			StripeInvalidRequestError,
		);
		expect(validated.code).toBe('customer_tax_location_invalid');
		const unplaced = (await stripe.customers.retrieve((await payer()).id, {
			expand: ['tax'],
		})) as Stripe.Customer;
		expect(unplaced.tax).toMatchObject({ automatic_tax: 'unrecognized_location', location: null });
	});
});
