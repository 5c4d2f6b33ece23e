// List endpoints: filters, newest-first order and cursor pagination via the SDK's auto-pager.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('list'));
});

describe('listing', () => {
	it('pages through invoices newest first with starting_after', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const created: string[] = [];
		for (let i = 0; i < 7; i++)
			created.push((await stripe.invoices.create({ customer: customer.id, description: `#${i}` })).id);
		await stripe.invoices.create({ customer: other.id });

		const firstPage = await stripe.invoices.list({ customer: customer.id, limit: 3 });
		expect(firstPage).toMatchObject({ object: 'list', has_more: true, url: '/v1/invoices' });
		expect(firstPage.data.map((i) => i.id)).toEqual(created.slice(-3).reverse());

		const all = await stripe.invoices
			.list({ customer: customer.id, limit: 3 })
			.autoPagingToArray({ limit: 100 });
		expect(all.map((i) => i.id)).toEqual([...created].reverse());
		const pages = emulator.requests.filter(
			(r) => r.method === 'GET' && r.path === '/v1/invoices' && r.query.customer === customer.id,
		);
		expect(pages.map((r) => r.query.starting_after)).toEqual([undefined, undefined, created[4], created[1]]);
	});

	it('filters invoices by status', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id });
		const zero = await stripe.invoices.finalizeInvoice(
			(await stripe.invoices.create({ customer: customer.id })).id,
		);
		expect((await stripe.invoices.list({ status: 'draft' })).data.map((i) => i.id)).toEqual([draft.id]);
		expect((await stripe.invoices.list({ status: 'paid' })).data.map((i) => i.id)).toEqual([zero.id]);
	});

	it('lists invoice items by invoice and pending state, across pages', async () => {
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({ customer: customer.id });
		for (let i = 0; i < 5; i++)
			await stripe.invoiceItems.create({
				customer: customer.id,
				invoice: invoice.id,
				amount: 100 + i,
				currency: 'usd',
			});
		const pending = await stripe.invoiceItems.create({ customer: customer.id, amount: 999, currency: 'usd' });

		const onInvoice = await stripe.invoiceItems
			.list({ invoice: invoice.id, limit: 2 })
			.autoPagingToArray({ limit: 50 });
		expect(onInvoice.map((i) => i.amount)).toEqual([104, 103, 102, 101, 100]);
		const pendingOnly = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
		expect(pendingOnly.data.map((i) => i.id)).toEqual([pending.id]);
		expect((await stripe.invoiceItems.list({ pending: false })).data).toHaveLength(5);
	});

	it('keeps line order and paginates /lines beyond the embedded ten', async () => {
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoices.addLines(invoice.id, {
			lines: Array.from({ length: 12 }, (_, i) => ({ amount: i + 1 })),
		});
		const fetched = await stripe.invoices.retrieve(invoice.id);
		expect(fetched.lines).toMatchObject({ total_count: 12, has_more: true });
		expect(fetched.lines.data).toHaveLength(10);
		const lines = await stripe.invoices
			.listLineItems(invoice.id, { limit: 5 })
			.autoPagingToArray({ limit: 50 });
		expect(lines.map((l) => l.amount)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
	});

	it('rejects an unknown cursor', async () => {
		await rejectionOf(
			stripe.invoices.list({ starting_after: 'in_nope' }),
			Stripe.errors.StripeInvalidRequestError,
		);
	});
});
