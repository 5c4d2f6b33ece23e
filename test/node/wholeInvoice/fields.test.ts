// Issue 18: each new field reaches Stripe as the parameter it names, on Invoice Create / Update,
// Invoice Item Create and every Invoice & Collect line source — and Invoice & Collect still makes
// four writes per row whatever it carries.
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import { createInvoice, invoiceOp, mark } from '../safety/helpers';

const world = useStripeWorld();

const writes = (account: TestAccount, since: number) =>
	account
		.requests()
		.slice(since)
		.filter((r) => r.method === 'POST' && !r.path.endsWith('/create_preview'));

async function accountTaxId(account: TestAccount) {
	const taxId = await account.sdk.taxIds.create({ type: 'eu_vat', value: 'DE123456789' });
	return taxId.id;
}

describe('Invoice Create and Update', () => {
	test('every invoice-wide field is sent as its Stripe parameter', async () => {
		const account = world.account();
		const rate = await account.sdk.taxRates.create({ display_name: 'VAT', percentage: 19, inclusive: false });
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 5, duration: 'once' });
		const txi = await accountTaxId(account);
		const since = mark(account);

		const result = await account.run([{ customer: account.customer() }], {
			name: 'Invoice',
			parameters: createInvoice({
				collectionMethod: 'send_invoice',
				daysUntilDue: 30,
				additionalFields: {
					currency: 'eur',
					defaultTaxRates: rate.id,
					discounts: { discount: [{ type: 'coupon', value: couponId }] },
					accountTaxIds: txi,
					customFields: { field: [{ name: 'PO number', value: 'PO-7781' }] },
					statementDescriptor: 'ACME SHOP',
					footer: 'Thank you for your business',
					paymentMethodTypes: ['card', 'customer_balance'],
					bankTransferType: 'eu_bank_transfer',
					bankTransferCountry: 'NL',
					onBehalfOf: 'acct_1Brand',
				},
			}),
		});

		expect(result.error).toBeUndefined();
		const [create] = writes(account, since);
		expect(create.params).toMatchObject({
			default_tax_rates: [rate.id],
			discounts: [{ coupon: couponId }],
			account_tax_ids: [txi],
			custom_fields: [{ name: 'PO number', value: 'PO-7781' }],
			statement_descriptor: 'ACME SHOP',
			footer: 'Thank you for your business',
			on_behalf_of: 'acct_1Brand',
			payment_settings: {
				payment_method_types: ['card', 'customer_balance'],
				payment_method_options: {
					customer_balance: {
						funding_type: 'bank_transfer',
						bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'NL' } },
					},
				},
			},
		});
		const invoice = await account.sdk.invoices.retrieve(String(result.output('Invoice')![0].json.id));
		expect(invoice).toMatchObject({
			statement_descriptor: 'ACME SHOP',
			footer: 'Thank you for your business',
		});
	});

	test('Update takes a promotion code as typed: looked up before any write', async () => {
		const account = world.account();
		const customer = account.customer();
		const draft = await account.sdk.invoices.create({ customer, currency: 'usd', auto_advance: false });
		const { id: couponId } = await account.sdk.coupons.create({
			amount_off: 300,
			currency: 'usd',
			duration: 'once',
		});
		const code = await account.sdk.promotionCodes.create({
			promotion: { type: 'coupon', coupon: couponId },
			code: 'SPRING3',
		});
		const since = mark(account);

		const result = await account.run([{ invoiceId: draft.id, code: 'spring3' }], {
			name: 'Update',
			parameters: invoiceOp('update', {
				updateFields: { discounts: { discount: [{ type: 'promotionCode', value: '={{ $json.code }}' }] } },
			}),
		});

		expect(result.error).toBeUndefined();
		const sent = account
			.requests()
			.slice(since)
			.map((r) => `${r.method} ${r.path}`);
		expect(sent).toEqual(['GET /v1/promotion_codes', `POST /v1/invoices/${draft.id}`]);
		expect(writes(account, since)[0].params).toMatchObject({ discounts: [{ promotion_code: code.id }] });
	});
});

