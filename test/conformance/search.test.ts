// Search endpoints: the query language subset, result shape, `page` pagination and query errors.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('search'));
});

const ids = (list: { data: Array<{ id: string }> }): string[] => list.data.map((o) => o.id);

describe('invoice search', () => {
	it('returns a search_result of exact customer and status matches, newest first', async () => {
		const customer = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const first = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoices.create({ customer: other.id });
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 900)).id);
		const second = await stripe.invoices.create({ customer: customer.id });

		const drafts = await stripe.invoices.search({
			query: `customer:'${customer.id}' AND status:"draft"`,
		});
		expect(drafts).toMatchObject({
			object: 'search_result',
			has_more: false,
			next_page: null,
			url: '/v1/invoices/search',
		});
		expect(drafts).not.toHaveProperty('total_count');
		expect(ids(drafts)).toEqual([second.id, first.id]);
		expect(ids(await stripe.invoices.search({ query: `status:'open'` }))).toEqual([open.id]);
		// Whitespace between clauses means AND.
		expect(ids(await stripe.invoices.search({ query: `customer:'${other.id}' status:'open'` }))).toEqual([]);
	});

	it('compares total and created numerically', async () => {
		const customer = await customerWithCard(stripe);
		const small = await draftWithItem(stripe, customer.id, 500);
		const large = await draftWithItem(stripe, customer.id, 1500);
		const exact = await draftWithItem(stripe, customer.id, 1000);

		expect(ids(await stripe.invoices.search({ query: 'total>1000' }))).toEqual([large.id]);
		expect(ids(await stripe.invoices.search({ query: 'total>=1000' }))).toEqual([exact.id, large.id]);
		expect(ids(await stripe.invoices.search({ query: 'total<1000' }))).toEqual([small.id]);
		expect(ids(await stripe.invoices.search({ query: 'total<=1000' }))).toEqual([exact.id, small.id]);
		expect(ids(await stripe.invoices.search({ query: 'total:1500' }))).toEqual([large.id]);
		expect(ids(await stripe.invoices.search({ query: 'total>500 AND total<1500' }))).toEqual([exact.id]);
		const newest = Math.max(small.created, large.created, exact.created);
		expect(await stripe.invoices.search({ query: `created>${newest}` })).toMatchObject({ data: [] });
		expect(ids(await stripe.invoices.search({ query: `created<=${newest}` }))).toHaveLength(3);
	});

	it('matches metadata, negation, OR, currency case-insensitively and number substrings', async () => {
		const customer = await stripe.customers.create({ name: 'Numbered', invoice_prefix: 'SRCHX' });
		const gold = await stripe.invoices.create({
			customer: customer.id,
			currency: 'eur',
			metadata: { tier: 'Gold', region: 'emea' },
		});
		const silver = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			metadata: { tier: 'silver' },
		});
		const plain = await stripe.invoices.finalizeInvoice(
			(await stripe.invoices.create({ customer: customer.id, currency: 'usd' })).id,
		);
		expect(plain.number).toBe('SRCHX-0001');

		expect(ids(await stripe.invoices.search({ query: `metadata['tier']:'gold'` }))).toEqual([gold.id]);
		expect(ids(await stripe.invoices.search({ query: `metadata["region"]:"EMEA"` }))).toEqual([gold.id]);
		expect(ids(await stripe.invoices.search({ query: `-metadata['tier']:'gold'` }))).toEqual([
			plain.id,
			silver.id,
		]);
		expect(ids(await stripe.invoices.search({ query: `currency:'EUR'` }))).toEqual([gold.id]);
		expect(
			ids(await stripe.invoices.search({ query: `metadata['tier']:'silver' or status:'paid'` })),
		).toEqual([plain.id, silver.id]);
		expect(ids(await stripe.invoices.search({ query: `number~'x-000'` }))).toEqual([plain.id]);
		expect(ids(await stripe.invoices.search({ query: `number:'SRCHX-0001'` }))).toEqual([plain.id]);
		// A missing value is searchable as null; subscriptions are not modelled, so every invoice has none.
		expect(ids(await stripe.invoices.search({ query: 'number:null' }))).toEqual([silver.id, gold.id]);
		expect(await stripe.invoices.search({ query: `subscription:'sub_123'` })).toMatchObject({ data: [] });
	});

	it('pages with next_page, and the SDK auto-pager follows it', async () => {
		const customer = await customerWithCard(stripe);
		const created: string[] = [];
		for (let i = 0; i < 7; i++) created.push((await stripe.invoices.create({ customer: customer.id })).id);
		const newestFirst = [...created].reverse();
		const query = `customer:'${customer.id}'`;

		const first = await stripe.invoices.search({ query, limit: 3, expand: ['total_count'] });
		expect(first).toMatchObject({ has_more: true, total_count: 7 });
		expect(typeof first.next_page).toBe('string');
		expect(ids(first)).toEqual(newestFirst.slice(0, 3));

		// Objects created after the first page do not shift the following pages.
		await stripe.invoices.create({ customer: customer.id });
		const second = await stripe.invoices.search({ query, limit: 3, page: first.next_page ?? '' });
		expect(ids(second)).toEqual(newestFirst.slice(3, 6));
		const third = await stripe.invoices.search({ query, limit: 3, page: second.next_page ?? '' });
		expect(third).toMatchObject({ has_more: false, next_page: null });
		expect(ids(third)).toEqual(newestFirst.slice(6));

		const all = await stripe.invoices.search({ query, limit: 4 }).autoPagingToArray({ limit: 100 });
		expect(all).toHaveLength(8);
		expect(all.slice(1).map((i) => i.id)).toEqual(newestFirst);
		const pages = emulator.requests.filter(
			(r) => r.path === '/v1/invoices/search' && r.query.query === query && r.query.limit === '4',
		);
		expect(pages).toHaveLength(2);
		expect(pages[0].query.page).toBeUndefined();
		expect(pages[1].query.page).toMatch(/^page_/);
	});

	it('expands data.customer on each result', async () => {
		const customer = await customerWithCard(stripe);
		await stripe.invoices.create({ customer: customer.id });
		const result = await stripe.invoices.search({
			query: `customer:'${customer.id}'`,
			expand: ['data.customer'],
		});
		expect(result.data[0].customer).toMatchObject({ id: customer.id, object: 'customer' });
		const plain = await stripe.invoices.search({ query: `customer:'${customer.id}'` });
		expect(plain.data[0].customer).toBe(customer.id);
	});
});

