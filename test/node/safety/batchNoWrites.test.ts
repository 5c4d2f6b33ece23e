// Class 4: for every write operation, a 3-row batch whose LAST row is bad sends zero writes: every
// row is checked before the batch's first call. Rows 0 and 1 are valid writes against real objects,
// so a node that starts writing before checking row 2 is caught.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import {
	createInvoice,
	draftWithLine,
	expectStoppedAt,
	invoiceItemOp,
	invoiceOp,
	mark,
	openInvoice,
	pendingItem,
	summary,
	writesSince,
} from './helpers';

const world = useStripeWorld();

type RowMaker = (account: TestAccount) => Promise<IDataObject>;

const collectRow: RowMaker = async (account) => ({
	customer: account.customer(),
	amount: 1000,
	currency: 'usd',
	description: 'x',
});
const customerRow: RowMaker = async (account) => ({ customer: account.customer(), d: 'note' });
const draftRow: RowMaker = async (account) => ({
	invoiceId: (await draftWithLine(account, account.customer())).id,
	d: 'note',
});
const openRow: RowMaker = async (account) => ({
	invoiceId: (await openInvoice(account, account.customer())).id,
});
const openEmailedRow: RowMaker = async (account) => ({
	invoiceId: (
		await openInvoice(account, account.customer(), { collection_method: 'send_invoice', days_until_due: 30 })
	).id,
});
const itemRow: RowMaker = async (account) => ({
	invoiceItemId: (await pendingItem(account, account.customer())).id,
	d: 'note',
});
const newItemRow: RowMaker = async (account) => ({
	customer: account.customer(),
	invoiceId: '',
	amount: 300,
	currency: 'usd',
});

interface Case {
	op: string;
	bad: string;
	parameters: INodeParameters;
	row: RowMaker;
	/** Applied to a fresh valid row to make the last row bad. */
	spoil: IDataObject;
	field: string;
}

const D = '={{ $json.d }}';