describe('Invoice Item Create: tax code, tax rates, discounts, discountable', () => {
	test('are sent on the item', async () => {
		const account = world.account();
		const rate = await account.sdk.taxRates.create({ display_name: 'GST', percentage: 10, inclusive: false });
		const { id: couponId } = await account.sdk.coupons.create({ percent_off: 20, duration: 'once' });
		const since = mark(account);

		const result = await account.run(
			[{ customer: account.customer(), invoiceId: '', amount: 1000, currency: 'usd' }],
			{
				name: 'Item',
				parameters: createInvoiceItem({
					additionalFields: {
						taxRates: rate.id,
						taxCode: 'txcd_10000000',
						discounts: couponId,
						discountable: true,
					},
				}),
			},
		);

		expect(result.error).toBeUndefined();
		expect(writes(account, since)[0].params).toMatchObject({
			tax_rates: [rate.id],
			tax_code: 'txcd_10000000',
			discounts: [{ coupon: couponId }],
			discountable: 'true',
		});
	});
});

describe('Invoice & Collect lines carry their tax and discounts in every line source, four writes a row', () => {
	async function setup(account: TestAccount) {
		const rate = await account.sdk.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		const { id: couponId } = await account.sdk.coupons.create({
			amount_off: 100,
			currency: 'usd',
			duration: 'once',
		});
		return { rate: rate.id, couponId };
	}

	test('One Line: the Line options go on the invoice item', async () => {
		const account = world.account();
		const { rate, couponId } = await setup(account);
		const since = mark(account);

		const result = await account.run([{ customer: account.customer(), amount: 1000, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({
				options: { lineTaxRates: rate, lineDiscounts: couponId, lineTaxCode: 'txcd_10000000' },
			}),
		});

		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, total: 1080 });
		const sent = writes(account, since);
		expect(sent.map((r) => r.path.replace(/in_\w+/, ':id'))).toEqual([
			'/v1/invoices',
			'/v1/invoiceitems',
			'/v1/invoices/:id/finalize',
			'/v1/invoices/:id/pay',
		]);
		expect(sent[1].params).toMatchObject({
			tax_rates: [rate],
			discounts: [{ coupon: couponId }],
			tax_code: 'txcd_10000000',
		});
	});

	test('Line Items and Lines (JSON): each line with its own; add_lines gets a tax code through price_data', async () => {
		const account = world.account();
		const { rate, couponId } = await setup(account);
		const fromNode = {
			lineSource: 'list',
			lineItems: {
				line: [
					{ amount: 1000, description: 'Consulting', taxRates: rate, discounts: couponId },
					{ amount: 500, description: 'Setup', discountable: false, taxCode: 'txcd_20030000' },
				],
			},
		};
		const fromJson = { lineSource: 'json', linesJson: '={{ $json.lines }}' };
		const lines: IDataObject[] = [
			{ amount: 1000, description: 'Consulting', taxRates: [rate], discounts: [couponId] },
			{ amount: 500, description: 'Setup', discountable: false, taxCode: 'txcd_20030000' },
		];

		for (const fields of [fromNode, fromJson]) {
			const since = mark(account);
			const result = await account.run([{ customer: account.customer(), currency: 'usd', lines }], {
				name: 'Collect',
				parameters: invoiceAndCollect(fields),
			});

			expect(result.output('Collect')![0].json).toMatchObject({ paid: true, total: 1580 });
			const sent = writes(account, since);
			expect(sent).toHaveLength(4);
			expect(sent[1].params).toMatchObject({
				lines: [
					{ amount: '1000', tax_rates: [rate], discounts: [{ coupon: couponId }] },
					{
						price_data: { unit_amount: '500', product_data: { tax_code: 'txcd_20030000' } },
						quantity: '1',
						discountable: 'false',
					},
				],
			});
		}
	});
});
