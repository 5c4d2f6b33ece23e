// Issue 18: the whole invoice through n8n's engine — discounts, tax, bank transfer and Connect
// fees on Invoice & Collect, with Stripe's arithmetic (per-line rounding, invoice discounts spread
// over discountable lines, tax on the discounted amount) as the emulator models it.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';

const world = useStripeWorld();

const jsonLines = (options: INodeParameters = {}, fields: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.lines }}', options, ...fields }),
	continueOnFail: true,
});

const coupon = (entries: Array<[string, string]>) => ({
	discount: entries.map(([type, value]) => ({ type, value })),
});

const charges = (account: TestAccount) =>
	world
		.emulator()
		.charges(account.key)
		.filter((charge) => charge.status === 'succeeded')
		.map((charge) => charge.amount);

async function taxRate(account: TestAccount, percentage: number, inclusive = false) {
	const rate = await account.sdk.taxRates.create({ display_name: 'Tax', percentage, inclusive });
	return rate.id;
}

async function run(
	account: TestAccount,
	lines: IDataObject[],
	options: INodeParameters = {},
	fields: INodeParameters = {},
) {
	const customer = account.customer();
	const result = await account.run([{ customer, currency: 'usd', lines }], jsonLines(options, fields));
	return { customer, json: result.output('Collect')![0].json };
}

describe('discounts and tax, computed as Stripe does', () => {
	test('a 10 % coupon and 8.25 % exclusive tax: tax on the discounted amount, rounded per line', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 10, duration: 'once' });
		const rate = await taxRate(account, 8.25);

		const { json } = await run(account, [{ amount: 1999 }, { amount: 1001 }], {
			discounts: coupon([['coupon', couponId]]),
			defaultTaxRates: rate,
		});

		// Discount 10 %: 199.9 → 200 and 100.1 → 100 (per line); tax 8.25 % of 1799 → 148.42 → 148,
		// of 901 → 74.33 → 74.
		const invoice = await account.sdk.invoices.retrieve(String(json.invoiceId));
		expect(invoice.total_discount_amounts!.reduce((sum, d) => sum + d.amount, 0)).toBe(300);
		expect(invoice.total_taxes!.reduce((sum, t) => sum + t.amount, 0)).toBe(222);
		expect(json).toMatchObject({ paid: true, total: 2922, amountPaid: 2922 });
		expect(charges(account)).toEqual([2922]);
	});

	test('an inclusive 19 % rate takes the tax out of the price: 1190 holds 190 of tax', async () => {
		const account = world.account();
		const rate = await taxRate(account, 19, true);

		const { json } = await run(account, [{ amount: 1190, taxRates: [rate] }]);

		const invoice = await account.sdk.invoices.retrieve(String(json.invoiceId));
		expect(invoice.total_taxes!.map((t) => t.amount)).toEqual([190]);
		expect(invoice.total_excluding_tax).toBe(1000);
		expect(json).toMatchObject({ paid: true, total: 1190 });
	});

	test('a coupon larger than the subtotal brings the total to 0: paid, nothing charged', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({
			amount_off: 5000,
			currency: 'usd',
			duration: 'once',
		});

		const { json } = await run(account, [{ amount: 1200 }, { amount: 1800 }], {
			discounts: coupon([['coupon', couponId]]),
		});

		expect(json).toMatchObject({ paid: true, status: 'paid', total: 0, amountPaid: 0 });
		expect(json.stepsCompleted).toEqual(['createDraftInvoice', 'addInvoiceLines', 'finalizeInvoice']);
		expect(charges(account)).toEqual([]);
	});

	test('a 100 % discount settles without a charge', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 100, duration: 'once' });

		const { json } = await run(account, [{ amount: 4900 }], { discounts: coupon([['coupon', couponId]]) });

		expect(json).toMatchObject({ paid: true, total: 0 });
		expect(charges(account)).toEqual([]);
	});

	test('a non-discountable line keeps its full amount under an invoice coupon', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 10, duration: 'once' });

		const { json } = await run(account, [{ amount: 1000 }, { amount: 500, discountable: false }], {
			discounts: coupon([['coupon', couponId]]),
		});

		expect(json).toMatchObject({ paid: true, total: 1400 });
	});

	test('a line discount (Lines JSON) applies to its line only, before the invoice coupon', async () => {
		const account = world.account();
		const { id: lineCoupon } = await account.sdk.coupons.create({
			amount_off: 200,
			currency: 'usd',
			duration: 'once',
		});

		const { json } = await run(account, [{ amount: 1000, discounts: [lineCoupon] }, { amount: 500 }]);

		expect(json).toMatchObject({ paid: true, total: 1300 });
	});

	test('a promotion code as the customer typed it is looked up (case-insensitively) and applied', async () => {
		const account = world.account();
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 25, duration: 'once' });
		await account.sdk.promotionCodes.create({
			promotion: { type: 'coupon', coupon: couponId },
			code: 'WELCOME25',
		});

		const { json } = await run(account, [{ amount: 4000 }], {
			discounts: coupon([['promotionCode', 'welcome25']]),
		});

		expect(json).toMatchObject({ paid: true, total: 3000 });
	});

	test('automatic tax for a customer in Germany adds 19 % VAT', async () => {
		const account = world.account();
		const customer = account.customer();
		await account.sdk.customers.update(customer, {
			address: { country: 'DE', postal_code: '10115', city: 'Berlin' },
		});

		const result = await account.run([{ customer, currency: 'eur', amount: 10000 }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { automaticTax: true } }),
			continueOnFail: true,
		});

		const json = result.output('Collect')![0].json;
		expect(json).toMatchObject({ paid: true, total: 11900, amountPaid: 11900 });
	});
});