const cases: Case[] = [
	// invoice
	{
		op: 'invoice invoiceAndCollect',
		bad: 'currency "dollars"',
		parameters: invoiceAndCollect(),
		row: collectRow,
		spoil: { currency: 'dollars' },
		field: 'Currency',
	},
	{
		op: 'invoice invoiceAndCollect',
		bad: 'amount "12abc"',
		parameters: invoiceAndCollect(),
		row: collectRow,
		spoil: { amount: '12abc' },
		field: 'Amount',
	},
	{
		op: 'invoice create',
		bad: 'customer "bob@example.com"',
		parameters: createInvoice({ additionalFields: { description: D } }),
		row: customerRow,
		spoil: { customer: 'bob@example.com' },
		field: 'Customer',
	},
	{
		op: 'invoice create',
		bad: 'description {a:1}',
		parameters: createInvoice({ additionalFields: { description: D } }),
		row: customerRow,
		spoil: { d: { a: 1 } },
		field: 'Description',
	},
	{
		op: 'invoice update',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('update', { updateFields: { description: D } }),
		row: draftRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice update',
		bad: 'description ["a","b"]',
		parameters: invoiceOp('update', { updateFields: { description: D } }),
		row: draftRow,
		spoil: { d: ['a', 'b'] },
		field: 'Description',
	},
	{
		op: 'invoice finalize',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('finalize'),
		row: draftRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice finalize',
		bad: 'invoice "in_1/void"',
		parameters: invoiceOp('finalize'),
		row: draftRow,
		spoil: { invoiceId: 'in_1/void' },
		field: 'Invoice',
	},
	{
		op: 'invoice pay',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('pay'),
		row: openRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice pay',
		bad: 'invoice "in_1?x=1"',
		parameters: invoiceOp('pay'),
		row: openRow,
		spoil: { invoiceId: 'in_1?x=1' },
		field: 'Invoice',
	},
	{
		op: 'invoice send',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('send'),
		row: openEmailedRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice send',
		bad: 'invoice "in_1#"',
		parameters: invoiceOp('send'),
		row: openEmailedRow,
		spoil: { invoiceId: 'in_1#' },
		field: 'Invoice',
	},
	{
		op: 'invoice void',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('void'),
		row: openRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice void',
		bad: 'invoice "in_1%2Fpay"',
		parameters: invoiceOp('void'),
		row: openRow,
		spoil: { invoiceId: 'in_1%2Fpay' },
		field: 'Invoice',
	},
	{
		op: 'invoice markUncollectible',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('markUncollectible'),
		row: openRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice markUncollectible',
		bad: 'invoice "in_1 "',
		parameters: invoiceOp('markUncollectible'),
		row: openRow,
		spoil: { invoiceId: 'in_1 ' },
		field: 'Invoice',
	},
	{
		op: 'invoice delete',
		bad: 'invoice "inv_1"',
		parameters: invoiceOp('delete'),
		row: draftRow,
		spoil: { invoiceId: 'inv_1' },
		field: 'Invoice',
	},
	{
		op: 'invoice delete',
		bad: 'invoice "in_1/../x"',
		parameters: invoiceOp('delete'),
		row: draftRow,
		spoil: { invoiceId: 'in_1/../x' },
		field: 'Invoice',
	},
	// invoice item
	{
		op: 'invoiceItem create',
		bad: 'currency "dollars"',
		parameters: createInvoiceItem(),
		row: newItemRow,
		spoil: { currency: 'dollars' },
		field: 'Currency',
	},
	{
		op: 'invoiceItem create',
		bad: 'amount "0x10"',
		parameters: createInvoiceItem(),
		row: newItemRow,
		spoil: { amount: '0x10' },
		field: 'Amount',
	},
	{
		op: 'invoiceItem update',
		bad: 'item "in_1"',
		parameters: invoiceItemOp('update', { updateFields: { description: D } }),
		row: itemRow,
		spoil: { invoiceItemId: 'in_1' },
		field: 'Invoice Item',
	},
	{
		op: 'invoiceItem update',
		bad: 'item "ii_1/x"',
		parameters: invoiceItemOp('update', { updateFields: { description: D } }),
		row: itemRow,
		spoil: { invoiceItemId: 'ii_1/x' },
		field: 'Invoice Item',
	},
	{
		op: 'invoiceItem delete',
		bad: 'item "in_1"',
		parameters: invoiceItemOp('delete'),
		row: itemRow,
		spoil: { invoiceItemId: 'in_1' },
		field: 'Invoice Item',
	},
	{
		op: 'invoiceItem delete',
		bad: 'item "ii_X?amount=-1"',
		parameters: invoiceItemOp('delete'),
		row: itemRow,
		spoil: { invoiceItemId: 'ii_X?amount=-1' },
		field: 'Invoice Item',
	},
];

describe('a bad last row stops every write operation before its first write', () => {
	test.each(cases.map((c) => [c.op, c.bad, c] as const))(
		'%s, last row with %s: zero writes',
		async (_op, _bad, c) => {
			const account = world.account();
			const rows = [await c.row(account), await c.row(account), { ...(await c.row(account)), ...c.spoil }];
			const since = mark(account);

			const result = await account.run(rows, { name: 'Stripe', parameters: c.parameters });

			expectStoppedAt(result, c.field, 2);
			expect(summary(writesSince(account, since))).toEqual([]);
		},
	);

	test.each([
		['"abc"', 'abc'],
		['"12,50"', '12,50'],
		['an object', { value: 1 }],
	])('invoiceItem update in major units, last row amount %s: zero writes', async (_name, badAmount) => {
		const account = world.account();
		const items = [];
		for (let i = 0; i < 3; i++) {
			items.push(
				await account.sdk.invoiceItems.create({ customer: account.customer(), amount: 500, currency: 'usd' }),
			);
		}
		const rows = [
			{ invoiceItemId: items[0].id, amount: 12.5 },
			{ invoiceItemId: items[1].id, amount: 7 },
			{ invoiceItemId: items[2].id, amount: badAmount },
		];
		const since = mark(account);

		const result = await account.run(rows, {
			name: 'Update',
			parameters: invoiceItemOp('update', {
				amountUnit: 'major',
				updateFields: { amount: '={{ $json.amount }}' },
			}),
		});

		expectStoppedAt(result, 'Amount', 2);
		expect(summary(writesSince(account, since))).toEqual([]);
		// The two good rows were not applied either.
		for (const item of items) expect((await account.sdk.invoiceItems.retrieve(item.id)).amount).toBe(500);
	});
});
