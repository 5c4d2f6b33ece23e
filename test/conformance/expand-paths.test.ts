// Expansion paths. docs.stripe.com/api/expanding_objects: only fields labelled "expandable" can be
// expanded, recursively with dots, and "Expansions have a maximum depth of four levels". The SDK types
// such fields as `string | Stripe.X` (Invoices.d.ts `customer: string | Stripe.Customer | ...`,
// InvoiceItems.d.ts `invoice: string | Stripe.Invoice | null`).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('expand'));
});

describe('expand paths', () => {
	it('refuses a path that is not an expandable field, before changing anything', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1200);
		const err = await rejectionOf(
			stripe.invoices.retrieve(draft.id, { expand: ['bogus'] }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, message: 'This property cannot be expanded (bogus).' });
		// A plain field is not expandable either.
		await rejectionOf(
			stripe.invoices.retrieve(draft.id, { expand: ['currency'] }),
			StripeInvalidRequestError,
		);
		// On a state-changing call the bad path is refused up front: the invoice is not paid.
		await rejectionOf(stripe.invoices.pay(draft.id, { expand: ['bogus'] }), StripeInvalidRequestError);
		expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft');
		await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, amount: 5, currency: 'usd', expand: ['nope'] }),
			StripeInvalidRequestError,
		);
		expect((await stripe.invoiceItems.list({ customer: customer.id })).data).toHaveLength(1);
		const nested = await rejectionOf(
			stripe.invoices.list({ expand: ['data.customer.bogus'] }),
			StripeInvalidRequestError,
		);
		expect(nested.message).toBe('This property cannot be expanded (data.customer.bogus).');
	});

	it('refuses expansions deeper than four levels', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1200);
		const itemId = draft.lines.data[0].parent?.invoice_item_details?.invoice_item ?? '';
		// Four levels are fine: item -> invoice -> customer -> invoice_settings -> default_payment_method.
		const four = await stripe.invoiceItems.retrieve(itemId, {
			expand: ['invoice.customer.invoice_settings.default_payment_method'],
		});
		const invoice = four.invoice as Stripe.Invoice;
		const owner = invoice.customer as Stripe.Customer;
		expect(owner.invoice_settings.default_payment_method).toMatchObject({
			object: 'payment_method',
			customer: customer.id,
		});
		const five = await rejectionOf(
			stripe.invoiceItems.retrieve(itemId, {
				expand: ['invoice.customer.invoice_settings.default_payment_method.customer'],
			}),
			StripeInvalidRequestError,
		);
		expect(five.statusCode).toBe(400);
		expect(five.message).toMatch(/four levels/);
		await rejectionOf(
			stripe.invoiceItems.list({ expand: ['data.invoice.customer.invoice_settings.default_payment_method'] }),
			StripeInvalidRequestError,
		);
	});

	it('expands an invoice item’s invoice and customer into the objects', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 700);
		const itemId = draft.lines.data[0].parent?.invoice_item_details?.invoice_item ?? '';
		const item = await stripe.invoiceItems.retrieve(itemId, { expand: ['invoice', 'customer'] });
		expect(item.invoice).toMatchObject({ id: draft.id, object: 'invoice', total: 700 });
		expect(item.customer).toMatchObject({ id: customer.id, object: 'customer' });
		const listed = await stripe.invoiceItems.list({ customer: customer.id, expand: ['data.invoice'] });
		expect(listed.data[0].invoice).toMatchObject({ id: draft.id, object: 'invoice' });
		const updated = await stripe.invoiceItems.update(itemId, { description: 'x', expand: ['invoice'] });
		expect(updated.invoice).toMatchObject({ object: 'invoice' });
		// Nested: the invoice's customer inside the expanded invoice.
		const deep = await stripe.invoiceItems.retrieve(itemId, { expand: ['invoice.customer'] });
		expect((deep.invoice as Stripe.Invoice).customer).toMatchObject({ id: customer.id, object: 'customer' });
		expect((await stripe.invoiceItems.retrieve(itemId)).invoice).toBe(draft.id);
		const withPm = await stripe.invoices.retrieve(draft.id, {
			expand: ['customer.invoice_settings.default_payment_method'],
		});
		const expandedCustomer = withPm.customer as Stripe.Customer;
		expect(expandedCustomer.invoice_settings.default_payment_method).toMatchObject({
			object: 'payment_method',
		});
	});

	// Prices.d.ts `product: string | Stripe.Product | Stripe.DeletedProduct` (expandable); a tax rate
	// has no expandable field.
	it('checks and applies expansions on prices, products and tax rates', async () => {
		const product = await stripe.products.create({ name: 'Widget' });
		const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 500 });
		const expanded = await stripe.prices.retrieve(price.id, { expand: ['product'] });
		expect(expanded.product).toMatchObject({ id: product.id, object: 'product', name: 'Widget' });
		await rejectionOf(stripe.prices.retrieve(price.id, { expand: ['bogus'] }), StripeInvalidRequestError);
		await rejectionOf(stripe.products.retrieve(product.id, { expand: ['name'] }), StripeInvalidRequestError);
		const rate = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		await rejectionOf(stripe.taxRates.retrieve(rate.id, { expand: ['country'] }), StripeInvalidRequestError);
	});
});
