// Class 3: a configured Reference that evaluates to nothing usable is a validation error naming
// "Reference" and the row; the batch sends no write (an empty reference would silently drop the
// exactly-once guarantee for that row).
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import { type Json, expectErrorRow, expectStoppedAt, mark, summary, writesSince } from './helpers';

const world = useStripeWorld();

const MISSING = Symbol('missing');
const EMPTY_VALUES: Array<[string, Json | typeof MISSING]> = [
	['missing', MISSING],
	['null', null],
	['an empty string', ''],
	['only spaces', '   '],
	['an object', { a: 1 }],
	['an array', [1]],
];

function withOrderId(row: IDataObject, value: Json | typeof MISSING): IDataObject {
	return value === MISSING ? { ...row } : { ...row, orderId: value };
}

describe('Invoice & Collect: Reference configured but empty for a row', () => {
	test.each(EMPTY_VALUES)(
		'orderId %s in the last row: validation error, zero writes',
		async (_name, value) => {
			const account = world.account();
			const base = { amount: 1000, currency: 'usd', description: 'x' };
			const rows = [
				{ ...base, customer: account.customer(), orderId: 'order-a' },
				{ ...base, customer: account.customer(), orderId: 'order-b' },
				withOrderId({ ...base, customer: account.customer() }, value),
			];
			const since = mark(account);

			const result = await account.run(rows, {
				name: 'Collect',
				parameters: invoiceAndCollect({ reference: '={{ $json.orderId }}' }),
			});

			expectStoppedAt(result, 'Reference', 2);
			expect(summary(writesSince(account, since))).toEqual([]);
			expect(world.emulator().charges(account.key)).toEqual([]);
		},
	);

	test('under continue-on-fail the row with an empty reference is an error row and is not billed', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer, amount: 1000, currency: 'usd', orderId: '  ' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ reference: '={{ $json.orderId }}' }),
			continueOnFail: true,
		});

		expectErrorRow(result.output('Collect')![0].json, 'Reference', 0);
		expect(summary(writesSince(account, 0))).toEqual([]);
	});
});

describe('Create Invoice Item: "Reference (Idempotency)" configured but empty for a row', () => {
	test.each(EMPTY_VALUES)('ref %s in the last row: validation error, zero writes', async (_name, value) => {
		const account = world.account();
		const customer = account.customer();
		const base = { customer, invoiceId: '', amount: 300, currency: 'usd' };
		const rows = [{ ...base, orderId: 'item-a' }, { ...base, orderId: 'item-b' }, withOrderId(base, value)];
		const since = mark(account);

		const result = await account.run(rows, {
			name: 'Item',
			parameters: createInvoiceItem({ options: { reference: '={{ $json.orderId }}' } }),
		});

		expectStoppedAt(result, /Reference/, 2);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(world.emulator().invoices(account.key)).toEqual([]);
	});
});
