import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { createInvoiceItem, finalizeInvoice, payInvoice } from './params';

const world = useStripeWorld();

async function draftInvoice(account: TestAccount, customer: string, amount = 2500) {
	const invoice = await account.sdk.invoices.create({ customer, currency: 'usd', auto_advance: false });
	await account.sdk.invoiceItems.create({ customer, invoice: invoice.id, amount, currency: 'usd' });
	return invoice.id;
}

describe('Invoice Item: Create', () => {
	test('adds a line to a draft invoice, encoding metadata, period and tax rates with brackets', async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = (await account.sdk.invoices.create({ customer, currency: 'usd' })).id;
		const taxRate = await account.sdk.taxRates.create({
			display_name: 'VAT',
			percentage: 20,
			inclusive: false,
		});

		const result = await account.run([{ customer, invoiceId, amount: 1500, currency: 'usd' }], {
			name: 'Item',
			parameters: createInvoiceItem({
				additionalFields: {
					description: 'Seats',
					quantity: 3,
					periodStart: '2026-11-01T00:00:00Z',
					periodEnd: '2026-11-30T23:59:59Z',
					metadata: {
						entries: [
							{ key: 'order', value: 'A-1' },
							{ key: 'source', value: 'n8n' },
						],
					},
					discountable: false,
					taxRates: taxRate.id,
				},
			}),
		});

		expect(result.error).toBeUndefined();
		const item = result.output('Item')![0].json;
		expect(item).toMatchObject({
			customer,
			invoice: invoiceId,
			amount: 4500,
			amountFormatted: '45.00 USD',
			currency: 'usd',
			quantity: 3,
			discountable: false,
			periodStart: '2026-11-01T00:00:00.000Z',
		});
		expect(item.metadata).toEqual({ order: 'A-1', source: 'n8n' });
		const request = account.requests().find((r) => r.path === '/v1/invoiceitems')!;
		expect(request.rawBody).toContain('metadata%5Border%5D=A-1');
		expect(request.rawBody).toContain(`tax_rates%5B0%5D=${taxRate.id}`);
		expect(request.params).toMatchObject({
			unit_amount_decimal: '1500',
			quantity: '3',
			discountable: 'false',
			period: {
				start: String(Date.parse('2026-11-01T00:00:00Z') / 1000),
				end: String(Date.parse('2026-11-30T23:59:59Z') / 1000),
			},
		});
		const invoice = await account.sdk.invoices.retrieve(invoiceId);
		expect(invoice.total).toBe(5400);
	});

	test('without an invoice it creates a pending item', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer, invoiceId: '', amount: 990, currency: 'gbp' }], {
			name: 'Item',
			parameters: createInvoiceItem(),
		});

		expect(result.output('Item')![0].json).toMatchObject({ invoice: null, amount: 990, currency: 'gbp' });
		const pending = await account.sdk.invoiceItems.list({ customer, pending: true });
		expect(pending.data).toHaveLength(1);
	});

	test('from a price ID with a quantity', async () => {
		const account = world.account();
		const customer = account.customer();
		const price = await account.sdk.prices.create({
			currency: 'usd',
			unit_amount: 1200,
			product_data: { name: 'Widget' },
		});

		const result = await account.run([{ customer, invoiceId: '' }], {
			name: 'Item',
			parameters: createInvoiceItem({
				priceSource: 'price',
				priceId: price.id,
				additionalFields: { quantity: 2 },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Item')![0].json).toMatchObject({ amount: 2400, currency: 'usd', quantity: 2 });
		expect(account.requests().find((r) => r.path === '/v1/invoiceitems')!.params).toEqual({
			customer,
			pricing: { price: price.id },
			quantity: '2',
		});
	});

	test("adding to a finalized invoice surfaces Stripe's message", async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = await draftInvoice(account, customer);
		await account.sdk.invoices.finalizeInvoice(invoiceId);

		const result = await account.run([{ customer, invoiceId, amount: 100, currency: 'usd' }], {
			name: 'Item',
			parameters: createInvoiceItem(),
			continueOnFail: true,
		});

		expect(result.output('Item')![0].json.error).toMatchObject({
			message: 'Invalid invoice: This invoice is no longer editable',
			type: 'invalid_request_error',
			httpStatus: 400,
		});
	});
});

describe('Invoice: Finalize', () => {
	test('turns a draft into an open invoice with a number', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], { name: 'Finalize', parameters: finalizeInvoice() });

		expect(result.error).toBeUndefined();
		const invoice = result.output('Finalize')![0].json;
		expect(invoice).toMatchObject({
			id: invoiceId,
			status: 'open',
			paid: false,
			amountDue: 2500,
			amountDueFormatted: '25.00 USD',
		});
		expect(invoice.number).toMatch(/^[A-Z0-9]+-0001$/);
		expect(account.requests().at(-1)!.params).toEqual({});
	});

	test('sends auto_advance when asked', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], {
			name: 'Finalize',
			parameters: finalizeInvoice({ simplify: false, options: { autoAdvance: true } }),
		});

		expect(result.output('Finalize')![0].json).toMatchObject({
			object: 'invoice',
			status: 'open',
			auto_advance: true,
		});
		expect(account.requests().at(-1)!.params).toEqual({ auto_advance: 'true' });
	});

	test("finalizing an open invoice fails with Stripe's message, type and request id", async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());
		await account.sdk.invoices.finalizeInvoice(invoiceId);

		const result = await account.run([{ invoiceId }], { name: 'Finalize', parameters: finalizeInvoice() });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(
			"This invoice is already finalized, you can't re-finalize a non-draft invoice. [item 0]",
		);
		expect(result.error?.context?.stripe).toMatchObject({ type: 'invalid_request_error', httpStatus: 400 });
		expect(result.error?.description).toMatch(/invalid_request_error · HTTP 400 · request req_\w+/);
	});
});

