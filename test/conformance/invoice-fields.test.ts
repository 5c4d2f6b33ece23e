// Invoice fields an invoice carries as given: account_tax_ids (the account's tax IDs), custom
// fields within Stripe's limits, footer and statement descriptor (InvoiceCreateParams).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('fields'));
});

describe('invoice fields', () => {
	it('names the account’s own tax IDs, expandable, and only while a draft', async () => {
		const customer = await customerWithCard(stripe);
		const vatId = await stripe.taxIds.create({
			type: 'eu_vat',
			value: 'DE123456789',
			owner: { type: 'self' },
		});
		expect(vatId).toMatchObject({ object: 'tax_id', type: 'eu_vat', value: 'DE123456789', country: 'DE' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			account_tax_ids: [vatId.id],
			expand: ['account_tax_ids'],
		});
		expect(draft.account_tax_ids).toEqual([expect.objectContaining({ id: vatId.id, value: 'DE123456789' })]);
		const unknown = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, account_tax_ids: ['txi_missing'] }),
			StripeInvalidRequestError,
		);
		expect(unknown).toMatchObject({ code: 'resource_missing', param: 'account_tax_ids[0]' });
		const cleared = await stripe.invoices.update(draft.id, { account_tax_ids: '' });
		expect(cleared.account_tax_ids).toBeNull();
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 100)).id);
		// Invoices.d.ts account_tax_ids: "Only editable when the invoice is a draft."
		const late = await rejectionOf(
			stripe.invoices.update(open.id, { account_tax_ids: [vatId.id] }),
			StripeInvalidRequestError,
		);
		expect(late).toMatchObject({
			param: 'account_tax_ids',
			message: "Finalized invoices can't be updated in this way",
		});
	});

	it('keeps custom fields, footer and statement descriptor, and refuses more than four fields', async () => {
		const customer = await customerWithCard(stripe);
		const fields = [
			{ name: 'PO number', value: 'PO-7' },
			{ name: 'Project', value: 'x'.repeat(140) },
		];
		const draft = await stripe.invoices.create({
			customer: customer.id,
			custom_fields: fields,
			footer: 'Thank you for your business.',
			statement_descriptor: 'ACME SHOP',
		});
		expect(draft).toMatchObject({
			custom_fields: fields,
			footer: 'Thank you for your business.',
			statement_descriptor: 'ACME SHOP',
		});
		const tooLong = await rejectionOf(
			stripe.invoices.update(draft.id, { custom_fields: [{ name: 'Project', value: 'x'.repeat(141) }] }),
			StripeInvalidRequestError,
		);
		expect(tooLong.param).toBe('custom_fields[0][value]');
		const five = await rejectionOf(
			stripe.invoices.update(draft.id, {
				custom_fields: Array.from({ length: 5 }, (_, i) => ({ name: `Field ${i}`, value: 'v' })),
			}),
			StripeInvalidRequestError,
		);
		expect(five.param).toBe('custom_fields');
		const descriptor = await rejectionOf(
			stripe.invoices.update(draft.id, { statement_descriptor: '12345' }),
			StripeInvalidRequestError,
		);
		expect(descriptor.param).toBe('statement_descriptor');
		expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ custom_fields: fields });
	});
});
