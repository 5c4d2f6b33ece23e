// Class 6: values JavaScript would silently coerce into something else are refused: hex/binary/
// exponent/Infinity/trailing-garbage amounts, booleans/objects/arrays as amounts, objects as
// descriptions, duplicate or bracketed metadata keys, empty lines. Zero writes for the batch.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import { type Json, createInvoice, expectStoppedAt, mark, summary, writesSince } from './helpers';

const world = useStripeWorld();

const BAD_AMOUNTS: Array<[string, Json]> = [
	['"0x10"', '0x10'],
	['"0b1111101000"', '0b1111101000'],
	['"1e3"', '1e3'],
	['"Infinity"', 'Infinity'],
	['"12abc"', '12abc'],
	['true', true],
	['{}', {}],
	['[]', []],
];

const collectRow = (account: TestAccount): IDataObject => ({
	customer: account.customer(),
	amount: 1000,
	currency: 'usd',
	description: 'x',
});
const itemRow = (account: TestAccount): IDataObject => ({
	customer: account.customer(),
	invoiceId: '',
	amount: 300,
	currency: 'usd',
});

async function expectRefused(
	account: TestAccount,
	rows: IDataObject[],
	parameters: INodeParameters,
	field: string | RegExp,
	/** The row the error names: the last one unless every row is bad (then the first). */
	item = rows.length - 1,
) {
	const since = mark(account);
	const result = await account.run(rows, { name: 'Stripe', parameters });
	const message = expectStoppedAt(result, field, item);
	expect(summary(writesSince(account, since))).toEqual([]);
	return { result, message };
}

describe('amounts that only look like numbers', () => {
	test.each(BAD_AMOUNTS)('Invoice & Collect amount %s in the last row', async (_name, amount) => {
		const account = world.account();
		const rows = [collectRow(account), collectRow(account), { ...collectRow(account), amount }];
		await expectRefused(account, rows, invoiceAndCollect(), 'Amount');
	});

	test.each(BAD_AMOUNTS)('Create Invoice Item amount %s in the last row', async (_name, amount) => {
		const account = world.account();
		const rows = [itemRow(account), itemRow(account), { ...itemRow(account), amount }];
		await expectRefused(account, rows, createInvoiceItem(), 'Amount');
	});

	test.each(BAD_AMOUNTS.filter(([, amount]) => typeof amount === 'string'))(
		'Invoice & Collect in major units, amount %s in the last row',
		async (_name, amount) => {
			const account = world.account();
			const rows = [
				{ ...collectRow(account), amount: 10 },
				{ ...collectRow(account), amount: 12.5 },
				{ ...collectRow(account), amount },
			];
			await expectRefused(account, rows, invoiceAndCollect({ amountUnit: 'major' }), 'Amount');
		},
	);
});

describe('descriptions that are not text', () => {
	test.each([
		['Invoice & Collect', '{a:1}', { a: 1 }],
		['Invoice & Collect', '["a","b"]', ['a', 'b']],
	])('%s description %s in the last row', async (_op, _shown, description) => {
		const account = world.account();
		const rows = [collectRow(account), collectRow(account), { ...collectRow(account), description }];
		await expectRefused(account, rows, invoiceAndCollect(), 'Description');
	});

	test.each([
		['{a:1}', { a: 1 }],
		['["a","b"]', ['a', 'b']],
	])('Create Invoice additional description %s in the last row', async (_shown, description) => {
		const account = world.account();
		const row = () => ({ customer: account.customer(), d: 'fine' });
		const rows = [row(), row(), { ...row(), d: description }];
		await expectRefused(
			account,
			rows,
			createInvoice({ additionalFields: { description: '={{ $json.d }}' } }),
			'Description',
		);
	});
});

