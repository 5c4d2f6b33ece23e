// Real parameters the emulator must accept and store (InvoiceCreateParams / InvoiceUpdateParams in
// stripe/cjs/resources/Invoices.d.ts, CustomerCreateParams / CustomerUpdateParams in Customers.d.ts),
// and invoice shape details from the SDK's doc comments.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('accept'));
});

describe('invoice parameters', () => {
	it('accepts automatic_tax, payment_settings, custom_fields and rendering, and reports them', async () => {
		const customer = await customerWithCard(stripe);
		// Automatic tax completes only for a customer Stripe Tax can place (automatic-tax.test.ts).
		await stripe.customers.update(customer.id, {
			address: { country: 'US', postal_code: '10001', state: 'NY' },
		});
		const draft = await stripe.invoices.create({
			customer: customer.id,
			automatic_tax: { enabled: true },
			payment_settings: { payment_method_types: ['card'] },
			custom_fields: [{ name: 'PO number', value: 'PO-7' }],
			rendering: { amount_tax_display: 'include_inclusive_tax', pdf: { page_size: 'a4' } },
		});
		// Invoice.AutomaticTax: enabled plus the status of "the most recent automated tax calculation".
		expect(draft.automatic_tax).toMatchObject({ enabled: true, status: 'complete' });
		expect(draft.payment_settings.payment_method_types).toEqual(['card']);
		expect(draft.custom_fields).toEqual([{ name: 'PO number', value: 'PO-7' }]);
		expect(draft.rendering).toMatchObject({
			amount_tax_display: 'include_inclusive_tax',
			pdf: { page_size: 'a4' },
		});

		const updated = await stripe.invoices.update(draft.id, {
			automatic_tax: { enabled: false },
			custom_fields: '',
			payment_settings: { payment_method_types: ['card', 'us_bank_account'] },
		});
		expect(updated.automatic_tax).toMatchObject({ enabled: false, status: null });
		expect(updated.custom_fields).toBeNull();
		expect(updated.payment_settings.payment_method_types).toEqual(['card', 'us_bank_account']);
		expect((await stripe.invoices.retrieve(draft.id)).rendering).toMatchObject({ pdf: { page_size: 'a4' } });
	});

	// Invoices.d.ts CustomField: "The name of the custom field. This may be up to 40 characters." and
	// "The value of the custom field. This may be up to 140 characters."; at most 4 fields [D].
	it('checks custom_fields against the documented limits', async () => {
		const customer = await customerWithCard(stripe);
		const tooLong = await rejectionOf(
			stripe.invoices.create({
				customer: customer.id,
				custom_fields: [{ name: 'n'.repeat(41), value: 'v' }],
			}),
			StripeInvalidRequestError,
		);
		expect(tooLong.param).toBe('custom_fields[0][name]');
		await rejectionOf(
			stripe.invoices.create({
				customer: customer.id,
				custom_fields: Array.from({ length: 5 }, (_, i) => ({ name: `n${i}`, value: 'v' })),
			}),
			StripeInvalidRequestError,
		);
	});
});

describe('customers', () => {
	it('accept a balance on create and update it through POST /v1/customers/:id', async () => {
		const customer = await stripe.customers.create({ name: 'Owes', balance: 500 });
		expect(customer.balance).toBe(500);
		const credit = await stripe.customers.update(customer.id, {
			balance: -300,
			metadata: { tier: 'gold' },
			email: 'owes@example.com',
		});
		expect(credit).toMatchObject({ balance: -300, metadata: { tier: 'gold' }, email: 'owes@example.com' });
		// The credit is applied at finalization (reference §1: starting_balance, amount_due).
		const draft = await draftWithItem(stripe, customer.id, 1000);
		const open = await stripe.invoices.finalizeInvoice(draft.id);
		expect(open).toMatchObject({ starting_balance: -300, amount_due: 700 });
		expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ balance: 0 });
	});

	it('updates invoice_settings.default_payment_method, only with the customer’s own method', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe, 'pm_card_mastercard');
		const updated = await stripe.customers.update(customer.id, {
			invoice_settings: { default_payment_method: 'pm_card_amex' },
		});
		const pm = updated.invoice_settings.default_payment_method as string;
		expect(pm).toMatch(/^pm_/);
		expect(pm).not.toBe(customer.invoice_settings.default_payment_method);
		const err = await rejectionOf(
			stripe.customers.update(customer.id, {
				invoice_settings: { default_payment_method: other.invoice_settings.default_payment_method as string },
			}),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, param: 'invoice_settings[default_payment_method]' });
		const missing = await rejectionOf(
			stripe.customers.update('cus_missing', { name: 'x' }),
			StripeInvalidRequestError,
		);
		expect(missing.statusCode).toBe(404);
	});
});

describe('invoice shape', () => {
	// InvoicePayments.d.ts amount_paid: "This field is null until the payment is `paid`."
	it('reports the default invoice payment’s amount_paid as null until paid', async () => {
		const customer = await customerWithCard(stripe);
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 1500)).id, {
			expand: ['payments'],
		});
		expect(open.payments?.data[0]).toMatchObject({
			status: 'open',
			amount_paid: null,
			amount_requested: 1500,
		});
		const paid = await stripe.invoices.pay(open.id, { expand: ['payments'] });
		expect(paid.payments?.data[0]).toMatchObject({ status: 'paid', amount_paid: 1500 });
	});

	// Invoices.d.ts webhooks_delivered_at: "If the invoice had no webhooks to deliver, this will be set
	// while the invoice is being created." The emulator delivers no webhooks.
	it('sets webhooks_delivered_at when the invoice is created', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id });
		expect(draft.webhooks_delivered_at).toBe(draft.created);
	});
});
