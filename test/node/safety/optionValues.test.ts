// Class 2: options-type and boolean parameters set by an expression to a value outside their list are
// validation errors naming the field, the value, the allowed values and the row; nothing is written.
// Resource and Operation may not be expressions at all.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect, payInvoice, finalizeInvoice } from '../params';
import { createInvoice, expectErrorRow, expectStoppedAt, mark, summary, writesSince } from './helpers';

const world = useStripeWorld();

interface Case {
	name: string;
	parameters: INodeParameters;
	/** Row values for `$json.v`: rows 0 and 1 get `good`, row 2 gets `bad`. */
	good: unknown;
	bad: unknown;
	field: string;
	/** Text the message must show for the bad value. */
	shown: string;
	allowed: string[];
	/** Per-row extras the operation needs (customer, invoice). */
	row: (account: TestAccount) => Promise<IDataObject>;
}

const collectRow = async (account: TestAccount) => ({
	customer: account.customer(),
	amount: 1000,
	currency: 'usd',
	description: 'x',
});
const customerRow = async (account: TestAccount) => ({ customer: account.customer() });
const openInvoiceRow = async (account: TestAccount) => {
	const customer = account.customer();
	const draft = await account.sdk.invoices.create({ customer, currency: 'usd', auto_advance: false });
	await account.sdk.invoiceItems.create({ customer, invoice: draft.id, amount: 400, currency: 'usd' });
	const open = await account.sdk.invoices.finalizeInvoice(draft.id, { auto_advance: false });
	return { invoiceId: open.id };
};
const draftRow = async (account: TestAccount) => {
	const customer = account.customer();
	const draft = await account.sdk.invoices.create({ customer, currency: 'usd', auto_advance: false });
	await account.sdk.invoiceItems.create({ customer, invoice: draft.id, amount: 400, currency: 'usd' });
	return { invoiceId: draft.id };
};
const noRow = async () => ({});

const BOOL = ['true', 'false'];
const V = '={{ $json.v }}';

const cases: Case[] = [
	{
		name: 'Collection Method "send" on Create Invoice',
		parameters: createInvoice({ collectionMethod: V }),
		good: 'charge_automatically',
		bad: 'send',
		field: 'Collection Method',
		shown: 'send',
		allowed: ['charge_automatically', 'send_invoice'],
		row: customerRow,
	},
	{
		name: 'Collection Method "send" on Invoice & Collect',
		parameters: invoiceAndCollect({ collectionMethod: V }),
		good: 'charge_automatically',
		bad: 'send',
		field: 'Collection Method',
		shown: 'send',
		allowed: ['charge_automatically', 'send_invoice'],
		row: collectRow,
	},
	{
		name: 'If Payment Fails "Void"',
		parameters: invoiceAndCollect({ options: { failedPaymentAction: V } }),
		good: 'leaveOpen',
		bad: 'Void',
		field: 'If Payment Fails',
		shown: 'Void',
		allowed: ['leaveOpen', 'markUncollectible', 'void'],
		row: collectRow,
	},
	{
		name: 'Amount Unit "Major"',
		parameters: invoiceAndCollect({ amountUnit: V }),
		good: 'minor',
		bad: 'Major',
		field: 'Amount Unit',
		shown: 'Major',
		allowed: ['minor', 'major'],
		row: collectRow,
	},
	{
		name: 'Payment Failures "return"',
		parameters: invoiceAndCollect({ options: { paymentFailures: V } }),
		good: 'error',
		bad: 'return',
		field: 'Payment Failures',
		shown: 'return',
		allowed: ['error', 'returnRow'],
		row: collectRow,
	},
	{
		name: 'Payment Failures "return" on Pay',
		parameters: payInvoice({ options: { paymentFailures: V } }),
		good: 'error',
		bad: 'return',
		field: 'Payment Failures',
		shown: 'return',
		allowed: ['error', 'returnRow'],
		row: openInvoiceRow,
	},
	{
		name: 'Pending Invoice Items "yes"',
		parameters: createInvoice({ additionalFields: { pendingInvoiceItemsBehavior: V } }),
		good: 'exclude',
		bad: 'yes',
		field: 'Pending Invoice Items',
		shown: 'yes',
		allowed: ['exclude', 'include'],
		row: customerRow,
	},
	{
		name: 'getMany Status filter "OPEN"',
		parameters: { resource: 'invoice', operation: 'getMany', filters: { status: V } },
		good: 'open',
		bad: 'OPEN',
		field: 'Status',
		shown: 'OPEN',
		allowed: ['draft', 'open', 'paid', 'uncollectible', 'void'],
		row: noRow,
	},
	{
		name: 'Simplify "true" (text) on Invoice & Collect',
		parameters: invoiceAndCollect({ simplify: V }),
		good: true,
		bad: 'true',
		field: 'Simplify',
		shown: 'true',
		allowed: BOOL,
		row: collectRow,
	},
	{
		name: 'Auto Advance "yes" on Finalize',
		parameters: finalizeInvoice({ options: { autoAdvance: V } }),
		good: false,
		bad: 'yes',
		field: 'Auto Advance',
		shown: 'yes',
		allowed: BOOL,
		row: draftRow,
	},
	{
		name: 'Auto Advance "yes" on Create Invoice',
		parameters: createInvoice({ additionalFields: { autoAdvance: V } }),
		good: false,
		bad: 'yes',
		field: 'Auto Advance',
		shown: 'yes',
		allowed: BOOL,
		row: customerRow,
	},
	{
		name: 'Forgive "1" on Pay',
		parameters: payInvoice({ options: { forgive: V } }),
		good: false,
		bad: '1',
		field: 'Forgive',
		shown: '1',
		allowed: BOOL,
		row: openInvoiceRow,
	},
	{
		name: 'Return All "true" (text) on Get Many',
		parameters: { resource: 'invoice', operation: 'getMany', returnAll: V, limit: 10 },
		good: false,
		bad: 'true',
		field: 'Return All',
		shown: 'true',
		allowed: BOOL,
		row: noRow,
	},
	{
		name: 'Return All "true" (text) on Get Many invoice items',
		parameters: { resource: 'invoiceItem', operation: 'getMany', returnAll: V, limit: 10 },
		good: false,
		bad: 'true',
		field: 'Return All',
		shown: 'true',
		allowed: BOOL,
		row: noRow,
	},
];

