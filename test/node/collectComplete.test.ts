import { useStripeWorld } from '../support/stripeWorld';
import { byId, invoiceAndCollect, payInvoice } from './params';

const world = useStripeWorld();

describe('Invoice & Collect with several lines', () => {
	test('line items entered on the node go on the invoice in one add_lines call: still 4 calls', async () => {
		const account = world.account();
		const customer = account.customer();
		const price = await account.sdk.prices.create({
			currency: 'usd',
			unit_amount: 1500,
			product_data: { name: 'Seat' },
		});

		const result = await account.run([{ customer, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({
				lineSource: 'list',
				lineItems: {
					line: [
						{ amount: 1000, description: 'Setup fee' },
						{ price: price.id, quantity: 3, description: 'Seats' },
						{ amount: 250, description: 'Support' },
					],
				},
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Collect')![0].json).toMatchObject({
			status: 'paid',
			paid: true,
			amountPaid: 5750,
			amountPaidFormatted: '57.50 USD',
			lineCount: 3,
			stepsCompleted: ['createDraftInvoice', 'addInvoiceLines', 'finalizeInvoice', 'payInvoice'],
		});
		// The node's calls (the SDK set up the price with its own keys).
		const posts = account.requests().filter((r) => r.headers.idempotencyKey?.startsWith('n8n-'));
		expect(posts).toHaveLength(4);
		expect(posts[1].params).toEqual({
			lines: [
				{ amount: '1000', description: 'Setup fee' },
				{ pricing: { price: price.id }, quantity: '3', description: 'Seats' },
				{ amount: '250', description: 'Support' },
			],
		});
	});

	test('lines from an upstream array field by expression, in major units', async () => {
		const account = world.account();
		const rows = [
			{
				customer: account.customer(),
				currency: 'eur',
				items: [{ amount: 12.5, description: 'A' }, { amount: 7.25 }],
			},
			{ customer: account.customer(), currency: 'jpy', items: [{ amount: 1200, description: 'Ramen' }] },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect({
				lineSource: 'json',
				linesJson: '={{ $json.items }}',
				amountUnit: 'major',
			}),
		});

		expect(result.error).toBeUndefined();
		const [eur, jpy] = result.output('Collect')!.map((item) => item.json);
		expect(eur).toMatchObject({ amountPaid: 1975, amountPaidFormatted: '19.75 EUR', lineCount: 2 });
		expect(jpy).toMatchObject({ amountPaid: 1200, amountPaidFormatted: '1200 JPY', lineCount: 1 });
		expect(jpy.stepsCompleted).toContain('addInvoiceItem');
	});

	test('a custom amount with a quantity: unit price × quantity, as one line or among many', async () => {
		const account = world.account();
		const customer = account.customer();
		const rows = [
			{ customer, currency: 'usd', items: [{ amount: 1500, quantity: 3, description: 'Seats' }] },
			{
				customer,
				currency: 'usd',
				items: [{ amount: 1500, quantity: 3, description: 'Seats' }, { amount: 500 }],
			},
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.items }}' }),
		});

		expect(result.output('Collect')!.map((item) => item.json.amountPaid)).toEqual([4500, 5000]);
		const single = account.requests().find((r) => r.path === '/v1/invoiceitems')!;
		expect(single.params).toMatchObject({ unit_amount_decimal: '1500', quantity: '3', currency: 'usd' });
		const bulk = account.requests().find((r) => r.path.endsWith('/add_lines'))!;
		expect(bulk.params).toEqual({
			lines: [
				{
					price_data: { currency: 'usd', product_data: { name: 'Seats' }, unit_amount: '1500' },
					quantity: '3',
					description: 'Seats',
				},
				{ amount: '500' },
			],
		});
	});

	test('a three-decimal currency in major units is sent in fils', async () => {
		const account = world.account();

		const result = await account.run([{ customer: account.customer(), amount: 5.12, currency: 'KWD' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ amountUnit: 'major' }),
		});

		expect(result.output('Collect')![0].json).toMatchObject({
			amountPaid: 5120,
			amountPaidFormatted: '5.120 KWD',
		});
		expect(account.requests().find((r) => r.path === '/v1/invoiceitems')!.params).toMatchObject({
			amount: '5120',
		});
	});
});