describe('metadata keys that would collide or be re-parsed', () => {
	const withKey = (extraKey: string, fixed: string) => ({
		options: {
			metadata: {
				entries: [
					{ key: fixed, value: '1' },
					{ key: extraKey, value: '2' },
				],
			},
		},
	});

	test('two entries with the key "a" (the second from the last row)', async () => {
		const account = world.account();
		const rows = [
			{ ...collectRow(account), k: 'b' },
			{ ...collectRow(account), k: 'c' },
			{ ...collectRow(account), k: 'a' },
		];
		await expectRefused(account, rows, invoiceAndCollect(withKey('={{ $json.k }}', 'a')), 'Metadata');
	});

	test('two fixed entries with the key "a" on Create Invoice Item', async () => {
		const account = world.account();
		const rows = [itemRow(account), itemRow(account), itemRow(account)];
		await expectRefused(
			account,
			rows,
			createInvoiceItem({
				additionalFields: {
					metadata: {
						entries: [
							{ key: 'a', value: '1' },
							{ key: 'a', value: '2' },
						],
					},
				},
			}),
			'Metadata',
			0,
		);
	});

	test.each(['a[b]', 'x]', '__proto__', 'a[]'])('key %j in the last row', async (key) => {
		const account = world.account();
		const rows = [
			{ ...collectRow(account), k: 'b' },
			{ ...collectRow(account), k: 'c' },
			{ ...collectRow(account), k: key },
		];
		await expectRefused(account, rows, invoiceAndCollect(withKey('={{ $json.k }}', 'source')), 'Metadata');
	});

	test.each(['a[b]', '__proto__'])('key %j on Create Invoice', async (key) => {
		const account = world.account();
		const rows = [{ customer: account.customer() }];
		await expectRefused(
			account,
			rows,
			createInvoice({ additionalFields: { metadata: { entries: [{ key, value: 'v' }] } } }),
			'Metadata',
		);
	});
});

describe('Invoice & Collect "Line Items": an empty line', () => {
	const lines = (second: IDataObject) =>
		invoiceAndCollect({
			lineSource: 'list',
			lineItems: {
				line: [
					{ amount: 1000, description: 'real', price: '', quantity: 1 },
					{ description: '', price: '', quantity: 1, ...second },
				],
			},
		});

	test.each([
		// A fixed empty line makes every row bad: the first row is named.
		['amount 0, no price (every row)', { amount: 0 }, 0],
		['amount "0", no price (every row)', { amount: '0' }, 0],
		['amount 0 by expression from the last row', { amount: '={{ $json.second }}' }, 2],
	])('%s: validation error, not reported paid, zero writes', async (_name, second, item) => {
		const account = world.account();
		const row = () => ({ customer: account.customer(), currency: 'usd', second: 500 });
		const rows = [row(), row(), { ...row(), second: 0 }];

		const { result } = await expectRefused(account, rows, lines(second), /Line/, item);

		expect((result.output('Stripe') ?? []).filter((item) => item.json.paid === true)).toEqual([]);
		expect(world.emulator().charges(account.key)).toEqual([]);
	});

	test('under continue-on-fail the empty-line row is an error row, never paid', async () => {
		const account = world.account();

		const result = await account.run([{ customer: account.customer(), currency: 'usd' }], {
			name: 'Stripe',
			parameters: lines({ amount: 0 }),
			continueOnFail: true,
		});

		const json = result.output('Stripe')![0].json;
		expect(json.paid).not.toBe(true);
		expect(json.error).toMatchObject({ type: 'validation_error', itemIndex: 0 });
		expect(summary(writesSince(account, 0))).toEqual([]);
	});

	test('a price line with amount 0 and with amount "0" behaves the same: both billed at the price', async () => {
		const account = world.account();
		const product = await account.sdk.products.create({ name: 'Widget' });
		const price = await account.sdk.prices.create({
			product: product.id,
			unit_amount: 1500,
			currency: 'usd',
		});
		const run = (amount: number | string) =>
			account.run([{ customer: account.customer(), currency: 'usd' }], {
				name: 'Stripe',
				parameters: invoiceAndCollect({
					lineSource: 'list',
					lineItems: { line: [{ amount, description: '', price: price.id, quantity: 2 }] },
				}),
			});

		const numeric = await run(0);
		const text = await run('0');

		const outcome = (result: Awaited<ReturnType<typeof run>>) => ({
			error: result.error?.message,
			paid: result.output('Stripe')?.[0]?.json.paid,
			amountPaid: result.output('Stripe')?.[0]?.json.amountPaid,
		});
		expect(outcome(numeric)).toEqual({ error: undefined, paid: true, amountPaid: 3000 });
		expect(outcome(text)).toEqual(outcome(numeric));
	});
});
