// Node-level faces of the emulator's refusals (what the user sees), and the hardening that lets
// the node refuse first: structured search, AI-agent limits, request size.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { byId, createInvoiceItem, invoiceAndCollect, payInvoice } from './params';

const world = useStripeWorld();

const writes = (account: TestAccount) =>
	account.requests().filter((r) => r.method === 'POST' || r.method === 'DELETE').length;

async function openInvoice(account: TestAccount, customer: string, amount = 1500): Promise<string> {
	await account.sdk.invoiceItems.create({ customer, amount, currency: 'usd' });
	const draft = await account.sdk.invoices.create({
		customer,
		pending_invoice_items_behavior: 'include',
		auto_advance: false,
	});
	return (await account.sdk.invoices.finalizeInvoice(draft.id, { auto_advance: false })).id;
}

async function defaultPaymentMethod(account: TestAccount, customer: string): Promise<string> {
	const found = await account.sdk.customers.retrieve(customer);
	return (found as { invoice_settings: { default_payment_method: string } }).invoice_settings
		.default_payment_method;
}

describe("Stripe's refusals reach the user as clear errors", () => {
	// Emulator item 1: a PaymentMethod of another customer (SDK: "must belong to the customer").
	test('paying with another customer’s payment method shows Stripe’s message, param and row', async () => {
		const account = world.account();
		const owner = account.customer();
		const other = account.customer();
		const invoiceId = await openInvoice(account, owner);
		const foreign = await defaultPaymentMethod(account, other);

		const result = await account.run([{ invoiceId }], {
			name: 'Pay',
			parameters: payInvoice({ options: { paymentMethod: foreign } }),
		});

		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(result.error?.context?.stripe).toMatchObject({ param: 'payment_method', httpStatus: 400 });
		expect(world.emulator().charges(account.key)).toHaveLength(0);
	});

	// Emulator item 2: unknown expand paths are 400 at Stripe; the user sees which path.
	test('an Expand path Stripe cannot expand is Stripe’s error, naming the path', async () => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());

		const result = await account.run([{}], {
			name: 'Get',
			parameters: {
				resource: 'invoice',
				operation: 'get',
				invoiceId: byId(invoiceId),
				options: { expand: 'bogus' },
			},
		});

		expect(result.error?.message).toBe('This property cannot be expanded (bogus). [item 0]');
	});

	// Emulator items 3, 5 and 6: the node refuses these first, so nothing is half-done.
	test.each<[string, INodeParameters, IDataObject, RegExp]>([
		[
			'51 metadata keys',
			invoiceAndCollect({
				options: {
					metadata: { entries: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
				},
			}),
			{},
			/^Metadata: has more than 50 keys/,
		],
		[
			'a past due date',
			invoiceAndCollect({ collectionMethod: 'send_invoice', options: { dueDate: '2020-01-01T00:00:00Z' } }),
			{},
			/^Due Date: must be in the future/,
		],
		[
			'lines adding up above the maximum',
			invoiceAndCollect({
				lineSource: 'json',
				linesJson: '={{ [{ "amount": 60000000 }, { "amount": 60000000 }] }}',
			}),
			{},
			/^Lines \(JSON\): add up to 120000000/,
		],
		[
			'a 501-character line description (Stripe refuses it after the draft exists)',
			invoiceAndCollect(),
			{ description: 'x'.repeat(501) },
			/^Description: must be at most 500 characters/,
		],
	])('%s is refused before any call', async (_name, parameters, extra, message) => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run(
			[{ customer, amount: 1000, currency: 'usd', description: 'ok', ...extra }],
			{ name: 'Collect', parameters },
		);

		expect(result.error?.message).toMatch(message);
		expect(writes(account)).toBe(0);
	});

	// Emulator item 9: a body over Stripe's size limit is 413; a description that large is text
	// no invoice can show, and the node refuses it first.
	test('a 5 MB description never reaches Stripe', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run(
			[{ customer, amount: 1000, currency: 'usd', description: 'x'.repeat(5e6) }],
			{
				name: 'Collect',
				parameters: invoiceAndCollect(),
			},
		);

		expect(result.error?.message).toMatch(/^Description: must be at most 500 characters/);
		expect(writes(account)).toBe(0);
	});
});

describe('Search By: Fields', () => {
	const search = (fields: INodeParameters): INodeParameters => ({
		resource: 'invoice',
		operation: 'search',
		searchBy: 'fields',
		searchFields: fields,
		returnAll: true,
	});

	test('a metadata value holding a quote stays one value: no other order’s invoice comes back', async () => {
		const account = world.account();
		const customer = account.customer();
		for (const order of ['A-1', 'A-2']) {
			await account.sdk.invoices.create({ customer, auto_advance: false, metadata: { order } });
		}

		const result = await account.run([{ order: "nope' OR status:'draft" }, { order: 'A-2' }], {
			name: 'Search',
			parameters: search({ metadata: { entries: [{ key: 'order', value: '={{ $json.order }}' }] } }),
		});

		expect(result.error).toBeUndefined();
		const found = result.output('Search')!;
		expect(found.map((item) => [item.pairedItem, (item.json.metadata as IDataObject).order])).toEqual([
			[{ item: 1 }, 'A-2'],
		]);
	});

	test('customer, status and total combine into one query', async () => {
		const account = world.account();
		const customer = account.customer();
		const other = account.customer();
		const wanted = await openInvoice(account, customer, 5000);
		await openInvoice(account, customer, 100);
		await openInvoice(account, other, 5000);

		const result = await account.run([{}], {
			name: 'Search',
			parameters: search({ customer, status: 'open', totalMin: 1000 }),
		});

		expect(result.output('Search')!.map((item) => item.json.id)).toEqual([wanted]);
		const sent = account.requests().find((r) => r.path === '/v1/invoices/search');
		expect(sent?.query.query).toBe(`customer:'${customer}' AND status:'open' AND total>=1000`);
	});

	test('no field is an error naming Search Fields', async () => {
		const account = world.account();
		const result = await account.run([{}], { name: 'Search', parameters: search({}) });
		expect(result.error?.message).toBe('Search Fields: add at least one field to search by [item 0]');
		expect(account.requests()).toHaveLength(0);
	});
});

