import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { WorkflowExpression } from 'n8n-workflow';

import { useStripeWorld } from '../support/stripeWorld';
import { byId, createInvoiceItem, finalizeInvoice, invoiceAndCollect, payInvoice } from './params';

const world = useStripeWorld();

const good = {
	customer: 'cus_Good123',
	amount: 1999,
	currency: 'usd',
	description: 'x',
	invoiceId: 'in_Good123',
};
const metadata = (entries: Array<{ key: string; value: string }>) => ({ options: { metadata: { entries } } });

const metadataFromRow = {
	options: { metadata: { entries: [{ key: 'source', value: '={{ $json.meta }}' }] } },
};
const getInvoice = (fields: INodeParameters): INodeParameters => ({
	resource: 'invoice',
	operation: 'get',
	invoiceId: byId('in_1'),
	...fields,
});

const cases: Array<[string, INodeParameters, IDataObject, string]> = [
	['empty customer', invoiceAndCollect(), { ...good, customer: '' }, 'Customer: is required'],
	[
		'customer without cus_',
		invoiceAndCollect(),
		{ ...good, customer: 'bob@example.com' },
		'Customer: must be a Stripe ID starting with "cus_", got "bob@example.com"',
	],
	[
		'customer that is a number',
		invoiceAndCollect(),
		{ ...good, customer: 42 },
		'Customer: must be a Stripe ID (text), got 42',
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
		'Invoice: must be a Stripe ID starting with "in_"',
	],
	['pay with an empty invoice ID', payInvoice(), { invoiceId: '' }, 'Invoice: is required'],
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
		'Invoice: must be a Stripe ID starting with "in_"',
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
		'Quantity: must be a whole number from 1 to 99999999, got 0',
	],
	[
		'currency Stripe does not know',
		invoiceAndCollect(),
		{ ...good, currency: 'xyz' },
		'Currency: "xyz" is not a currency Stripe can charge in',
	],
	[
		'three-decimal amount not ending in 0',
		invoiceAndCollect(),
		{ ...good, amount: 5124, currency: 'kwd' },
		'Amount: KWD amounts in the smallest unit must end in 0 (e.g. 5120 or 5130), got 5124',
	],
	[
		'ISK amount that is not whole krónur',
		invoiceAndCollect(),
		{ ...good, amount: 550, currency: 'isk' },
		'must be a multiple of 100',
	],
	[
		'major-unit amount with a third decimal',
		invoiceAndCollect({ amountUnit: 'major' }),
		{ ...good, amount: 19.999 },
		'Amount: 19.999 USD cannot be charged: USD takes at most 2 decimals',
	],
	[
		'major-unit yen with decimals',
		invoiceAndCollect({ amountUnit: 'major' }),
		{ ...good, amount: 5.5, currency: 'jpy' },
		'Amount: 5.5 JPY cannot be charged: JPY takes no decimals',
	],
	[
		'major-unit amount above the maximum',
		invoiceAndCollect({ amountUnit: 'major' }),
		{ ...good, amount: 1_000_000 },
		"Amount: is 100000000 in Stripe's smallest unit, above Stripe's maximum of 99999999",
	],
	[
		'amount expression resolving to an object',
		invoiceAndCollect({ amount: '={{ $json.price }}' }),
		{ ...good, price: { value: 5 } },
		'Amount: must be a number',
	],
	[
		'lines expression resolving to an object',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: { amount: 5 } },
		'Lines (JSON): must be an array of lines',
	],
	[
		'line with a misspelt field',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: [{ ammount: 5 }] },
		'Line 1: has unknown field(s) ammount',
	],
	[
		'line with an amount and a price',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: [{ amount: 5, price: 'price_1' }] },
		'Line 1: has both an amount and a price',
	],
	[
		'line with neither amount nor price',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: [{ amount: 100 }, { description: 'x' }] },
		'Line 2: needs an amount above 0 or a price',
	],
	[
		'line with a quantity of zero',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: [{ amount: 100, quantity: 0 }] },
		'Line 1 quantity: must be a whole number from 1 to 99999999, got 0',
	],
	[
		'more than 250 lines',
		invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		{ ...good, items: Array.from({ length: 251 }, () => ({ amount: 1 })) },
		'Lines (JSON): has 251 lines; Stripe allows 250',
	],
	[
		'no lines at all',
		invoiceAndCollect({ lineSource: 'list', lineItems: {} }),
		good,
		'Line Items: add at least one line',
	],
	[
		'metadata value that is an object',
		invoiceAndCollect(metadataFromRow),
		{ ...good, meta: { nested: true } },
		'Metadata: value of "source" must be text',
	],
	[
		'payment method on an emailed invoice',
		invoiceAndCollect({ collectionMethod: 'send_invoice', options: { paymentMethod: 'pm_1' } }),
		good,
		'Payment Method ID: applies only when the collection method is "Charge Automatically"',
	],
	[
		'negative days until due',
		invoiceAndCollect({ collectionMethod: 'send_invoice', daysUntilDue: '={{ -1 }}' }),
		good,
		'Days Until Due: must be a whole number from 0 to 1825, got -1',
	],
	[
		'due date on a charged invoice',
		invoiceAndCollect({ options: { dueDate: '2026-12-01T00:00:00Z' } }),
		good,
		'Due Date: applies only when the collection method is "Send Invoice"',
	],
	[
		'Connect account without acct_',
		invoiceAndCollect({ options: { stripeAccount: 'acme' } }),
		good,
		'Stripe Account: must be a Stripe ID starting with "acct_"',
	],
	[
		'expand path that is not a field',
		getInvoice({ options: { expand: 'customer, Customer!' } }),
		good,
		'Expand: "Customer!" is not a Stripe field path',
	],
	[
		'invoice item ID without ii_',
		{ resource: 'invoiceItem', operation: 'get', invoiceItemId: byId('={{ "in_123" }}') },
		good,
		'Invoice Item: must be a Stripe ID starting with "ii_"',
	],
	[
		'invoice update with nothing to update',
		{ resource: 'invoice', operation: 'update', invoiceId: byId('in_1'), updateFields: {} },
		good,
		'Update Fields: add at least one field to change',
	],
	[
		'list filter with a bad customer ID',
		{ resource: 'invoice', operation: 'getMany', filters: { customer: 'bob' } },
		good,
		'Customer ID: must be a Stripe ID starting with "cus_"',
	],
	[
		'list filter dates the wrong way round',
		{
			resource: 'invoiceItem',
			operation: 'getMany',
			filters: { createdAfter: '2026-11-02T00:00:00Z', createdBefore: '2026-11-01T00:00:00Z' },
		},
		good,
		'Created Before: must not be before Created After',
	],
	[
		'list limit of zero',
		{ resource: 'invoice', operation: 'getMany', returnAll: false, limit: '={{ 0 }}' },
		good,
		'Limit: must be a whole number from 1 to 100000, got 0',
	],
	[
		'empty search query',
		{ resource: 'invoice', operation: 'search', query: '={{ "" }}' },
		good,
		'Search Query: is required',
	],
	[
		'item update with both a price and an amount',
		{
			resource: 'invoiceItem',
			operation: 'update',
			invoiceItemId: byId('ii_1'),
			updateFields: { amount: 5, priceId: 'price_1' },
		},
		good,
		'Price ID: cannot be combined with an Amount',
	],
	[
		'dashboard URL that is not a customer page',
		invoiceAndCollect({ customer: { __rl: true, mode: 'url', value: '={{ "https://example.com/cus_1" }}' } }),
		good,
		'Customer: the link is not a Stripe dashboard link to this kind of object',
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

	test('a bad row stops the batch before any row is billed, and the error names it', async () => {
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
		// Every row is checked before the batch's first call: rows 0 and 1 were not billed either.
		expect(world.emulator().charges(account.key)).toEqual([]);
		expect(account.requests()).toEqual([]);
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
					"Amount: must be a whole number in the currency's smallest unit, without a decimal point (1999 for 19.99 USD; for 19.99 itself set Amount Unit to major units), got 19.99",
				type: 'validation_error',
				param: 'Amount',
				itemIndex: 0,
			},
		});
		expect(output[1].json).toMatchObject({ paid: true });
		expect(account.requests().filter((r) => r.path === '/v1/invoices')).toHaveLength(1);
	});
	test('each row is sent with the values pre-flight checked: every expression is evaluated once per row', async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer(), amount: 1000, currency: 'usd', ref: 'once-0' },
			{ customer: account.customer(), amount: 2000, currency: 'usd', ref: 'once-1' },
		];
		const reference = '={{ $json.ref }}';
		const evaluate = jest.spyOn(WorkflowExpression.prototype, 'getParameterValue');
		try {
			const result = await account.run(rows, {
				name: 'Collect',
				parameters: invoiceAndCollect({ reference }),
			});
			expect(result.error).toBeUndefined();
			expect(result.output('Collect')!.map((item) => item.json.reference)).toEqual(['once-0', 'once-1']);
			const referenceReads = evaluate.mock.calls.filter(([value]) => value === reference);
			expect(referenceReads).toHaveLength(rows.length);
		} finally {
			evaluate.mockRestore();
		}
	});
});
