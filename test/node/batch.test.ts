import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

describe('batches of rows', () => {
	test('maps customer, amount, currency and description from upstream rows by expressions', async () => {
		const account = world.account();
		const rows = [
			{ order: { customerId: account.customer(), total: 1200, cur: 'usd' }, note: 'Order 1' },
			{ order: { customerId: account.customer(), total: 3400, cur: 'EUR' }, note: 'Order 2' },
			{ order: { customerId: account.customer(), total: 5000, cur: 'jpy' }, note: 'Order 3' },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect({
				customer: "={{ $('Rows').item.json.order.customerId }}",
				amount: '={{ $json.order.total }}',
				currency: '={{ $json.order.cur }}',
				description: '={{ $json.note + " via n8n" }}',
			}),
		});

		expect(result.error).toBeUndefined();
		const output = result.output('Collect')!;
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(
			output.map((item) => [item.json.customer, item.json.amountPaid, item.json.currency, item.json.paid]),
		).toEqual([
			[rows[0].order.customerId, 1200, 'usd', true],
			[rows[1].order.customerId, 3400, 'eur', true],
			[rows[2].order.customerId, 5000, 'jpy', true],
		]);
		const lines = account
			.requests()
			.filter((r) => r.path === '/v1/invoiceitems')
			.map((r) => r.params.description);
		expect(lines).toEqual(['Order 1 via n8n', 'Order 2 via n8n', 'Order 3 via n8n']);
	});

	test("continue-on-fail: a declined card becomes that row's error and the other rows are billed", async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer('pm_card_visa'), amount: 1000, currency: 'usd' },
			{
				customer: account.customer('pm_card_chargeDeclinedInsufficientFunds'),
				amount: 2000,
				currency: 'usd',
			},
			{ customer: account.customer('pm_card_visa'), amount: 3000, currency: 'usd' },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		const output = result.output('Collect')!;
		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json).toMatchObject({ paid: true, amountPaid: 1000 });
		expect(output[2].json).toMatchObject({ paid: true, amountPaid: 3000 });

		const failed = output[1].json;
		expect(failed).toMatchObject({
			status: 'open',
			paid: false,
			failedStep: 'payInvoice',
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice'],
			error: {
				message: 'Your card has insufficient funds.',
				type: 'card_error',
				code: 'card_declined',
				declineCode: 'insufficient_funds',
				httpStatus: 402,
				itemIndex: 1,
			},
		});
		expect(failed.invoiceId).toMatch(/^in_/);
		expect((failed.error as { requestId: string }).requestId).toMatch(/^req_/);
		const declinedInvoice = await account.sdk.invoices.retrieve(String(failed.invoiceId));
		expect(declinedInvoice.status).toBe('open');
	});

	test('without continue-on-fail, one row at a time, the run stops at the declined row and names it', async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer('pm_card_visa'), amount: 1000, currency: 'usd' },
			{ customer: account.customer('pm_card_chargeDeclined'), amount: 2000, currency: 'usd' },
			{ customer: account.customer('pm_card_visa'), amount: 3000, currency: 'usd' },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { concurrency: 1 } }),
		});

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe('Your card was declined. [item 1]');
		expect(result.error?.context).toMatchObject({
			itemIndex: 1,
			stripe: { code: 'card_declined', declineCode: 'generic_decline', type: 'card_error' },
			partialResult: { failedStep: 'payInvoice', status: 'open' },
		});
		expect(result.error?.description).toContain('decline code: generic_decline');
		// Row 0 was billed before the failure; row 2 was never started.
		const charges = world.emulator().charges(account.key);
		expect(charges.map((charge) => [charge.amount, charge.status])).toEqual([
			[1000, 'succeeded'],
			[2000, 'failed'],
		]);
	});

	test('without continue-on-fail, rows already running when one fails finish and the error lists them', async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer('pm_card_chargeDeclined'), amount: 1000, currency: 'usd' },
			{ customer: account.customer('pm_card_visa'), amount: 2000, currency: 'usd' },
			{ customer: account.customer('pm_card_visa'), amount: 3000, currency: 'usd' },
		];

		const result = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { concurrency: 3 } }),
		});

		expect(result.error?.message).toBe('Your card was declined. [item 0]');
		// All three started together; rows 1 and 2 were paid, and the error says so.
		expect(result.error?.description).toContain('already running completed at Stripe: 1, 2');
		const charges = world.emulator().charges(account.key);
		expect(charges.map((charge) => charge.status).sort()).toEqual(['failed', 'succeeded', 'succeeded']);
		// Every invoice was driven to its end: none left as a draft.
		expect(
			world
				.emulator()
				.invoices(account.key)
				.map((invoice) => invoice.status),
		).not.toContain('draft');
	});
});
