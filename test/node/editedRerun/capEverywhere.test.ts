// Defect 2: Max Amount per Row bounds what is billed or charged, as Stripe computes it, on every
// path: an item's resulting unit amount × quantity (a new quantity or price alone included), and
// an invoice's amount due with the customer's balance, checked before the money moves. An empty,
// non-numeric or $fromAI cap is an error, never "no cap".
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import type Stripe from 'stripe';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect, payInvoice } from '../params';
import { draftWithLine, invoiceItemOp, mark, summary, writesSince } from '../safety/helpers';

const world = useStripeWorld();

const charged = (account: TestAccount) =>
	world
		.emulator()
		.charges(account.key)
		.filter((charge) => charge.status === 'succeeded')
		.map((charge) => charge.amount);

async function customerOwing(account: TestAccount, balance: number) {
	const customer = account.customer();
	await account.sdk.customers.update(customer, { balance });
	return customer;
}

async function priceOf(account: TestAccount, unitAmount: number) {
	const price = await account.sdk.prices.create({
		currency: 'usd',
		unit_amount: unitAmount,
		product_data: { name: `Unit of ${unitAmount}` },
	});
	return price.id;
}

const collect = (options: INodeParameters, fields: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ options, ...fields }),
	continueOnFail: true,
});

const errorOf = (json: IDataObject) => json.error as IDataObject | undefined;

describe('Invoice Item Update: what the item will bill is capped, whatever field changes it', () => {
	async function itemOf(account: TestAccount, unit: number, quantity: number) {
		const customer = account.customer();
		return await account.sdk.invoiceItems.create({
			customer,
			currency: 'usd',
			// On the wire a decimal is text; the SDK's type wants its own Decimal class.
			unit_amount_decimal: String(unit) as unknown as Stripe.Decimal,
			quantity,
		});
	}

	test.each([
		['a new quantity alone (500 × 40)', { quantity: 40 }, 'the item total after the update is 20000'],
		['a new amount with a quantity', { amount: 600, quantity: 2 }, 'the item total after the update is 1200'],
	])('%s above the cap of 1000 is refused before any write', async (_name, updateFields, said) => {
		const account = world.account();
		const item = await itemOf(account, 500, 1);
		const since = mark(account);

		const result = await account.run([{ invoiceItemId: item.id }], {
			name: 'Update',
			parameters: invoiceItemOp('update', { updateFields, options: { maxAmount: 1000 } }),
			continueOnFail: true,
		});

		const json = result.output('Update')![0].json;
		expect(errorOf(json)).toMatchObject({ type: 'validation_error', param: 'Max Amount per Row' });
		expect(String(errorOf(json)!.message)).toContain(said);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect((await account.sdk.invoiceItems.retrieve(item.id)).amount).toBe(500);
	});

	test('a new price alone whose amount × the current quantity is above the cap is refused', async () => {
		const account = world.account();
		const item = await itemOf(account, 100, 3);
		const price = await priceOf(account, 5000);
		const since = mark(account);

		const result = await account.run([{ invoiceItemId: item.id }], {
			name: 'Update',
			parameters: invoiceItemOp('update', { updateFields: { priceId: price }, options: { maxAmount: 1000 } }),
			continueOnFail: true,
		});

		expect(String(errorOf(result.output('Update')![0].json)!.message)).toContain(
			'the item total after the update is 15000, above the cap of 1000',
		);
		expect(summary(writesSince(account, since))).toEqual([]);
	});

	test('a new quantity within the cap is written', async () => {
		const account = world.account();
		const item = await itemOf(account, 200, 1);

		const result = await account.run([{ invoiceItemId: item.id }], {
			name: 'Update',
			parameters: invoiceItemOp('update', { updateFields: { quantity: 4 }, options: { maxAmount: 1000 } }),
		});

		expect(result.error).toBeUndefined();
		expect((await account.sdk.invoiceItems.retrieve(item.id)).amount).toBe(800);
	});
});

describe('Invoice Item Create with a price: the price is read and capped, not refused blind', () => {
	test.each([
		[3, 900, true],
		[5, 1500, false],
	])('%i units of a 300 price (%i) under a cap of 1000: written %s', async (quantity, total, written) => {
		const account = world.account();
		const customer = account.customer();
		const price = await priceOf(account, 300);

		const result = await account.run([{ customer, invoiceId: '' }], {
			name: 'Item',
			parameters: createInvoiceItem({
				priceSource: 'price',
				priceId: price,
				additionalFields: { quantity },
				options: { maxAmount: 1000 },
			}),
			continueOnFail: true,
		});

		const json = result.output('Item')![0].json;
		const items = (await account.sdk.invoiceItems.list({ customer })).data;
		if (written) {
			expect(json).toMatchObject({ amount: total });
			expect(items).toHaveLength(1);
		} else {
			expect(String(errorOf(json)!.message)).toContain(`the item total is ${total}, above the cap of 1000`);
			expect(items).toHaveLength(0);
		}
	});
});

