// Issue 18: bad inputs to the whole invoice. What the node can judge is refused before any call,
// naming the field and the row; what only Stripe knows (an unknown coupon, an inactive tax rate, a
// customer without a tax location) comes back as Stripe's own error, named per row, with nothing
// charged.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';

const world = useStripeWorld();

const collect = (options: INodeParameters, fields: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ options, ...fields }),
	continueOnFail: true,
});

const errorOf = (json: IDataObject) => json.error as IDataObject;

async function runRow(
	account: TestAccount,
	options: INodeParameters,
	fields: INodeParameters = {},
	row: IDataObject = {},
) {
	const customer = account.customer();
	const before = account.requests().length;
	const result = await account.run(
		[{ customer, currency: 'usd', amount: 1000, ...row }],
		collect(options, fields),
	);
	return { json: result.output('Collect')![0].json, sent: account.requests().slice(before), customer };
}

const charged = (account: TestAccount) =>
	world
		.emulator()
		.charges(account.key)
		.filter((charge) => charge.status === 'succeeded');

describe("Stripe's refusals come back named per row, nothing charged", () => {
	test('an unknown coupon', async () => {
		const account = world.account();
		const { json } = await runRow(account, {
			discounts: { discount: [{ type: 'coupon', value: 'NOPE50' }] },
		});
		expect(errorOf(json)).toMatchObject({
			message: "No such coupon: 'NOPE50'",
			type: 'invalid_request_error',
			code: 'resource_missing',
			itemIndex: 0,
		});
		expect(json).toMatchObject({ failedStep: 'createDraftInvoice', invoiceId: null });
		expect(charged(account)).toEqual([]);
	});

	test('an inactive tax rate', async () => {
		const account = world.account();
		const rate = await account.sdk.taxRates.create({
			display_name: 'Old VAT',
			percentage: 16,
			inclusive: false,
		});
		await account.sdk.taxRates.update(rate.id, { active: false });

		const { json } = await runRow(account, { lineTaxRates: rate.id });

		expect(errorOf(json)).toMatchObject({ type: 'invalid_request_error', httpStatus: 400, itemIndex: 0 });
		expect(String(errorOf(json).message)).toMatch(/inactive|not active/i);
		expect(json.failedStep).toBe('addInvoiceItem');
		expect(charged(account)).toEqual([]);
	});

	test("automatic tax for a customer without an address: Stripe's location error, at finalize", async () => {
		const account = world.account();
		const { json } = await runRow(account, { automaticTax: true });
		expect(errorOf(json)).toMatchObject({
			code: 'customer_tax_location_invalid',
			message:
				"The customer's location isn't recognized. Set a valid customer address in order to automatically calculate tax.",
		});
		expect(json).toMatchObject({ failedStep: 'finalizeInvoice', status: 'draft', paid: false });
		expect(charged(account)).toEqual([]);
	});

	test('a promotion code nobody has: refused in the lookup phase, before any write', async () => {
		const account = world.account();
		const { json, sent } = await runRow(account, {
			discounts: { discount: [{ type: 'promotionCode', value: 'FREE100' }] },
		});
		expect(errorOf(json)).toMatchObject({ param: 'Discounts', type: 'validation_error' });
		expect(String(errorOf(json).message)).toBe(
			'Discounts: no active promotion code "FREE100" in this Stripe account',
		);
		expect(sent.filter((r) => r.method !== 'GET')).toEqual([]);
	});
});

describe('what the node judges itself, before any call', () => {
	test.each([
		[
			'an application fee without Connect',
			{ applicationFeeAmount: 500 },
			'Application Fee Amount',
			/needs a Connect charge: set Stripe Account .* or Transfer Destination/,
		],
		[
			'a fee and a transfer amount together',
			{ applicationFeeAmount: 500, transferDestination: 'acct_1Seller', transferAmount: 800 },
			'Application Fee Amount',
			/cannot be combined with a Transfer Amount/,
		],
		[
			'a transfer amount without a destination',
			{ transferAmount: 800 },
			'Transfer Amount',
			/needs a Transfer Destination/,
		],
		[
			'a statement descriptor of 3 characters',
			{ statementDescriptor: 'ACM' },
			'Statement Descriptor',
			/5 to 22 characters/,
		],
		[
			'a statement descriptor with a quote',
			{ statementDescriptor: 'ACME "shop"' },
			'Statement Descriptor',
			/must not contain/,
		],
		[
			'five custom fields',
			{ customFields: { field: [1, 2, 3, 4, 5].map((n) => ({ name: `F${n}`, value: 'x' })) } },
			'Custom Fields',
			/has 5 fields; Stripe shows at most 4/,
		],
		[
			'a bank transfer on an invoice charged automatically',
			{ paymentMethodTypes: ['customer_balance'], bankTransferType: 'us_bank_transfer' },
			'Payment Methods',
			/set the collection method to "Send Invoice"/,
		],
		[
			'a discount type not in the list',
			{ discounts: { discount: [{ type: 'voucher', value: 'X' }] } },
			'Discounts',
			/type must be one of/,
		],
		[
			'a coupon ID with a space',
			{ discounts: { discount: [{ type: 'coupon', value: 'TEN OFF' }] } },
			'Discounts',
			/is not a coupon ID/,
		],
		[
			'a tax rate ID from an expression with a path',
			{ lineTaxRates: '={{ "txr_1/../x" }}' },
			'Line tax rate ids',
			/Stripe ID/,
		],
		[
			'an account tax ID of another kind',
			{ accountTaxIds: 'txr_123' },
			'Account Tax IDs',
			/starting with "txi_"/,
		],
	])('%s', async (_name, options, field, said) => {
		const account = world.account();
		const { json, sent } = await runRow(account, options as INodeParameters);
		expect(errorOf(json)).toMatchObject({ type: 'validation_error', param: field });
		expect(String(errorOf(json).message)).toMatch(said);
		expect(sent).toEqual([]);
	});

	test('an EU bank transfer country that is not offered', async () => {
		const account = world.account();
		const { json, sent } = await runRow(
			account,
			{
				paymentMethodTypes: ['customer_balance'],
				bankTransferType: 'eu_bank_transfer',
				bankTransferCountry: '={{ "US" }}',
			},
			{ collectionMethod: 'send_invoice' },
		);
		expect(errorOf(json)).toMatchObject({ param: 'Bank Transfer Country' });
		expect(sent).toEqual([]);
	});

	test("a tax code on a Price line (Lines JSON): a price is taxed by its product's code", async () => {
		const account = world.account();
		const { json, sent } = await runRow(
			account,
			{},
			{ lineSource: 'json', linesJson: '={{ $json.lines }}' },
			{
				lines: [{ price: 'price_1Abc', taxCode: 'txcd_10000000' }],
			},
		);
		expect(errorOf(json)).toMatchObject({ param: 'Line 1 tax code' });
		expect(sent).toEqual([]);
	});

	test('Create Invoice Item: discounts that are not IDs, refused before any call', async () => {
		const account = world.account();
		const before = account.requests().length;
		const result = await account.run(
			[{ customer: account.customer(), invoiceId: '', amount: 500, currency: 'usd' }],
			{
				name: 'Item',
				parameters: createInvoiceItem({ additionalFields: { discounts: '={{ [{ "coupon": "X" }] }}' } }),
				continueOnFail: true,
			},
		);
		expect(errorOf(result.output('Item')![0].json)).toMatchObject({ param: 'Discounts' });
		expect(account.requests().slice(before)).toEqual([]);
	});
});