describe('as an AI agent tool: limits the workflow author sets', () => {
	const fromAi = (key: string) => `={{ $fromAI('${key}', '', 'string') }}`;

	test('Max Amount per Row refuses an Invoice & Collect row above the cap, before any call', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run(
			[
				{ customer, amount: 900, currency: 'usd' },
				{ customer, amount: 5000, currency: 'usd' },
			],
			{ name: 'Collect', parameters: invoiceAndCollect({ options: { maxAmount: 1000 } }) },
		);

		expect(result.error?.message).toBe(
			"Max Amount per Row: the invoice total is 5000, above the cap of 1000 (amounts in the currency's smallest unit); nothing was billed. This node bills at most 1000 per row: a larger amount needs a person, or a higher cap set on the node [item 1]",
		);
		expect(writes(account)).toBe(0);
	});

	test("a refusal says what to change in its description too (n8n 1.85 hands a tool's model only the description)", async () => {
		const account = world.account();
		const customer = account.customer();
		const small = await openInvoice(account, customer, 500);
		const large = await openInvoice(account, customer, 5000);

		const collect = await account.run([{ customer, amount: 5000, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { maxAmount: 1000 } }),
		});
		const pay = await account.run([{ invoiceId: small }, { invoiceId: large }], {
			name: 'Pay',
			parameters: payInvoice({ options: { maxAmount: 1000 } }),
		});
		const settle = await account.run([{ invoiceId: small }], {
			name: 'Pay',
			parameters: payInvoice({ options: { forgive: fromAi('forgive') } }),
		});

		expect(collect.error?.description).toBe(
			"Max Amount per Row: the invoice total is 5000, above the cap of 1000 (amounts in the currency's smallest unit); nothing was billed. This node bills at most 1000 per row: a larger amount needs a person, or a higher cap set on the node (item 0).",
		);
		expect(pay.error?.description).toMatch(
			/^Max Amount per Row: the invoice's amount due is 5000, above the cap of 1000 .*needs a person.* \(item 1\)\.$/,
		);
		expect(settle.error?.description).toMatch(
			/^Forgive: may not be filled by an AI agent \(\$fromAI\); nothing was sent to Stripe\. .*needs a person.*"Let AI Choose Settlement".* \(item 0\)\.$/,
		);
	});

	test('Max Amount per Row counts unit amount × quantity on an invoice item', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer, amount: 400, currency: 'usd' }], {
			name: 'Item',
			parameters: createInvoiceItem({
				invoiceId: byId('={{ "" }}'),
				additionalFields: { quantity: 3 },
				options: { maxAmount: 1000 },
			}),
		});

		expect(result.error?.message).toBe(
			"Max Amount per Row: the item total is 1200, above the cap of 1000 (amounts in the currency's smallest unit); nothing was billed. This node bills at most 1000 per row: a larger amount needs a person, or a higher cap set on the node [item 0]",
		);
		expect(writes(account)).toBe(0);
	});

	test('Pay reads the amount due before any write and refuses an invoice above the cap', async () => {
		const account = world.account();
		const customer = account.customer();
		const small = await openInvoice(account, customer, 500);
		const large = await openInvoice(account, customer, 5000);
		const before = writes(account);

		const result = await account.run([{ invoiceId: small }, { invoiceId: large }], {
			name: 'Pay',
			parameters: payInvoice({ options: { maxAmount: 1000 } }),
		});

		expect(result.error?.message).toBe(
			"Max Amount per Row: the invoice's amount due is 5000, above the cap of 1000 (amounts in the currency's smallest unit); nothing was billed. This node bills at most 1000 per row: a larger amount needs a person, or a higher cap set on the node [item 1]",
		);
		expect(writes(account)).toBe(before);
	});

	test.each([
		['Paid Out of Band', { paidOutOfBand: fromAi('settle') }],
		['Forgive', { forgive: fromAi('forgive') }],
	])('%s filled by $fromAI is refused unless the author allows it', async (field, options) => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());
		const before = writes(account);

		const result = await account.run([{ invoiceId }], { name: 'Pay', parameters: payInvoice({ options }) });

		expect(result.error?.message).toBe(
			`${field}: may not be filled by an AI agent ($fromAI); nothing was sent to Stripe. Settling an invoice without a payment needs a person, or the workflow's author switching on "Let AI Choose Settlement" on this node [item 0]`,
		);
		expect(writes(account)).toBe(before);
	});

	test('If Payment Fails filled by $fromAI is refused on Invoice & Collect unless allowed', async () => {
		const account = world.account();
		const customer = account.customer();
		const parameters = (allow: boolean) =>
			invoiceAndCollect({ options: { failedPaymentAction: fromAi('onFailure'), allowAiSettlement: allow } });

		const refused = await account.run([{ customer, amount: 1000, currency: 'usd' }], {
			name: 'Collect',
			parameters: parameters(false),
		});

		expect(refused.error?.message).toMatch(/^If Payment Fails: may not be filled by an AI agent/);
		expect(writes(account)).toBe(0);
	});
});
