// Issue 18: Invoice → Preview (create_preview, creating nothing), Invoice → Get Lines, Invoice &
// Collect → Preview Only (a dry run that bills exactly as the real run then does), and the cap on
// the total after discounts and tax.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { invoiceOp, mark } from '../safety/helpers';

const world = useStripeWorld();

const jsonCollect = (options: INodeParameters = {}, fields: INodeParameters = {}) =>
	invoiceAndCollect({
		lineSource: 'json',
		linesJson: '={{ $json.lines }}',
		reference: '={{ $json.ref }}',
		options,
		...fields,
	});

const nonReads = (account: TestAccount, since: number) =>
	account
		.requests()
		.slice(since)
		.filter((r) => r.method !== 'GET')
		.map((r) => `${r.method} ${r.path}`);

async function discountAndTax(account: TestAccount) {
	const { id: couponId } = await account.sdk.coupons.create({ percent_off: 15, duration: 'once' });
	const rate = await account.sdk.taxRates.create({
		display_name: 'Sales tax',
		percentage: 7.5,
		inclusive: false,
	});
	return { discounts: { discount: [{ type: 'coupon', value: couponId }] }, defaultTaxRates: rate.id };
}

async function customerOwing(account: TestAccount, balance: number) {
	const customer = account.customer();
	await account.sdk.customers.update(customer, { balance });
	return customer;
}

describe('Invoice → Preview', () => {
	test('shows subtotal, discount, tax, total and the amount due after the balance; creates nothing', async () => {
		const account = world.account();
		const customer = await customerOwing(account, 250);
		const settings = await discountAndTax(account);
		await account.sdk.invoiceItems.create({ customer, amount: 9999, currency: 'usd' }); // pending: left out
		const since = mark(account);

		const result = await account.run(
			[{ customer, currency: 'usd', lines: [{ amount: 1999 }, { amount: 3001, quantity: 2 }] }],
			{
				name: 'Preview',
				parameters: {
					resource: 'invoice',
					operation: 'preview',
					customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
					currency: '={{ $json.currency }}',
					lineSource: 'json',
					linesJson: '={{ $json.lines }}',
					options: settings,
				},
			},
		);

		// Subtotal 1999 + 6002 = 8001; 15 % off per line: 299.85 → 300, 900.3 → 900; tax 7.5 % of
		// 1699 → 127.43 → 127 and of 5102 → 382.65 → 383.
		expect(result.output('Preview')![0].json).toMatchObject({
			currency: 'usd',
			subtotal: 8001,
			discount: 1200,
			tax: 510,
			total: 7311,
			startingBalance: 250,
			amountDue: 7561,
			lineCount: 2,
		});
		expect(nonReads(account, since)).toEqual(['POST /v1/invoices/create_preview']);
		expect((await account.sdk.invoices.list({ customer })).data).toEqual([]);
	});
});

