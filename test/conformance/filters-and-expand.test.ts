// List filters (created ranges, cursors in both directions) and the expand forms Stripe accepts.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let apiKey: string;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	apiKey = freshKey('filters');
	stripe = sdk(emulator, apiKey);
});

const ids = (list: { data: Array<{ id: string }> }): string[] => list.data.map((o) => o.id);

/** GET through plain HTTP, so the exact query-string form is under the test's control. */
async function rawGet(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
	const res = await fetch(`${emulator.url}${path}`, { headers: { Authorization: `Bearer ${apiKey}` } });
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('invoice list filters', () => {
	it('filters by created: exact value and gt/gte/lt/lte bounds', async () => {
		const customer = await customerWithCard(stripe);
		const invoices: Stripe.Invoice[] = [];
		for (let i = 0; i < 3; i++) invoices.push(await stripe.invoices.create({ customer: customer.id }));
		const newestFirst = invoices.map((i) => i.id).reverse();
		const oldest = Math.min(...invoices.map((i) => i.created));
		const newest = Math.max(...invoices.map((i) => i.created));

		expect(ids(await stripe.invoices.list({ created: { gte: oldest, lte: newest } }))).toEqual(newestFirst);
		expect(ids(await stripe.invoices.list({ created: { gt: oldest - 1, lt: newest + 1 } }))).toEqual(
			newestFirst,
		);
		expect((await stripe.invoices.list({ created: { gt: newest } })).data).toEqual([]);
		expect((await stripe.invoices.list({ created: { lt: oldest } })).data).toEqual([]);
		expect((await stripe.invoices.list({ created: oldest - 1 })).data).toEqual([]);
		const atNewest = invoices.filter((i) => i.created === newest).map((i) => i.id);
		expect(ids(await stripe.invoices.list({ created: newest })).sort()).toEqual(atNewest.sort());
		// The same filters over plain HTTP: `created=N` and `created[gte]=N`.
		expect((await rawGet(`/v1/invoices?created=${oldest - 1}`)).body.data).toEqual([]);
		const raw = await rawGet(`/v1/invoices?created[gte]=${oldest}&created[lte]=${newest}`);
		expect((raw.body.data as Array<{ id: string }>).map((i) => i.id)).toEqual(newestFirst);
	});

	it('combines customer, status and collection_method', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const sendDraft = await stripe.invoices.create({
			customer: customer.id,
			collection_method: 'send_invoice',
			days_until_due: 30,
		});
		const chargeDraft = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoices.create({
			customer: other.id,
			collection_method: 'send_invoice',
			days_until_due: 7,
		});

		expect(
			ids(await stripe.invoices.list({ customer: customer.id, collection_method: 'send_invoice' })),
		).toEqual([sendDraft.id]);
		expect(
			ids(
				await stripe.invoices.list({
					customer: customer.id,
					status: 'draft',
					collection_method: 'charge_automatically',
				}),
			),
		).toEqual([chargeDraft.id]);
		expect((await stripe.invoices.list({ customer: customer.id, status: 'open' })).data).toEqual([]);
		// Subscriptions are not modelled, so no invoice belongs to one.
		expect((await stripe.invoices.list({ subscription: 'sub_123' })).data).toEqual([]);
	});

	it('pages backwards with ending_before', async () => {
		const customer = await customerWithCard(stripe);
		const created: string[] = [];
		for (let i = 0; i < 5; i++) created.push((await stripe.invoices.create({ customer: customer.id })).id);
		// Newest first: [4, 3, 2, 1, 0]; the two just newer than #1 are #3 and #2.
		const before = await stripe.invoices.list({ ending_before: created[1], limit: 2 });
		expect(ids(before)).toEqual([created[3], created[2]]);
		expect(before.has_more).toBe(true);
		const top = await stripe.invoices.list({ ending_before: created[3], limit: 2 });
		expect(ids(top)).toEqual([created[4]]);
		expect(top.has_more).toBe(false);
		const after = await stripe.invoices.list({ starting_after: created[3], limit: 2 });
		expect(ids(after)).toEqual([created[2], created[1]]);
	});

	it('rejects unknown filters and unknown range operators', async () => {
		const unknown = await rejectionOf(
			stripe.invoices.list({ colour: 'red' } as Stripe.InvoiceListParams),
			StripeInvalidRequestError,
		);
		expect(unknown).toMatchObject({ code: 'parameter_unknown', param: 'colour' });
		const range = await rejectionOf(
			stripe.invoices.list({ created: { between: 5 } } as unknown as Stripe.InvoiceListParams),
			StripeInvalidRequestError,
		);
		expect(range).toMatchObject({
			code: 'parameter_unknown',
			message: 'Received unknown parameter: created[between]',
		});
		const notInt = await rejectionOf(
			stripe.invoices.list({ created: { gt: 'soon' } } as unknown as Stripe.InvoiceListParams),
			StripeInvalidRequestError,
		);
		expect(notInt).toMatchObject({ code: 'parameter_invalid_integer', param: 'created[gt]' });
	});
});

