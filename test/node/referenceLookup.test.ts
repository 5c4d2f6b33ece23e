import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

const collect = (options: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options }),
});

function rows(account: TestAccount, count: number, prefix: string) {
	const customers = [account.customer(), account.customer(), account.customer()];
	return Array.from({ length: count }, (_, i) => ({
		customer: customers[i % customers.length],
		amount: 500 + i,
		currency: 'usd',
		ref: `${prefix}-${i}`,
	}));
}

const searches = (account: TestAccount) =>
	account.requests().filter((request) => request.path === '/v1/invoices/search');
const reads = (account: TestAccount) => account.requests().filter((request) => request.method === 'GET');

describe('batched reference lookup', () => {
	test('ten references to a search, before any row writes; a re-run finds every row', async () => {
		const account = world.account();
		const batch = rows(account, 25, 'batch');

		const first = await account.run(batch, collect({ concurrency: 5 }));

		expect(first.error).toBeUndefined();
		const queries = searches(account).map((request) => String(request.query.query));
		expect(queries).toHaveLength(3);
		expect(queries[0].split(' OR ')).toEqual(
			batch.slice(0, 10).map((row) => `metadata['n8n_reference']:'${row.ref}'`),
		);
		expect(queries[2].split(' OR ')).toHaveLength(5);
		const firstWrite = account.requests().findIndex((request) => request.method === 'POST');
		expect(
			account
				.requests()
				.slice(firstWrite)
				.some((r) => r.path === '/v1/invoices/search'),
		).toBe(false);
		// 0.12 reads per row: the three searches and nothing else.
		expect(reads(account)).toHaveLength(3);

		const again = await account.run(batch, collect({ concurrency: 5 }));

		expect(again.output('Collect')!.every((item) => item.json.alreadyPaid === true)).toBe(true);
		expect(again.output('Collect')!.map((item) => item.json.invoiceId)).toEqual(
			first.output('Collect')!.map((item) => item.json.invoiceId),
		);
		expect(reads(account)).toHaveLength(6);
		expect(world.emulator().ledger(account.key)).toMatchObject({
			duplicateReferences: [],
			invoicesChargedTwice: [],
		});
		expect(world.emulator().charges(account.key)).toHaveLength(25);
	});

	test('matches exactly: an invoice tagged in another case belongs to another reference', async () => {
		const account = world.account();
		const [mine, theirs] = [account.customer(), account.customer()];
		const other = await account.sdk.invoices.create({
			customer: theirs,
			currency: 'usd',
			metadata: { n8n_reference: 'ORDER-CASE' },
		});

		const result = await account.run(
			[{ customer: mine, amount: 900, currency: 'usd', ref: 'order-case' }],
			collect(),
		);

		// Stripe's search compares case-insensitively and returns the other invoice too.
		expect(result.error).toBeUndefined();
		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, resumedFrom: null });
		expect(result.output('Collect')![0].json.invoiceId).not.toBe(other.id);
	});

	test('reads every page of a truncated result, so no row misses its invoice', async () => {
		const account = world.account();
		const customer = account.customer();
		const draft = await account.sdk.invoices.create({
			customer,
			currency: 'usd',
			metadata: { n8n_reference: 'deep' },
		});
		// 100 newer invoices whose reference matches case-insensitively push it to a second page.
		for (let i = 0; i < 100; i++) {
			await account.sdk.invoices.create({ customer, currency: 'usd', metadata: { n8n_reference: 'DEEP' } });
		}

		const result = await account.run([{ customer, amount: 300, currency: 'usd', ref: 'deep' }], collect());

		expect(result.output('Collect')![0].json).toMatchObject({
			invoiceId: draft.id,
			resumedFrom: 'draft',
			paid: true,
		});
		expect(searches(account)).toHaveLength(2);
		expect(searches(account)[1].query.page).toEqual(expect.stringMatching(/^page_/));
	});

	test('a failing search fails only the rows it was for, under continue-on-fail', async () => {
		const account = world.account();
		const batch = rows(account, 12, 'fail');
		world.emulator().addFault({
			method: 'GET',
			path: '/v1/invoices/search',
			action: 'error_500',
			apiKey: account.key,
			every: true,
			times: 5,
		});

		const result = await account.run(batch, {
			...collect({ concurrency: 1, maxAttempts: 5 }),
			continueOnFail: true,
		});
		world.emulator().clearFaults();

		// The first search was tried five times and given up; the second (two rows) succeeded.
		const output = result.output('Collect')!;
		expect(output.slice(0, 10).every((item) => (item.json.error as IDataObject)?.httpStatus === 500)).toBe(
			true,
		);
		expect(output[3].json).toMatchObject({ failedStep: 'findByReference', stepsCompleted: [], paid: false });
		expect((output[3].json.error as IDataObject).itemIndex).toBe(3);
		expect(output.slice(10).every((item) => item.json.paid === true)).toBe(true);
		expect(account.requests().filter((request) => request.method === 'POST')).toHaveLength(8);
	}, 60_000);
});

describe('without search (accounts where Stripe offers none)', () => {
	afterEach(() => world.emulator().setSearchAvailable(true));

	test('lists each customer once, finds every row, and says so on the first row only', async () => {
		const account = world.account();
		const batch = rows(account, 12, 'nosearch');
		await account.run(batch, collect());
		world.emulator().setSearchAvailable(false);
		const before = account.requests().length;

		const again = await account.run(batch, collect());

		const output = again.output('Collect')!;
		expect(output.every((item) => item.json.alreadyPaid === true)).toBe(true);
		expect(output[0].json.notice).toMatch(/^Stripe search is not available for this account/);
		expect(output.slice(1).some((item) => 'notice' in item.json)).toBe(false);
		const lookups = account.requests().slice(before);
		// One refused search (the second chunk of ten is not tried), then one listing per customer.
		expect(lookups.filter((request) => request.path === '/v1/invoices/search')).toHaveLength(1);
		expect(lookups.filter((request) => request.path === '/v1/invoices')).toHaveLength(3);
		expect(lookups.filter((request) => request.method === 'POST')).toHaveLength(0);
	});
});