describe('Invoice & Collect by email (send invoice)', () => {
	test('finalizes and sends the invoice with its due date instead of charging', async () => {
		const account = world.account();

		const result = await account.run([{ customer: account.customer(), amount: 9900, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ collectionMethod: 'send_invoice', daysUntilDue: 14 }),
		});

		const row = result.output('Collect')![0].json;
		expect(row).toMatchObject({
			status: 'open',
			paid: false,
			collectionMethod: 'send_invoice',
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'sendInvoice'],
		});
		expect(Date.parse(String(row.dueDate)) - Date.now()).toBeGreaterThan(13 * 86_400_000);
		expect(world.emulator().charges(account.key)).toEqual([]);
		expect(account.requests()[0].params).toMatchObject({
			collection_method: 'send_invoice',
			days_until_due: '14',
		});
	});
});

describe('payment outcomes you can branch on', () => {
	test('SCA returned as a row: requires_action, the hosted URL, the invoice left open even when voiding declines', async () => {
		const account = world.account();

		const result = await account.run(
			[{ customer: account.customer('pm_card_authenticationRequired'), amount: 4000, currency: 'eur' }],
			{
				name: 'Collect',
				parameters: invoiceAndCollect({
					options: { paymentFailures: 'returnRow', failedPaymentAction: 'void' },
				}),
			},
		);

		expect(result.error).toBeUndefined();
		const row = result.output('Collect')![0].json;
		expect(row).toMatchObject({
			status: 'requires_action',
			invoiceStatus: 'open',
			paid: false,
			failedStep: 'payInvoice',
			paymentError: { code: 'invoice_payment_intent_requires_action', type: 'card_error', httpStatus: 402 },
		});
		expect(row.hostedInvoiceUrl).toMatch(/^https:\/\//);
		expect(row.stepsCompleted).toEqual(['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice']);
	});

	test('a decline returned as a row, with the invoice voided as configured', async () => {
		const account = world.account();

		const result = await account.run(
			[
				{
					customer: account.customer('pm_card_chargeDeclinedInsufficientFunds'),
					amount: 4000,
					currency: 'usd',
				},
			],
			{
				name: 'Collect',
				parameters: invoiceAndCollect({
					options: { paymentFailures: 'returnRow', failedPaymentAction: 'void' },
				}),
			},
		);

		const row = result.output('Collect')![0].json;
		expect(row).toMatchObject({
			status: 'payment_failed',
			invoiceStatus: 'void',
			paid: false,
			declineCode: 'insufficient_funds',
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'voidInvoice'],
		});
		const invoice = await account.sdk.invoices.retrieve(String(row.invoiceId));
		expect(invoice.status).toBe('void');
	});

	test('by default a decline stops the run, after marking the invoice uncollectible when asked', async () => {
		const account = world.account();

		const result = await account.run(
			[{ customer: account.customer('pm_card_chargeDeclined'), amount: 4000, currency: 'usd' }],
			{
				name: 'Collect',
				parameters: invoiceAndCollect({ options: { failedPaymentAction: 'markUncollectible' } }),
			},
		);

		expect(result.error?.message).toBe('Your card was declined. [item 0]');
		expect(result.error?.context?.partialResult).toMatchObject({
			status: 'uncollectible',
			failedStep: 'payInvoice',
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'markUncollectible'],
		});
	});

	test('Pay returns a decline as a row with the decline code and the hosted URL', async () => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclinedInsufficientFunds');
		const invoice = await account.sdk.invoices.create({ customer, currency: 'usd' });
		await account.sdk.invoiceItems.create({ customer, invoice: invoice.id, amount: 800, currency: 'usd' });

		const result = await account.run([{ invoiceId: invoice.id }], {
			name: 'Pay',
			parameters: payInvoice({ options: { paymentFailures: 'returnRow' } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Pay')![0].json).toMatchObject({
			id: invoice.id,
			status: 'payment_failed',
			invoiceStatus: 'open',
			paid: false,
			declineCode: 'insufficient_funds',
			hostedInvoiceUrl: expect.stringMatching(/^https:\/\//),
			paymentError: { message: 'Your card has insufficient funds.', code: 'card_declined' },
		});
	});

	test('with Simplify off the row also carries the full Stripe invoice', async () => {
		const account = world.account();

		const result = await account.run([{ customer: account.customer(), amount: 100, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ simplify: false, customer: byId('={{ $json.customer }}') }),
		});

		const row = result.output('Collect')![0].json;
		expect(row).toMatchObject({
			paid: true,
			invoice: { object: 'invoice', status: 'paid', amount_paid: 100 },
		});
	});
});