describe('Invoice: Pay', () => {
	test('charges an open invoice', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());
		await account.sdk.invoices.finalizeInvoice(invoiceId);

		const result = await account.run([{ invoiceId }], { name: 'Pay', parameters: payInvoice() });

		expect(result.output('Pay')![0].json).toMatchObject({
			id: invoiceId,
			status: 'paid',
			paid: true,
			amountPaid: 2500,
		});
	});

	test('passes payment method, off_session, forgive and paid_out_of_band', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer('pm_card_chargeDeclined'));

		const result = await account.run([{ invoiceId }], {
			name: 'Pay',
			parameters: payInvoice({ options: { paidOutOfBand: true, forgive: true, offSession: false } }),
		});

		expect(result.output('Pay')![0].json).toMatchObject({ status: 'paid', amountPaid: 2500 });
		expect(account.requests().at(-1)!.params).toEqual({
			paid_out_of_band: 'true',
			forgive: 'true',
			off_session: 'false',
		});
		expect(world.emulator().charges(account.key)).toEqual([]);
	});

	test('paying a paid invoice fails with "Invoice is already paid"', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());
		await account.sdk.invoices.pay(invoiceId);

		const result = await account.run([{ invoiceId }], {
			name: 'Pay',
			parameters: payInvoice(),
			continueOnFail: true,
		});

		expect(result.output('Pay')![0].json.error).toMatchObject({
			message: 'Invoice is already paid',
			type: 'invalid_request_error',
			httpStatus: 400,
			itemIndex: 0,
		});
	});

	test("an SCA card fails with Stripe's requires-action code", async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer('pm_card_authenticationRequired'));

		const result = await account.run([{ invoiceId }], {
			name: 'Pay',
			parameters: payInvoice(),
			continueOnFail: true,
		});

		expect(result.output('Pay')![0].json.error).toMatchObject({
			type: 'card_error',
			code: 'invoice_payment_intent_requires_action',
			httpStatus: 402,
		});
	});
});

describe('chained nodes', () => {
	test("Create Invoice Item → Finalize → Pay, each reading the previous node's output", async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = (await account.sdk.invoices.create({ customer, currency: 'usd' })).id;

		const result = await account.run(
			[{ customer, invoiceId, amount: 4200, currency: 'usd' }],
			{ name: 'Add Line', parameters: createInvoiceItem() },
			{ name: 'Finalize', parameters: finalizeInvoice({ invoiceId: '={{ $json.invoice }}' }) },
			{ name: 'Pay', parameters: payInvoice({ invoiceId: '={{ $json.id }}' }) },
		);

		expect(result.error).toBeUndefined();
		expect(result.output('Finalize')![0].json).toMatchObject({
			id: invoiceId,
			status: 'open',
			amountDue: 4200,
		});
		expect(result.output('Pay')![0].json).toMatchObject({ id: invoiceId, status: 'paid', amountPaid: 4200 });
		expect(result.output('Pay')![0].pairedItem).toEqual({ item: 0 });
	});
});
