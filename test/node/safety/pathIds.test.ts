// Class 1: IDs that go into URL paths must have Stripe's ID shape (prefix + [A-Za-z0-9_] only).
// Anything else is a validation error naming the field and the row, and nothing at all is sent.
import type { INodeParameters } from 'n8n-workflow';

import { useStripeWorld } from '../../support/stripeWorld';
import { createInvoiceItem } from '../params';
import { expectErrorRow, expectStoppedAt, invoiceItemOp, invoiceOp, summary } from './helpers';

const world = useStripeWorld();

/** Bad tails after the prefix: path traversal, extra segments, query, fragment, encoded slash, spaces, NUL, non-ASCII. */
const BAD_TAILS = [
	'1/../../customers/cus_2',
	'1/void',
	'1?x=1',
	'1#',
	'1%2Fvoid',
	'1 ',
	' 1',
	'1\u0000',
	'é',
];

const INVOICE_OPS = ['get', 'update', 'finalize', 'pay', 'send', 'void', 'markUncollectible', 'delete'];
const ITEM_OPS = ['get', 'update', 'delete'];

type Case = [string, string, INodeParameters, 'invoiceId' | 'invoiceItemId', string];

const cases: Case[] = [
	...INVOICE_OPS.flatMap((op) =>
		BAD_TAILS.map(
			(tail): Case => [
				`invoice ${op}`,
				JSON.stringify(`in_${tail}`),
				invoiceOp(op),
				'invoiceId',
				`in_${tail}`,
			],
		),
	),
	...ITEM_OPS.flatMap((op) =>
		[...BAD_TAILS.map((tail) => `ii_${tail}`), 'ii_X?amount=-99999999'].map(
			(id): Case => [`invoiceItem ${op}`, JSON.stringify(id), invoiceItemOp(op), 'invoiceItemId', id],
		),
	),
	...BAD_TAILS.map(
		(tail): Case => [
			'invoiceItem create (optional Invoice)',
			JSON.stringify(`in_${tail}`),
			createInvoiceItem(),
			'invoiceId',
			`in_${tail}`,
		],
	),
];

const FIELD = { invoiceId: 'Invoice', invoiceItemId: 'Invoice Item' } as const;
const GOOD = { invoiceId: 'in_Good123', invoiceItemId: 'ii_Good123' } as const;

describe('an ID that is not Stripe-shaped never reaches a URL', () => {
	test.each(cases)(
		'%s with %s in the last row: validation error, zero requests',
		async (_op, _shown, parameters, key, bad) => {
			const account = world.account();
			const base = { customer: 'cus_Good123', amount: 100, currency: 'usd' };
			const rows = [
				{ ...base, [key]: GOOD[key] },
				{ ...base, [key]: GOOD[key] },
				{ ...base, [key]: bad },
			];

			const result = await account.run(rows, { name: 'Stripe', parameters });

			expectStoppedAt(result, FIELD[key], 2);
			// Not even a GET: the check happens before the batch's first call.
			expect(summary(account.requests())).toEqual([]);
		},
	);

	test.each([
		['invoice get', 'in_1/../../customers/cus_2', invoiceOp('get'), 'invoiceId'],
		['invoice pay', 'in_1?x=1', invoiceOp('pay'), 'invoiceId'],
		['invoiceItem delete', 'ii_X?amount=-99999999', invoiceItemOp('delete'), 'invoiceItemId'],
	] as const)(
		'under continue-on-fail, %s with %j becomes an error row naming the field and row',
		async (_op, bad, parameters, key) => {
			const account = world.account();

			const result = await account.run([{ [key]: bad }, { [key]: `${bad}#` }], {
				name: 'Stripe',
				parameters,
				continueOnFail: true,
			});

			const output = result.output('Stripe')!;
			expect(output).toHaveLength(2);
			expectErrorRow(output[0].json, FIELD[key], 0);
			expectErrorRow(output[1].json, FIELD[key], 1);
			expect(summary(account.requests())).toEqual([]);
		},
	);
});

describe('the Stripe Account option must be an acct_ ID', () => {
	test.each([
		['acct_1\u0000X', invoiceOp('get')],
		['acct_1/x', invoiceOp('get')],
		['acct_1\u0000X', invoiceOp('finalize')],
		['acct_1/x', invoiceItemOp('delete')],
		['acct_1 x', invoiceOp('void')],
	])('%j (%#): validation error naming "Stripe Account", zero requests', async (accountId, parameters) => {
		const account = world.account();
		const rows = [
			{ invoiceId: 'in_Good1', invoiceItemId: 'ii_Good1', acct: 'acct_Good1' },
			{ invoiceId: 'in_Good2', invoiceItemId: 'ii_Good2', acct: 'acct_Good2' },
			{ invoiceId: 'in_Good3', invoiceItemId: 'ii_Good3', acct: accountId },
		];

		const result = await account.run(rows, {
			name: 'Stripe',
			parameters: { ...parameters, options: { stripeAccount: '={{ $json.acct }}' } },
		});

		expectStoppedAt(result, 'Stripe Account', 2);
		expect(summary(account.requests())).toEqual([]);
	});
});