describe('customer search', () => {
	it('matches email exactly (case-insensitive), name and phone by substring, and metadata', async () => {
		const ada = await stripe.customers.create({
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			phone: '+15550001111',
			metadata: { plan: 'pro' },
		});
		const grace = await stripe.customers.create({
			name: 'Grace Hopper',
			email: 'grace@example.org',
			metadata: { plan: 'free' },
		});
		const result = await stripe.customers.search({ query: `email:"ADA@Example.com"` });
		expect(result).toMatchObject({ object: 'search_result', url: '/v1/customers/search' });
		expect(ids(result)).toEqual([ada.id]);
		expect(ids(await stripe.customers.search({ query: `email:'ada@example'` }))).toEqual([]);
		expect(ids(await stripe.customers.search({ query: `name~'LOVE'` }))).toEqual([ada.id]);
		expect(ids(await stripe.customers.search({ query: `phone~'0001'` }))).toEqual([ada.id]);
		expect(ids(await stripe.customers.search({ query: `email~'example'` }))).toEqual([grace.id, ada.id]);
		expect(ids(await stripe.customers.search({ query: `metadata['plan']:'free'` }))).toEqual([grace.id]);
		expect(ids(await stripe.customers.search({ query: `name~'hopper' OR metadata['plan']:'pro'` }))).toEqual([
			grace.id,
			ada.id,
		]);
		expect(ids(await stripe.customers.search({ query: `-name:'ada lovelace'` }))).toEqual([grace.id]);
		expect(ids(await stripe.customers.search({ query: `phone:null` }))).toEqual([grace.id]);
	});

	it('auto-pages customer results', async () => {
		const created: string[] = [];
		for (let i = 0; i < 5; i++)
			created.push((await stripe.customers.create({ name: `Pager ${i}`, email: `p${i}@pager.test` })).id);
		await stripe.customers.create({ name: 'Someone else' });
		const all = await stripe.customers
			.search({ query: `email~'pager.test'`, limit: 2 })
			.autoPagingToArray({ limit: 50 });
		expect(all.map((c) => c.id)).toEqual([...created].reverse());
	});
});