describe('an options or boolean field set by expression to a value outside its list', () => {
	test.each(cases.map((c) => [c.name, c] as const))(
		'%s in the last row: named error, zero writes',
		async (_name, c) => {
			const account = world.account();
			const rows: IDataObject[] = [];
			for (const value of [c.good, c.good, c.bad])
				rows.push({ ...(await c.row(account)), v: value as string });
			const since = mark(account);

			const result = await account.run(rows, { name: 'Stripe', parameters: c.parameters });

			const message = expectStoppedAt(result, c.field, 2);
			expect(message).toContain(c.shown);
			for (const allowed of c.allowed) expect(message).toContain(allowed);
			expect(summary(writesSince(account, since))).toEqual([]);
		},
	);

	test.each([
		['Collection Method', createInvoice({ collectionMethod: 'send' })],
		['Amount Unit', invoiceAndCollect({ amountUnit: '={{ "Major" }}' })],
		['Forgive', payInvoice({ options: { forgive: '={{ "1" }}' } })],
	])(
		'under continue-on-fail a bad %s makes every row a validation error row, zero writes',
		async (field, parameters) => {
			const account = world.account();
			const row = { customer: account.customer(), amount: 100, currency: 'usd', invoiceId: 'in_Good123' };

			const result = await account.run([row, row], { name: 'Stripe', parameters, continueOnFail: true });

			const output = result.output('Stripe')!;
			expect(output).toHaveLength(2);
			expectErrorRow(output[0].json, field, 0);
			expectErrorRow(output[1].json, field, 1);
			expect(summary(writesSince(account, 0))).toEqual([]);
		},
	);
});

describe('Resource and Operation cannot be expressions', () => {
	test.each([
		[
			'Resource',
			{
				resource: '={{ "invoice" }}',
				operation: 'get',
				invoiceId: { __rl: true, mode: 'id', value: 'in_Good1' },
			},
		],
		['Resource', invoiceAndCollect({ resource: '={{ $json.resource }}' })],
		[
			'Operation',
			{
				resource: 'invoice',
				operation: '={{ $json.op }}',
				invoiceId: { __rl: true, mode: 'id', value: '={{ $json.invoiceId }}' },
			},
		],
		['Operation', invoiceAndCollect({ operation: '={{ "invoiceAndCollect" }}' })],
		[
			'Operation',
			{
				resource: 'invoiceItem',
				operation: '={{ $json.itemOp }}',
				invoiceItemId: { __rl: true, mode: 'id', value: 'ii_Good1' },
			},
		],
	] as Array<[string, INodeParameters]>)(
		'%s as an expression (%#): the node refuses to run and sends nothing',
		async (field, parameters) => {
			const account = world.account();
			const row = {
				resource: 'invoice',
				op: 'delete',
				itemOp: 'delete',
				invoiceId: 'in_Good1',
				customer: account.customer(),
				amount: 100,
				currency: 'usd',
				description: 'x',
			};

			const result = await account.run([row, row, row], { name: 'Stripe', parameters });

			expect(result.run.status).toBe('error');
			expect(result.error?.message ?? '').toContain(field);
			expect(summary(account.requests())).toEqual([]);
		},
	);
});
