import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld } from '../support/stripeWorld';
import { createInvoiceItem, finalizeInvoice, invoiceAndCollect, payInvoice } from './params';

const world = useStripeWorld();

const good = {
	customer: 'cus_Good123',
	amount: 1999,
	currency: 'usd',
	description: 'x',
	invoiceId: 'in_Good123',
};
const metadata = (entries: Array<{ key: string; value: string }>) => ({ options: { metadata: { entries } } });

const cases: Array<[string, INodeParameters, IDataObject, string]> = [
	['empty customer', invoiceAndCollect(), { ...good, customer: '' }, 'Customer ID: is required'],
	[
		'customer without cus_',
		invoiceAndCollect(),
		{ ...good, customer: 'bob@example.com' },
		'Customer ID: must be a Stripe ID starting with "cus_", got "bob@example.com"',
	],
	[
		'customer that is a number',
		invoiceAndCollect(),
		{ ...good, customer: 42 },
		'Customer ID: must be a Stripe ID (text), got 42',
	],
	[
		'fractional amount',
		invoiceAndCollect(),
		{ ...good, amount: 19.99 },
		"Amount: must be a whole number in the currency's smallest unit",
	],
	['negative amount', invoiceAndCollect(), { ...good, amount: -5 }, 'Amount: must not be negative, got -5'],
	[
		"amount over Stripe's maximum",
		invoiceAndCollect(),
		{ ...good, amount: 100_000_000 },
		'Amount: must be at most 99999999',
	],
	['amount that is not a number', invoiceAndCollect(), { ...good, amount: 'lots' }, 'Amount'],
	[
		'currency of four letters',
		invoiceAndCollect(),
		{ ...good, currency: 'usdx' },
		'Currency: must be a three-letter ISO code such as "usd", got "usdx"',
	],
	[
		'empty currency',
		invoiceAndCollect(),
		{ ...good, currency: '' },
		'Currency: must be a three-letter ISO code',
	],
	[
		'payment method without pm_',
		invoiceAndCollect({ options: { paymentMethod: 'card_123' } }),
		good,
		'Payment Method ID: must be a Stripe ID starting with "pm_"',
	],
	[
		'metadata key too long',
		invoiceAndCollect(metadata([{ key: 'k'.repeat(41), value: 'v' }])),
		good,
		'longer than 40 characters',
	],
	[
		'metadata value too long',
		invoiceAndCollect(metadata([{ key: 'note', value: 'v'.repeat(501) }])),
		good,
		'value of "note" is longer than 500 characters',
	],
	[
		'metadata without key',
		invoiceAndCollect(metadata([{ key: ' ', value: 'v' }])),
		good,
		'Metadata: every entry needs a key',
	],
	[
		'metadata with 51 keys',
		invoiceAndCollect(metadata(Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })))),
		good,
		'Metadata: has more than 50 keys',
	],
	[
		'finalize without in_',
		finalizeInvoice(),
		{ invoiceId: 'inv_123' },
		'Invoice ID: must be a Stripe ID starting with "in_"',
	],
	['pay with an empty invoice ID', payInvoice(), { invoiceId: '' }, 'Invoice ID: is required'],
	[
		'pay out of band with a payment method',
		payInvoice({ options: { paidOutOfBand: true, paymentMethod: 'pm_1' } }),
		good,
		'Paid Out of Band: cannot be combined with a Payment Method ID',
	],
	[
		'item with an invoice ID without in_',
		createInvoiceItem(),
		{ ...good, invoiceId: 'ii_123' },
		'Invoice ID: must be a Stripe ID starting with "in_"',
	],
	[
		'item period end before start',
		createInvoiceItem({
			additionalFields: { periodStart: '2026-11-02T00:00:00Z', periodEnd: '2026-11-01T00:00:00Z' },
		}),
		good,
		'Period End: must not be before Period Start',
	],
	[
		'item period with only a start',
		createInvoiceItem({ additionalFields: { periodStart: '2026-11-02T00:00:00Z' } }),
		good,
		'Period End: is needed when the other period date is set',
	],
	[
		'item tax rate without txr_',
		createInvoiceItem({ additionalFields: { taxRates: 'txr_1, vat20' } }),
		good,
		'Tax Rate IDs: must be a Stripe ID starting with "txr_", got "vat20"',
	],
	[
		'item price without price_',
		createInvoiceItem({ priceSource: 'price', priceId: 'prod_1' }),
		good,
		'Price ID: must be a Stripe ID starting with "price_"',
	],
	[
		'item quantity of zero',
		createInvoiceItem({ additionalFields: { quantity: 0 } }),
		good,
		'Quantity: must be a whole number of at least 1',
	],
];

describe('bad input is rejected before any Stripe call, naming the field and the row', () => {
	test.each(cases)('%s', async (_name, parameters, badRow, expected) => {
		const account = world.account();

		const result = await account.run([badRow, good], { name: 'Stripe', parameters });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toContain(expected);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(result.error?.context?.itemIndex).toBe(0);
		expect(account.requests()).toEqual([]);
	});

	test('the row named is the bad one, after good rows were processed', async () => {
		const account = world.account();
		const customer = account.customer();
		const rows = [
			{ customer, amount: 100, currency: 'usd' },
			{ customer, amount: 200, currency: 'usd' },
			{ customer, amount: 300, currency: 'dollars' },
		];

		const result = await account.run(rows, { name: 'Collect', parameters: invoiceAndCollect() });

		expect(result.error?.message).toBe(
			'Currency: must be a three-letter ISO code such as "usd", got "dollars" [item 2]',
		);
		expect(result.error?.context?.itemIndex).toBe(2);
		expect(
			world
				.emulator()
				.charges(account.key)
				.map((charge) => charge.amount),
		).toEqual([100, 200]);
		expect(account.requests()).toHaveLength(8);
	});

	test('under continue-on-fail the bad row becomes a validation error row and sends nothing', async () => {
		const account = world.account();
		const customer = account.customer();
		const rows = [
			{ customer, amount: 19.99, currency: 'usd' },
			{ customer, amount: 1999, currency: 'usd' },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect(),
			continueOnFail: true,
		});

		const output = result.output('Collect')!;
		expect(output[0].json).toEqual({
			error: {
				message:
					"Amount: must be a whole number in the currency's smallest unit (e.g. 1999 for 19.99 USD), got 19.99",
				type: 'validation_error',
				param: 'Amount',
				itemIndex: 0,
			},
		});
		expect(output[1].json).toMatchObject({ paid: true });
		expect(account.requests().filter((r) => r.path === '/v1/invoices')).toHaveLength(1);
	});
});
