// Metadata limits. docs.stripe.com/api/metadata: "You can specify up to 50 keys, with key names up to
// 40 characters long and values up to 500 characters long ... you can't use square brackets ([ and ])
// in keys." The SDK types metadata as Stripe.MetadataParam (Emptyable: '' unsets, reference §0).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('meta'));
});

function keys(count: number, prefix = 'k'): Record<string, string> {
	return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, 'v']));
}

describe('metadata limits', () => {
	it('refuses more than 50 keys on create, for invoices, invoice items and customers', async () => {
		const customer = await customerWithCard(stripe);
		const invoice = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, metadata: keys(51) }),
			StripeInvalidRequestError,
		);
		expect(invoice).toMatchObject({ statusCode: 400, param: 'metadata' });
		const item = await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, amount: 100, currency: 'usd', metadata: keys(51) }),
			StripeInvalidRequestError,
		);
		expect(item.param).toBe('metadata');
		await rejectionOf(stripe.customers.create({ metadata: keys(51) }), StripeInvalidRequestError);
		expect((await stripe.invoices.create({ customer: customer.id, metadata: keys(50) })).metadata).toEqual(
			keys(50),
		);
	});

	it('counts the keys after merging an update with the stored ones; "" deletes a key', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id, metadata: keys(30, 'a') });
		const over = await rejectionOf(
			stripe.invoices.update(draft.id, { metadata: keys(21, 'b') }),
			StripeInvalidRequestError,
		);
		expect(over).toMatchObject({ statusCode: 400, param: 'metadata' });
		expect((await stripe.invoices.retrieve(draft.id)).metadata).toEqual(keys(30, 'a'));
		// Removing one key makes room for the 21st new one: 30 - 1 + 21 = 50.
		const merged = await stripe.invoices.update(draft.id, { metadata: { ...keys(21, 'b'), a0: '' } });
		expect(Object.keys(merged.metadata ?? {})).toHaveLength(50);
		expect(merged.metadata).not.toHaveProperty('a0');

		const item = await stripe.invoiceItems.create({
			customer: customer.id,
			amount: 100,
			currency: 'usd',
			metadata: keys(50, 'i'),
		});
		const itemErr = await rejectionOf(
			stripe.invoiceItems.update(item.id, { metadata: { extra: 'x' } }),
			StripeInvalidRequestError,
		);
		expect(itemErr.param).toBe('metadata');

		// A finalized invoice still takes metadata edits, under the same limit.
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 900)).id);
		await stripe.invoices.update(open.id, { metadata: keys(50) });
		await rejectionOf(
			stripe.invoices.update(open.id, { metadata: { one: 'more' } }),
			StripeInvalidRequestError,
		);
	});

	it('refuses keys over 40 characters, values over 500 and keys with square brackets', async () => {
		const customer = await customerWithCard(stripe);
		const create = (metadata: Record<string, string>) =>
			rejectionOf(stripe.invoices.create({ customer: customer.id, metadata }), StripeInvalidRequestError);
		expect((await create({ ['k'.repeat(41)]: 'v' })).statusCode).toBe(400);
		expect((await create({ k: 'v'.repeat(501) })).statusCode).toBe(400);
		const bracket = await create({ 'a[b]': 'v' });
		expect(bracket).toMatchObject({ statusCode: 400, param: 'metadata' });
		expect(bracket.message).toMatch(/square brackets/);
		const closing = await create({ 'a]b': 'v' });
		expect(closing).toMatchObject({ statusCode: 400, param: 'metadata' });
		const ok = await stripe.invoices.create({
			customer: customer.id,
			metadata: { ['k'.repeat(40)]: 'v'.repeat(500) },
		});
		expect(Object.keys(ok.metadata ?? {})).toEqual(['k'.repeat(40)]);
	});

	it('applies the same limits to add_lines line and invoice metadata', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id, metadata: keys(50) });
		await rejectionOf(
			stripe.invoices.addLines(draft.id, { lines: [{ amount: 100 }], invoice_metadata: { more: 'x' } }),
			StripeInvalidRequestError,
		);
		await rejectionOf(
			stripe.invoices.addLines(draft.id, { lines: [{ amount: 100, metadata: keys(51) }] }),
			StripeInvalidRequestError,
		);
		expect((await stripe.invoices.retrieve(draft.id)).lines.data).toEqual([]);
	});
});