describe('search errors', () => {
	const invalid = async (promise: Promise<unknown>): Promise<Stripe.errors.StripeInvalidRequestError> => {
		const err = await rejectionOf(promise, StripeInvalidRequestError);
		expect(err.statusCode).toBe(400);
		expect(err.rawType).toBe('invalid_request_error');
		return err;
	};

	it('requires query', async () => {
		const err = await invalid(stripe.invoices.search({} as Stripe.InvoiceSearchParams));
		expect(err).toMatchObject({
			code: 'parameter_missing',
			param: 'query',
			message: 'Missing required param: query.',
		});
	});

	it.each([
		['invoices', 'amount>100', 'Field `amount` is an unsupported search field for resource `invoices`.'],
		['customers', `total:100`, 'Field `total` is an unsupported search field for resource `customers`.'],
		['customers', `metadata:'x'`, 'Field `metadata` is an unsupported search field'],
	])('rejects a field %s search does not support: %s', async (resource, query, message) => {
		const call =
			resource === 'invoices' ? stripe.invoices.search({ query }) : stripe.customers.search({ query });
		const err = await invalid(call);
		expect(err.message).toContain(message);
		expect(err.param).toBe('query');
	});

	it.each([
		[`status:'open' AND total>1 OR total<5`, 'AND and OR cannot be combined'],
		[`status:'open' OR total>1 total<5`, 'AND and OR cannot be combined'],
		[`status:'open`, 'is not closed'],
		[`status`, 'Expected one of : ~ > >= < <='],
		[`(status:'open')`, 'Expected a field name'],
		[`status:'open' AND`, 'We were unable to parse your search query.'],
		[`number~'ab'`, 'at least 3 characters'],
		[`customer~'cus_'`, 'does not support substring matching'],
		[`status>'open'`, 'does not support numeric comparison'],
		[`total>abc`, 'is not a number'],
		[Array.from({ length: 11 }, (_, i) => `total>${i}`).join(' AND '), 'at most 10 clauses'],
	])('rejects %s', async (query, message) => {
		const err = await invalid(stripe.invoices.search({ query }));
		expect(err.message).toContain(message);
	});

	it('starts every syntax error with Stripe’s parse failure message', async () => {
		const err = await invalid(stripe.customers.search({ query: 'asdf' }));
		expect(err.message).toMatch(
			/^We were unable to parse your search query\. Try using the format `metadata\["key"\]:"value"` to query for metadata or key:"value" to query for other fields\./,
		);
	});

	it('validates limit, page and expand', async () => {
		const limit = await invalid(stripe.invoices.search({ query: 'total>1', limit: 101 }));
		expect(limit).toMatchObject({ param: 'limit', message: 'This value must be less than or equal to 100.' });
		const page = await invalid(stripe.invoices.search({ query: 'total>1', page: 'page_bogus' }));
		expect(page.param).toBe('page');

		const customer = await customerWithCard(stripe);
		await stripe.invoices.create({ customer: customer.id });
		await stripe.invoices.create({ customer: customer.id });
		const first = await stripe.invoices.search({ query: 'total>=0', limit: 1 });
		// A next_page token only continues the query it came from.
		const foreign = await invalid(stripe.invoices.search({ query: 'total>=1', page: first.next_page ?? '' }));
		expect(foreign.param).toBe('page');

		const bare = await invalid(stripe.invoices.search({ query: 'total>=0', expand: ['customer'] }));
		expect(bare.message).toBe(
			"This property cannot be expanded (customer). You may want to try expanding 'data.customer' instead.",
		);
	});

	it('rejects unknown parameters', async () => {
		const err = await invalid(
			stripe.customers.search({ query: `name:'x'`, starting_after: 'cus_1' } as Stripe.CustomerSearchParams),
		);
		expect(err).toMatchObject({ code: 'parameter_unknown', param: 'starting_after' });
	});
});