describe('Invoice → Get Lines', () => {
	test('Return All reads every line (over several pages), one item per line, paired to its row', async () => {
		const account = world.account();
		const customer = account.customer();
		const lines = Array.from({ length: 23 }, (_, i) => ({ amount: 100 + i, description: `Line ${i}` }));
		const made = await account.run([{ customer, currency: 'usd', ref: 'lines-23', lines }], {
			name: 'Collect',
			parameters: jsonCollect(),
		});
		const invoiceId = made.output('Collect')![0].json.invoiceId;

		const result = await account.run([{ invoiceId }], {
			name: 'Lines',
			parameters: invoiceOp('getLines', { returnAll: true }),
		});

		const out = result.output('Lines')!;
		expect(out).toHaveLength(23);
		expect(out.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(out.map((item) => item.json.amount).sort((a, b) => Number(a) - Number(b))).toEqual(
			lines.map((l) => l.amount),
		);
		expect(out[0].json).toMatchObject({ currency: 'usd', quantity: 1, discount: 0, tax: 0 });
	});
});

describe('Invoice & Collect → Preview Only', () => {
	test('the dry run writes nothing, and the real run then bills exactly as previewed', async () => {
		const account = world.account();
		const settings = await discountAndTax(account);
		const owing = await customerOwing(account, 400);
		const plain = account.customer();
		const rows = [
			{
				customer: owing,
				currency: 'usd',
				ref: 'dry-1',
				lines: [{ amount: 2500 }, { amount: 1250, quantity: 3 }],
			},
			{ customer: plain, currency: 'usd', ref: 'dry-2', lines: [{ amount: 999 }] },
		];
		const since = mark(account);

		const dry = await account.run(rows, {
			name: 'Collect',
			parameters: jsonCollect({ ...settings, previewOnly: true }),
		});

		expect(nonReads(account, since)).toEqual([
			'POST /v1/invoices/create_preview',
			'POST /v1/invoices/create_preview',
		]);
		const previews = dry.output('Collect')!.map((item) => item.json);
		expect(previews.map((p) => [p.previewOnly, p.wouldDo, p.invoiceId])).toEqual([
			[true, 'create', null],
			[true, 'create', null],
		]);

		const real = await account.run(rows, { name: 'Collect', parameters: jsonCollect(settings) });

		const paid = real.output('Collect')!.map((item) => item.json);
		paid.forEach((json, row) => {
			expect(json).toMatchObject({
				paid: true,
				total: previews[row].total,
				amountPaid: previews[row].amountDue,
			});
			expect(json.amountPaid).toBe(previews[row].wouldCharge);
		});
		expect(previews[0].amountDue).toBe(Number(previews[0].total) + 400);
	});

	test('a dry run after the real run reports every row already paid, and charges nothing', async () => {
		const account = world.account();
		const customer = account.customer();
		const rows = [{ customer, currency: 'usd', ref: 'dry-3', lines: [{ amount: 700 }] }];
		await account.run(rows, { name: 'Collect', parameters: jsonCollect() });
		const since = mark(account);

		const dry = await account.run(rows, { name: 'Collect', parameters: jsonCollect({ previewOnly: true }) });

		expect(dry.output('Collect')![0].json).toMatchObject({
			previewOnly: true,
			wouldDo: 'nothing',
			alreadyPaid: true,
			wouldCharge: 0,
		});
		expect(nonReads(account, since)).toEqual([]);
	});

	test('rows that would fail come out with their error instead of stopping the run', async () => {
		const account = world.account();
		const customer = account.customer();
		await account.run([{ customer, currency: 'usd', ref: 'dry-4', lines: [{ amount: 700 }] }], {
			name: 'Collect',
			parameters: jsonCollect(),
		});
		const rows = [
			{ customer, currency: 'usd', ref: 'dry-4', lines: [{ amount: 900 }] }, // the reference names another amount
			{ customer, currency: 'usd', ref: 'dry-5', lines: [{ amount: '12.5' }] }, // not whole cents
			{ customer, currency: 'usd', ref: 'dry-6', lines: [{ amount: 1100 }] },
		];

		const dry = await account.run(rows, { name: 'Collect', parameters: jsonCollect({ previewOnly: true }) });

		expect(dry.error).toBeUndefined();
		const out = dry.output('Collect')!.map((item) => item.json);
		expect((out[0].error as IDataObject).param).toBe('Reference');
		expect((out[1].error as IDataObject).param).toBe('Line 1 amount');
		expect(out.slice(0, 2).every((json) => json.previewOnly === true)).toBe(true);
		expect(out[2]).toMatchObject({ previewOnly: true, wouldDo: 'create', total: 1100 });
	});

	test('Preview Only set by an expression is refused before any call: a row must not decide whether to bill', async () => {
		const account = world.account();
		const since = mark(account);
		const result = await account.run(
			[{ customer: account.customer(), currency: 'usd', lines: [{ amount: 700 }], dry: false }],
			{
				name: 'Collect',
				parameters: jsonCollect({ previewOnly: '={{ $json.dry }}' }),
			},
		);
		expect(result.error?.message).toBe(
			'Preview Only must be switched on or off on the node, not set by an expression',
		);
		expect(account.requests().slice(since)).toEqual([]);
	});
});

describe('the cap bounds the total after discounts and tax', () => {
	test('1500 with a 600-off coupon (900 due) is within a cap of 1000: billed 900', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({
			amount_off: 600,
			currency: 'usd',
			duration: 'once',
		});
		const result = await account.run(
			[{ customer: account.customer(), currency: 'usd', ref: 'cap-1', lines: [{ amount: 1500 }] }],
			{
				name: 'Collect',
				parameters: jsonCollect({
					maxAmount: 1000,
					discounts: { discount: [{ type: 'coupon', value: couponId }] },
				}),
			},
		);
		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, amountPaid: 900 });
	});

	test('950 plus 10 % tax (1045) is above a cap of 1000: refused in the lookup phase, nothing written', async () => {
		const account = world.account();
		const rate = await account.sdk.taxRates.create({ display_name: 'Tax', percentage: 10, inclusive: false });
		const since = mark(account);
		const result = await account.run(
			[{ customer: account.customer(), currency: 'usd', ref: 'cap-2', lines: [{ amount: 950 }] }],
			{
				name: 'Collect',
				parameters: jsonCollect({ maxAmount: 1000, defaultTaxRates: rate.id }),
				continueOnFail: true,
			},
		);
		const error = result.output('Collect')![0].json.error as IDataObject;
		expect(error).toMatchObject({ param: 'Max Amount per Row' });
		expect(String(error.message)).toMatch(/^Max Amount per Row: the invoice total is 1045, above the cap of 1000 /);
		expect(nonReads(account, since)).toEqual(['POST /v1/invoices/create_preview']);
	});
});