describe('invoice item list filters', () => {
	it('filters by customer, invoice, pending and created, with cursors both ways', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({ customer: customer.id });
		const attached: string[] = [];
		for (let i = 0; i < 3; i++) {
			const item = await stripe.invoiceItems.create({
				customer: customer.id,
				invoice: invoice.id,
				amount: 100 + i,
				currency: 'usd',
			});
			attached.push(item.id);
		}
		const pending = await stripe.invoiceItems.create({ customer: customer.id, amount: 5, currency: 'usd' });
		const otherPending = await stripe.invoiceItems.create({ customer: other.id, amount: 7, currency: 'usd' });

		expect(ids(await stripe.invoiceItems.list({ customer: customer.id, pending: true }))).toEqual([
			pending.id,
		]);
		expect(ids(await stripe.invoiceItems.list({ pending: true }))).toEqual([otherPending.id, pending.id]);
		expect(ids(await stripe.invoiceItems.list({ invoice: invoice.id }))).toEqual([...attached].reverse());
		expect(ids(await stripe.invoiceItems.list({ customer: other.id }))).toEqual([otherPending.id]);

		const dates = [pending.date, otherPending.date];
		expect((await stripe.invoiceItems.list({ created: { gt: Math.max(...dates) } })).data).toEqual([]);
		expect(
			ids(await stripe.invoiceItems.list({ customer: customer.id, created: { lte: Math.max(...dates) } })),
		).toEqual([pending.id, ...[...attached].reverse()]);

		const page = await stripe.invoiceItems.list({
			invoice: invoice.id,
			starting_after: attached[2],
			limit: 1,
		});
		expect(ids(page)).toEqual([attached[1]]);
		expect(page.has_more).toBe(true);
		const back = await stripe.invoiceItems.list({
			invoice: invoice.id,
			ending_before: attached[0],
			limit: 5,
		});
		expect(ids(back)).toEqual([attached[2], attached[1]]);
	});

	it('rejects unknown filters', async () => {
		const err = await rejectionOf(
			stripe.invoiceItems.list({ status: 'pending' } as Stripe.InvoiceItemListParams),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ code: 'parameter_unknown', param: 'status' });
	});
});

describe('expand', () => {
	it('expands customer with the SDK’s indexed form (expand[0]=customer)', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({ customer: customer.id, expand: ['customer'] });
		expect(draft.customer).toMatchObject({ id: customer.id, object: 'customer', name: customer.name });
		const fetched = await stripe.invoices.retrieve(draft.id, { expand: ['customer'] });
		expect(fetched.customer).toMatchObject({ id: customer.id, object: 'customer' });
		const updated = await stripe.invoices.update(draft.id, { description: 'x', expand: ['customer'] });
		expect(updated.customer).toMatchObject({ id: customer.id });
		const finalized = await stripe.invoices.finalizeInvoice(draft.id, { expand: ['customer'] });
		expect(finalized.customer).toMatchObject({ object: 'customer' });
		expect((await stripe.invoices.retrieve(draft.id)).customer).toBe(customer.id);
		const logged = emulator.requests.find(
			(r) => r.method === 'GET' && r.path === `/v1/invoices/${draft.id}` && r.query.expand !== undefined,
		);
		expect(logged?.query).toEqual({ expand: ['customer'] });
	});

	it('accepts the expand[]=customer and expand[0]=customer forms over plain HTTP', async () => {
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({ customer: customer.id });
		for (const form of ['expand[]=customer', 'expand[0]=customer', 'expand%5B%5D=customer']) {
			const res = await rawGet(`/v1/invoices/${invoice.id}?${form}`);
			expect(res.status).toBe(200);
			expect(res.body.customer).toMatchObject({ id: customer.id, object: 'customer' });
		}
		const list = await rawGet(`/v1/invoices?expand[]=data.customer`);
		expect((list.body.data as Array<{ customer: unknown }>)[0].customer).toMatchObject({ id: customer.id });
	});

	it('uses data.<field> on list endpoints and explains a missing prefix', async () => {
		const customer = await customerWithCard(stripe);
		await stripe.invoices.create({ customer: customer.id });
		const listed = await stripe.invoices.list({ expand: ['data.customer'] });
		expect(listed.data[0].customer).toMatchObject({ id: customer.id, object: 'customer' });
		expect((await stripe.invoices.list()).data[0].customer).toBe(customer.id);

		const err = await rejectionOf(stripe.invoices.list({ expand: ['customer'] }), StripeInvalidRequestError);
		expect(err.message).toBe(
			"This property cannot be expanded (customer). You may want to try expanding 'data.customer' instead.",
		);
		await rejectionOf(stripe.invoiceItems.list({ expand: ['invoice'] }), StripeInvalidRequestError);
		await rejectionOf(stripe.customers.list({ expand: ['email'] }), StripeInvalidRequestError);
		expect((await stripe.invoiceItems.list({ expand: ['data.invoice'] })).object).toBe('list');
	});
});