describe("Invoice & Collect: the cap bounds the amount due, with the customer's balance", () => {
	test('an amount equal to the cap for a customer who owes 40,000 is refused before any write', async () => {
		const account = world.account();
		const customer = await customerOwing(account, 40_000);
		const since = mark(account);

		const result = await account.run(
			[{ customer, amount: 1000, currency: 'usd' }],
			collect({ maxAmount: 1000 }),
		);

		const message = String(errorOf(result.output('Collect')![0].json)!.message);
		expect(message).toMatch(
			/^Max Amount per Row: the amount due \(the lines' 1000 and the customer's balance of 40000\) is 41000, above the cap of 1000 .*nothing was billed/,
		);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(charged(account)).toEqual([]);
	});

	test('the lines are billed too: 1500 with a 600 credit (900 due) is above a cap of 1000, refused with no call', async () => {
		const account = world.account();
		const customer = await customerOwing(account, -600);
		const since = mark(account);

		const result = await account.run(
			[{ customer, amount: 1500, currency: 'usd' }],
			collect({ maxAmount: 1000 }),
		);

		expect(String(errorOf(result.output('Collect')![0].json)!.message)).toMatch(
			/^Max Amount per Row: the invoice total is 1500, above the cap of 1000 /,
		);
		expect(account.requests().slice(since)).toEqual([]);
	});

	test('a credit is taken off what is charged: 1000 with a 300 credit charges 700 under a cap of 1000', async () => {
		const account = world.account();
		const customer = await customerOwing(account, -300);

		const result = await account.run(
			[{ customer, amount: 1000, currency: 'usd' }],
			collect({ maxAmount: 1000 }),
		);

		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, amountDue: 700 });
		expect(charged(account)).toEqual([700]);
	});

	test('a balance that grows after the lookup is caught on the finalized invoice, before the charge', async () => {
		const account = world.account();
		const customer = account.customer();
		// Row 0 bills 30 cents, below USD's minimum charge: Stripe settles it and puts the 30 on the
		// customer's balance, which row 1's invoice then carries (rows run one at a time).
		const rows = [
			{ customer, amount: 30, currency: 'usd', ref: 'tiny-1' },
			{ customer, amount: 1000, currency: 'usd', ref: 'capped-2' },
		];

		const result = await account.run(
			rows,
			collect({ maxAmount: 1000, concurrency: 1 }, { reference: '={{ $json.ref }}' }),
		);

		const [tiny, capped] = result.output('Collect')!.map((item) => item.json);
		expect(tiny).toMatchObject({ paid: true });
		expect(errorOf(capped)).toMatchObject({ param: 'Max Amount per Row' });
		expect(String(errorOf(capped)!.message)).toMatch(
			/^Max Amount per Row: the finalized invoice in_\w+ asks for 1030 \(with the customer's balance of 30\), above the cap of 1000; nothing was charged or sent/,
		);
		expect(capped).toMatchObject({ status: 'open', paid: false, failedStep: 'checkInvoice' });
		expect(capped.stepsCompleted).toEqual(['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice']);
		expect(charged(account)).toEqual([]);
	});
});

describe("Pay: a draft's amount due includes the customer's balance, and is checked once final", () => {
	test('a draft of 500 for a customer owing 40,000 is refused under a cap of 1000, nothing written', async () => {
		const account = world.account();
		const customer = await customerOwing(account, 40_000);
		const draft = await draftWithLine(account, customer);
		const since = mark(account);

		const result = await account.run([{ invoiceId: draft.id }], {
			name: 'Pay',
			parameters: payInvoice({ options: { maxAmount: 1000 } }),
			continueOnFail: true,
		});

		expect(String(errorOf(result.output('Pay')![0].json)!.message)).toMatch(
			/^Max Amount per Row: the invoice's amount due is 40500, above the cap of 1000 .*nothing was billed/,
		);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(charged(account)).toEqual([]);
	});

	test('a capped draft within the cap is finalized on its own (no automatic collection), then paid', async () => {
		const account = world.account();
		const customer = await customerOwing(account, 300);
		const draft = await draftWithLine(account, customer);
		const since = mark(account);

		const result = await account.run([{ invoiceId: draft.id }], {
			name: 'Pay',
			parameters: payInvoice({ options: { maxAmount: 1000 } }),
		});

		expect(result.output('Pay')![0].json).toMatchObject({ status: 'paid', amountPaid: 800 });
		expect(summary(writesSince(account, since))).toEqual([
			`POST /v1/invoices/${draft.id}/finalize`,
			`POST /v1/invoices/${draft.id}/pay`,
		]);
		expect(charged(account)).toEqual([800]);
	});
});

describe('the cap itself: set means a number, never "no cap", and never from the agent', () => {
	const run = async (account: TestAccount, maxAmount: unknown, row: IDataObject = {}) => {
		const customer = account.customer();
		const result = await account.run(
			[{ customer, amount: 5000, currency: 'usd', ...row }],
			collect({ maxAmount } as INodeParameters),
		);
		return result.output('Collect')![0].json;
	};

	test.each([
		['an expression that comes out empty', '={{ $json.cap }}', /^Max Amount per Row: must be /],
		['text', '={{ "lots" }}', /^Max Amount per Row: must be /],
		['a decimal written in cents', '={{ "4000.00" }}', /without a decimal point/],
		['an expression that comes out 0', '={{ 0 }}', /^Max Amount per Row: must be a whole number from 1/],
		['$fromAI', "={{ $fromAI('cap', 'the most to bill', 'number') }}", /may not be filled by an AI agent/],
	])('%s is refused before any call', async (_name, maxAmount, said) => {
		const account = world.account();
		const since = mark(account);

		const json = await run(account, maxAmount);

		expect(errorOf(json)).toMatchObject({ type: 'validation_error', param: 'Max Amount per Row' });
		expect(String(errorOf(json)!.message)).toMatch(said);
		expect(account.requests().slice(since)).toEqual([]);
		expect(charged(account)).toEqual([]);
	});

	test('a typed 0 still means no cap (the documented default)', async () => {
		const account = world.account();
		const json = await run(account, 0);
		expect(json).toMatchObject({ paid: true, amountPaid: 5000 });
	});
});
