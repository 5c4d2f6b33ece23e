import { STRIPE_API_VERSION } from '../../nodes/shared/transport/apiVersion';
import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

describe('Invoice & Collect through the n8n engine', () => {
	test('bills one row: draft → line → finalize → pay, and reports the paid invoice', async () => {
		const account = world.account();
		const customer = account.customer('pm_card_visa');

		const result = await account.run(
			[{ customer, amount: 1999, currency: 'USD', description: 'Pro plan, May' }],
			{ name: 'Collect', parameters: invoiceAndCollect() },
		);

		expect(result.error).toBeUndefined();
		const [row] = result.output('Collect')!;
		expect(row.pairedItem).toEqual({ item: 0 });
		expect(row.json).toMatchObject({
			status: 'paid',
			paid: true,
			customer,
			amountDue: 1999,
			amountPaid: 1999,
			amountRemaining: 0,
			currency: 'usd',
			livemode: false,
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'payInvoice'],
		});
		expect(row.json.invoiceId).toMatch(/^in_/);
		expect(row.json.number).toEqual(expect.any(String));
		expect(row.json.hostedInvoiceUrl).toEqual(expect.stringMatching(/^https:\/\//));

		const invoice = await account.sdk.invoices.retrieve(String(row.json.invoiceId));
		expect(invoice.status).toBe('paid');
		expect(invoice.lines.data.map((line) => [line.amount, line.description])).toEqual([
			[1999, 'Pro plan, May'],
		]);
		expect(world.emulator().charges(account.key)).toEqual([
			expect.objectContaining({ invoice: invoice.id, amount: 1999, currency: 'usd', status: 'succeeded' }),
		]);
	});

	test('sends four form-encoded POSTs, each with its own Idempotency-Key and the pinned Stripe-Version', async () => {
		const account = world.account();
		const customer = account.customer();

		await account.run([{ customer, amount: 500, currency: 'eur', description: 'Top-up' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({
				options: { metadata: { entries: [{ key: 'order', value: 'A-17' }] } },
			}),
		});

		const requests = account.requests();
		expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/invoices',
			'POST /v1/invoiceitems',
			expect.stringMatching(/^POST \/v1\/invoices\/in_\w+\/finalize$/),
			expect.stringMatching(/^POST \/v1\/invoices\/in_\w+\/pay$/),
		]);
		for (const request of requests) {
			expect(request.headers.stripeVersion).toBe(STRIPE_API_VERSION);
			expect(request.headers.contentType).toContain('application/x-www-form-urlencoded');
			expect(request.headers.idempotencyKey).toMatch(/^n8n-[0-9a-f-]{36}$/);
		}
		expect(new Set(requests.map((r) => r.headers.idempotencyKey)).size).toBe(4);
		expect(requests[0].rawBody).toContain('metadata%5Border%5D=A-17');
		expect(requests[0].params).toMatchObject({
			customer,
			currency: 'eur',
			auto_advance: 'false',
			pending_invoice_items_behavior: 'exclude',
		});
		expect(requests[1].params).toMatchObject({
			customer,
			amount: '500',
			currency: 'eur',
			description: 'Top-up',
		});
	});

	test('a zero amount settles as paid on finalize without calling pay', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer, amount: 0, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect(),
		});

		expect(result.output('Collect')![0].json).toMatchObject({
			status: 'paid',
			paid: true,
			amountDue: 0,
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice'],
		});
		expect(account.requests().some((r) => r.path.endsWith('/pay'))).toBe(false);
	});

	test('a named payment method overrides the customer default', async () => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclined');

		const result = await account.run([{ customer, amount: 700, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { paymentMethod: 'pm_card_visa' } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Collect')![0].json).toMatchObject({ status: 'paid', paid: true });
		const pay = account.requests().find((r) => r.path.endsWith('/pay'))!;
		expect(pay.params).toEqual({ payment_method: 'pm_card_visa' });
	});
});