describe('getting paid another way', () => {
	test('a bank-transfer invoice is emailed open with its transfer details, and paid when the transfer arrives', async () => {
		const account = world.account();
		const customer = account.customer();
		const result = await account.run([{ customer, currency: 'eur', amount: 25000 }], {
			name: 'Collect',
			parameters: invoiceAndCollect({
				collectionMethod: 'send_invoice',
				daysUntilDue: 14,
				options: {
					paymentMethodTypes: ['customer_balance'],
					bankTransferType: 'eu_bank_transfer',
					bankTransferCountry: 'DE',
				},
			}),
		});

		const json = result.output('Collect')![0].json;
		expect(json).toMatchObject({ status: 'open', paid: false });
		expect(json.stepsCompleted).toEqual([
			'createDraftInvoice',
			'addInvoiceItem',
			'finalizeInvoice',
			'sendInvoice',
		]);
		const invoice = await account.sdk.invoices.retrieve(String(json.invoiceId));
		expect(invoice.payment_settings).toMatchObject({
			payment_method_types: ['customer_balance'],
			payment_method_options: {
				customer_balance: {
					funding_type: 'bank_transfer',
					bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'DE' } },
				},
			},
		});

		await account.sdk.testHelpers.customers.fundCashBalance(customer, { amount: 25000, currency: 'eur' });
		expect((await account.sdk.invoices.retrieve(invoice.id)).status).toBe('paid');
	});

	test("a marketplace invoice: the platform's fee and the transfer show on the payment", async () => {
		const account = world.account();
		const customer = account.customer();
		const result = await account.run([{ customer, currency: 'usd', amount: 10000 }], {
			name: 'Collect',
			parameters: invoiceAndCollect({
				options: { transferDestination: 'acct_1Seller', applicationFeeAmount: 1500 },
			}),
		});

		const json = result.output('Collect')![0].json;
		expect(json).toMatchObject({ paid: true, amountPaid: 10000 });
		const invoice = await account.sdk.invoices.retrieve(String(json.invoiceId), { expand: ['payments'] });
		const paymentIntent = invoice.payments!.data[0].payment.payment_intent as string;
		const intent = await account.sdk.paymentIntents.retrieve(paymentIntent);
		expect(intent).toMatchObject({
			application_fee_amount: 1500,
			transfer_data: { destination: 'acct_1Seller' },
		});
	});
});
