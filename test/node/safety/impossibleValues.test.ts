// Class 5: amounts and dates Stripe could never accept (or that would mean something else than the
// user thinks) are rejected before any call: a validation error naming the field and the row, zero writes.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import { createInvoice, expectStoppedAt, mark, summary, writesSince } from './helpers';

const world = useStripeWorld();

const FUTURE = '2031-06-01T00:00:00Z';

interface Case {
	name: string;
	parameters: INodeParameters;
	/** Builds a valid row; `bad` is merged into the last one. */
	row: (account: TestAccount) => IDataObject;
	bad: IDataObject;
	field: string | RegExp;
}

const itemRow = (account: TestAccount) => ({
	customer: account.customer(),
	invoiceId: '',
	amount: 50_000,
	currency: 'usd',
	qty: 3,
	ps: '2026-11-01T00:00:00Z',
	pe: '2026-11-30T00:00:00Z',
});
const collectJsonRow = (account: TestAccount) => ({
	customer: account.customer(),
	currency: 'usd',
	items: [
		{ amount: 1000, description: 'a' },
		{ amount: 2000, description: 'b' },
	],
});
const emailedRow = (account: TestAccount) => ({ customer: account.customer(), due: FUTURE, days: 30 });
const collectEmailedRow = (account: TestAccount) => ({
	customer: account.customer(),
	amount: 1000,
	currency: 'usd',
	description: 'x',
	due: FUTURE,
});

const emailedInvoice = createInvoice({
	collectionMethod: 'send_invoice',
	additionalFields: { dueDate: '={{ $json.due }}' },
});

const cases: Case[] = [
	{
		name: 'invoice item: unit amount 50,000,000 × quantity 3',
		parameters: createInvoiceItem({ additionalFields: { quantity: '={{ $json.qty }}' } }),
		row: itemRow,
		bad: { amount: 50_000_000 },
		field: /(Amount|Quantity)/,
	},
	{
		name: 'invoice item: unit amount 99,999,999 × quantity 2',
		parameters: createInvoiceItem({ additionalFields: { quantity: '={{ $json.qty }}' } }),
		row: itemRow,
		bad: { amount: 99_999_999, qty: 2 },
		field: /(Amount|Quantity)/,
	},
	{
		name: 'Invoice & Collect: JSON lines summing to 120,000,000',
		parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		row: collectJsonRow,
		bad: { items: [{ amount: 60_000_000 }, { amount: 60_000_000 }] },
		field: /(Lines|Amount|Total)/,
	},
	{
		name: 'Invoice & Collect: one JSON line of 40,000,000 × quantity 3',
		parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		row: collectJsonRow,
		bad: { items: [{ amount: 40_000_000, quantity: 3 }] },
		field: /(Line|Amount|Total)/,
	},
	{
		name: 'Create Invoice (send invoice): Due Date in the past',
		parameters: emailedInvoice,
		row: emailedRow,
		bad: { due: '2020-01-01T00:00:00Z' },
		field: 'Due Date',
	},
	{
		name: 'Create Invoice (send invoice): Due Date as a millisecond timestamp',
		parameters: emailedInvoice,
		row: emailedRow,
		bad: { due: Date.now() + 86_400_000 },
		field: 'Due Date',
	},
	{
		name: 'Create Invoice (send invoice): Due Date "2"',
		parameters: emailedInvoice,
		row: emailedRow,
		bad: { due: '2' },
		field: 'Due Date',
	},
	{
		name: 'Invoice & Collect (send invoice): Due Date in the past',
		parameters: invoiceAndCollect({
			collectionMethod: 'send_invoice',
			options: { dueDate: '={{ $json.due }}' },
		}),
		row: collectEmailedRow,
		bad: { due: '2020-01-01T00:00:00Z' },
		field: 'Due Date',
	},
	{
		name: 'Create Invoice (send invoice): Days Until Due 1e8',
		parameters: createInvoice({ collectionMethod: 'send_invoice', daysUntilDue: '={{ $json.days }}' }),
		row: emailedRow,
		bad: { days: 1e8 },
		field: 'Days Until Due',
	},
	{
		name: 'Invoice & Collect (send invoice): Days Until Due 1e8',
		parameters: invoiceAndCollect({ collectionMethod: 'send_invoice', daysUntilDue: '={{ $json.days }}' }),
		row: (account) => ({ ...collectEmailedRow(account), days: 30 }),
		bad: { days: 1e8 },
		field: 'Days Until Due',
	},
	{
		name: 'Create Invoice Item: Period Start "2"',
		parameters: createInvoiceItem({
			additionalFields: { periodStart: '={{ $json.ps }}', periodEnd: '={{ $json.pe }}' },
		}),
		row: itemRow,
		bad: { ps: '2' },
		field: 'Period Start',
	},
	{
		name: 'Create Invoice Item: Period End as a millisecond timestamp',
		parameters: createInvoiceItem({
			additionalFields: { periodStart: '={{ $json.ps }}', periodEnd: '={{ $json.pe }}' },
		}),
		row: itemRow,
		bad: { pe: Date.parse('2026-11-30T00:00:00Z') },
		field: 'Period End',
	},
];

describe('impossible amounts and dates are rejected before any call', () => {
	test.each(cases.map((c) => [c.name, c] as const))(
		'%s (last row): named error, zero writes',
		async (_name, c) => {
			const account = world.account();
			const rows = [c.row(account), c.row(account), { ...c.row(account), ...c.bad }];
			const since = mark(account);

			const result = await account.run(rows, { name: 'Stripe', parameters: c.parameters });

			expectStoppedAt(result, c.field, 2);
			expect(summary(writesSince(account, since))).toEqual([]);
		},
	);

	test('the same rows without the bad value go through (the cases above are not rejected for another reason)', async () => {
		const account = world.account();
		const item = await account.run([itemRow(account)], {
			name: 'Item',
			parameters: createInvoiceItem({
				additionalFields: {
					quantity: '={{ $json.qty }}',
					periodStart: '={{ $json.ps }}',
					periodEnd: '={{ $json.pe }}',
				},
			}),
		});
		const emailed = await account.run([emailedRow(account)], { name: 'Invoice', parameters: emailedInvoice });
		const lines = await account.run([collectJsonRow(account)], {
			name: 'Collect',
			parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		});

		expect([item.error?.message, emailed.error?.message, lines.error?.message]).toEqual([
			undefined,
			undefined,
			undefined,
		]);
	});
});
