import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { byId } from './params';

const world = useStripeWorld();

const DAY_MS = 86_400_000;

/** Parameters for an invoice operation that takes the invoice from the row's `invoiceId`. */
const onInvoice = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation,
	invoiceId: byId('={{ $json.invoiceId }}'),
	...fields,
});

const createInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'create',
	customer: byId('={{ $json.customer }}'),
	...fields,
});

const listInvoices = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'getMany',
	...fields,
});

const searchInvoices = (query: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'search',
	query,
	...fields,
});

async function draftInvoice(
	account: TestAccount,
	customer: string,
	{
		amount = 2500,
		collection_method = 'charge_automatically' as 'charge_automatically' | 'send_invoice',
	} = {},
) {
	const invoice = await account.sdk.invoices.create({
		customer,
		currency: 'usd',
		auto_advance: false,
		collection_method,
		...(collection_method === 'send_invoice' ? { days_until_due: 30 } : {}),
	});
	await account.sdk.invoiceItems.create({ customer, invoice: invoice.id, amount, currency: 'usd' });
	return invoice.id;
}

async function openInvoice(account: TestAccount, customer: string, amount = 2500) {
	const invoiceId = await draftInvoice(account, customer, { amount });
	await account.sdk.invoices.finalizeInvoice(invoiceId);
	return invoiceId;
}

const ids = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id as string).sort();

describe('Invoice: Create', () => {
	test('charge automatically: a draft with Stripe defaults, simplified', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer }], { name: 'Create', parameters: createInvoice() });

		expect(result.error).toBeUndefined();
		const output = result.output('Create')!;
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			status: 'draft',
			paid: false,
			customer,
			currency: 'usd',
			collectionMethod: 'charge_automatically',
			dueDate: null,
			total: 0,
			totalFormatted: '0.00 USD',
			metadata: {},
		});
		expect(output[0].json.id).toMatch(/^in_/);
		const request = account.requests().find((r) => r.method === 'POST' && r.path === '/v1/invoices')!;
		expect(request.params).toEqual({
			customer,
			collection_method: 'charge_automatically',
			auto_advance: 'false',
			pending_invoice_items_behavior: 'exclude',
		});
		const stored = await account.sdk.invoices.retrieve(String(output[0].json.id));
		expect(stored).toMatchObject({ status: 'draft', auto_advance: false, customer });
	});

	test('send invoice: Days Until Due sets the due date that many days after creation', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run([{ customer }], {
			name: 'Create',
			parameters: createInvoice({ collectionMethod: 'send_invoice', daysUntilDue: 14 }),
		});

		expect(result.error).toBeUndefined();
		const invoice = result.output('Create')![0].json;
		expect(invoice.collectionMethod).toBe('send_invoice');
		expect(Date.parse(String(invoice.dueDate)) - Date.parse(String(invoice.created))).toBe(14 * DAY_MS);
		expect(account.requests().at(-1)!.params).toMatchObject({
			collection_method: 'send_invoice',
			days_until_due: '14',
		});
		const stored = await account.sdk.invoices.retrieve(String(invoice.id));
		expect(stored.due_date).toBe(stored.created + 14 * 86_400);
	});

	test('additional fields: currency, description, footer, metadata, auto advance, and pending items included', async () => {
		const account = world.account();
		const customer = account.customer();
		const eurItem = await account.sdk.invoiceItems.create({ customer, amount: 700, currency: 'eur' });
		const usdItem = await account.sdk.invoiceItems.create({ customer, amount: 300, currency: 'usd' });

		const result = await account.run([{ customer }], {
			name: 'Create',
			parameters: createInvoice({
				additionalFields: {
					currency: 'EUR',
					description: 'November services',
					footer: 'Thank you',
					metadata: { entries: [{ key: 'order', value: 'A-17' }] },
					autoAdvance: true,
					pendingInvoiceItemsBehavior: 'include',
				},
				simplify: false,
			}),
		});

		expect(result.error).toBeUndefined();
		const invoice = result.output('Create')![0].json;
		expect(invoice).toMatchObject({
			object: 'invoice',
			status: 'draft',
			currency: 'eur',
			description: 'November services',
			footer: 'Thank you',
			metadata: { order: 'A-17' },
			auto_advance: true,
			total: 700,
		});
		expect(account.requests().at(-1)!.params).toMatchObject({
			currency: 'eur',
			auto_advance: 'true',
			pending_invoice_items_behavior: 'include',
			metadata: { order: 'A-17' },
		});
		// Only the pending item in the invoice's currency is pulled in.
		expect((await account.sdk.invoiceItems.retrieve(eurItem.id)).invoice).toBe(invoice.id);
		expect((await account.sdk.invoiceItems.retrieve(usdItem.id)).invoice).toBeNull();
	});

	test("an unknown customer fails with Stripe's message naming the row", async () => {
		const account = world.account();

		const result = await account.run([{ customer: 'cus_x' }], {
			name: 'Create',
			parameters: createInvoice(),
		});

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe("No such customer: 'cus_x' [item 0]");
		expect(result.error?.context?.stripe).toMatchObject({
			type: 'invalid_request_error',
			code: 'resource_missing',
			param: 'customer',
			httpStatus: 400,
		});
	});
});

describe('Invoice: Get', () => {
	test('simplified: status, paid flag and formatted amounts', async () => {
		const account = world.account();
		const customer = account.customer();
		const openId = await openInvoice(account, customer);
		const paidId = await openInvoice(account, customer, 4000);
		await account.sdk.invoices.pay(paidId);

		const result = await account.run([{ invoiceId: openId }, { invoiceId: paidId }], {
			name: 'Get',
			parameters: onInvoice('get'),
		});

		expect(result.error).toBeUndefined();
		const [open, paid] = result.output('Get')!.map((item) => item.json);
		expect(Object.keys(open).sort()).toEqual(
			[
				'id',
				'number',
				'status',
				'paid',
				'customer',
				'currency',
				'total',
				'amountDue',
				'amountPaid',
				'amountRemaining',
				'totalFormatted',
				'amountDueFormatted',
				'amountPaidFormatted',
				'amountRemainingFormatted',
				'collectionMethod',
				'dueDate',
				'description',
				'hostedInvoiceUrl',
				'invoicePdf',
				'created',
				'livemode',
				'metadata',
			].sort(),
		);
		expect(open).toMatchObject({
			id: openId,
			status: 'open',
			paid: false,
			customer,
			amountDue: 2500,
			amountDueFormatted: '25.00 USD',
			amountPaidFormatted: '0.00 USD',
			amountRemainingFormatted: '25.00 USD',
			livemode: false,
		});
		expect(open.number).toMatch(/-0001$/);
		expect(open.hostedInvoiceUrl).toMatch(/^https:\/\/invoice\.stripe\.com\//);
		expect(paid).toMatchObject({
			id: paidId,
			status: 'paid',
			paid: true,
			amountPaid: 4000,
			amountPaidFormatted: '40.00 USD',
			amountRemainingFormatted: '0.00 USD',
		});
		expect(result.output('Get')!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test("Simplify off returns Stripe's invoice object", async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = await draftInvoice(account, customer);

		const result = await account.run([{ invoiceId }], {
			name: 'Get',
			parameters: onInvoice('get', { simplify: false }),
		});

		const invoice = result.output('Get')![0].json;
		expect(invoice).toMatchObject({
			id: invoiceId,
			object: 'invoice',
			status: 'draft',
			customer,
			total: 2500,
			collection_method: 'charge_automatically',
		});
		expect(invoice).not.toHaveProperty('paid');
		expect(invoice).not.toHaveProperty('amountDueFormatted');
		expect(account.requests().at(-1)!.query).toEqual({});
	});

	test('Expand "customer" with Simplify off returns the customer object', async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = await draftInvoice(account, customer);

		const result = await account.run([{ invoiceId }], {
			name: 'Get',
			parameters: onInvoice('get', { simplify: false, options: { expand: 'customer' } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Get')![0].json.customer).toMatchObject({ id: customer, object: 'customer' });
		expect(account.requests().at(-1)!.query).toEqual({ expand: ['customer'] });
	});

	test('an unknown invoice fails with the 404 "No such invoice"', async () => {
		const account = world.account();

		const result = await account.run([{ invoiceId: 'in_x' }], {
			name: 'Get',
			parameters: onInvoice('get'),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Get')![0].json.error).toMatchObject({
			message: "No such invoice: 'in_x'",
			type: 'invalid_request_error',
			code: 'resource_missing',
			httpStatus: 404,
			itemIndex: 0,
		});
	});
});

describe('Invoice: Update', () => {
	test('changes draft fields; a metadata entry with an empty value removes that key', async () => {
		const account = world.account();
		const customer = account.customer();
		const invoice = await account.sdk.invoices.create({
			customer,
			currency: 'usd',
			metadata: { keep: 'yes', drop: 'me' },
		});

		const result = await account.run([{ invoiceId: invoice.id }], {
			name: 'Update',
			parameters: onInvoice('update', {
				updateFields: {
					description: 'Updated memo',
					footer: 'New footer',
					collectionMethod: 'send_invoice',
					daysUntilDue: 7,
					metadata: {
						entries: [
							{ key: 'drop', value: '' },
							{ key: 'added', value: '42' },
						],
					},
				},
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Update')![0].json).toMatchObject({
			id: invoice.id,
			status: 'draft',
			description: 'Updated memo',
			collectionMethod: 'send_invoice',
			metadata: { keep: 'yes', added: '42' },
		});
		const request = account.requests().at(-1)!;
		expect(request.path).toBe(`/v1/invoices/${invoice.id}`);
		expect(request.rawBody).toContain('metadata%5Bdrop%5D=&');
		expect(request.params).toMatchObject({ days_until_due: '7', metadata: { drop: '', added: '42' } });
		const stored = await account.sdk.invoices.retrieve(invoice.id);
		expect(stored).toMatchObject({ footer: 'New footer', metadata: { keep: 'yes', added: '42' } });
		expect(stored.due_date).toBe(stored.created + 7 * 86_400);
	});

	test("changing the description of a finalized invoice fails with Stripe's message", async () => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], {
			name: 'Update',
			parameters: onInvoice('update', { updateFields: { description: 'Too late' } }),
			continueOnFail: true,
		});

		expect(result.output('Update')![0].json.error).toMatchObject({
			message: "Finalized invoices can't be updated in this way",
			type: 'invalid_request_error',
			param: 'description',
			httpStatus: 400,
			itemIndex: 0,
		});
		expect((await account.sdk.invoices.retrieve(invoiceId)).description).toBeNull();
	});
});

describe('Invoice: Get Many', () => {
	test('filters by customer and status', async () => {
		const account = world.account();
		const customer = account.customer();
		const other = account.customer();
		const wanted = await openInvoice(account, customer);
		await draftInvoice(account, customer);
		await openInvoice(account, other);

		const result = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ filters: { customer, status: 'open' } }),
		});

		expect(result.error).toBeUndefined();
		const output = result.output('List')!;
		expect(output.map((item) => item.json.id)).toEqual([wanted]);
		expect(output[0].json).toMatchObject({ status: 'open', customer, amountDueFormatted: '25.00 USD' });
		expect(account.requests().at(-1)!.query).toEqual({ customer, status: 'open', limit: '50' });
	});

	test('Created After is sent as created[gte] and filters', async () => {
		const account = world.account();
		const customer = account.customer();
		const invoiceId = await draftInvoice(account, customer);
		const past = new Date(Date.now() - DAY_MS).toISOString();
		const future = new Date(Date.now() + DAY_MS).toISOString();

		const since = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ filters: { createdAfter: past } }),
		});
		const later = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ filters: { createdAfter: future } }),
		});

		expect(since.output('List')!.map((item) => item.json.id)).toEqual([invoiceId]);
		expect(later.error).toBeUndefined();
		expect(later.output('List')).toEqual([]);
		const lists = account.requests().filter((r) => r.method === 'GET' && r.path === '/v1/invoices');
		expect(lists.map((r) => r.query.created)).toEqual([
			{ gte: String(Math.floor(Date.parse(past) / 1000)) },
			{ gte: String(Math.floor(Date.parse(future) / 1000)) },
		]);
	});

	test('Return All pages through more than 100 invoices, each paired to the input row', async () => {
		const account = world.account();
		const customer = account.customer();
		const created: string[] = [];
		for (let index = 0; index < 105; index++) {
			created.push((await account.sdk.invoices.create({ customer, currency: 'usd' })).id);
		}

		const result = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ returnAll: true }),
		});

		expect(result.error).toBeUndefined();
		const output = result.output('List')!;
		expect(output).toHaveLength(105);
		expect(ids(output)).toEqual([...created].sort());
		expect(output.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 }))).toBe(
			true,
		);
		const pages = account.requests().filter((r) => r.method === 'GET' && r.path === '/v1/invoices');
		expect(pages).toHaveLength(2);
		expect(pages[0].query).toEqual({ limit: '100' });
		expect(pages[1].query).toEqual({ limit: '100', starting_after: output[99].json.id });
	});

	test('Limit 3 returns three invoices from one request', async () => {
		const account = world.account();
		const customer = account.customer();
		for (let index = 0; index < 5; index++) await account.sdk.invoices.create({ customer, currency: 'usd' });

		const result = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ returnAll: false, limit: 3 }),
		});

		const output = result.output('List')!;
		expect(output).toHaveLength(3);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		const pages = account.requests().filter((r) => r.method === 'GET' && r.path === '/v1/invoices');
		expect(pages.map((r) => r.query)).toEqual([{ limit: '3' }]);
	});

	test('a customer filter without the cus_ prefix is rejected before any call', async () => {
		const account = world.account();

		const result = await account.run([{}], {
			name: 'List',
			parameters: listInvoices({ filters: { customer: 'acct_123' } }),
		});

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(
			'Customer ID: must be a Stripe ID starting with "cus_", got "acct_123" [item 0]',
		);
		expect(result.error?.description).toBe('Nothing was sent to Stripe for item 0.');
		expect(account.requests()).toEqual([]);
	});
});

describe('Invoice: Search', () => {
	test("finds a customer's open invoices with Return All", async () => {
		const account = world.account();
		const customer = account.customer();
		const other = account.customer();
		const open1 = await openInvoice(account, customer);
		const open2 = await openInvoice(account, customer, 900);
		await draftInvoice(account, customer);
		await openInvoice(account, other);
		const query = `customer:'${customer}' AND status:'open'`;

		const result = await account.run([{ query }], {
			name: 'Search',
			parameters: searchInvoices('={{ $json.query }}', { returnAll: true }),
		});

		expect(result.error).toBeUndefined();
		const output = result.output('Search')!;
		expect(ids(output)).toEqual([open1, open2].sort());
		expect(output.every((item) => item.json.status === 'open' && item.json.customer === customer)).toBe(true);
		expect(account.requests().at(-1)).toMatchObject({
			path: '/v1/invoices/search',
			query: { query, limit: '100' },
		});
	});

	test("a malformed query surfaces Stripe's parse error", async () => {
		const account = world.account();

		const result = await account.run([{}], {
			name: 'Search',
			parameters: searchInvoices("status:'open"),
		});

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(
			'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields. The quoted value starting at position 7 is not closed. [item 0]',
		);
		expect(result.error?.context?.stripe).toMatchObject({ param: 'query', httpStatus: 400 });
	});
});

describe('Invoice: Send', () => {
	test('a send-invoice draft is finalized and becomes open', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer(), { collection_method: 'send_invoice' });

		const result = await account.run([{ invoiceId }], { name: 'Send', parameters: onInvoice('send') });

		expect(result.error).toBeUndefined();
		const invoice = result.output('Send')![0].json;
		expect(invoice).toMatchObject({
			id: invoiceId,
			status: 'open',
			paid: false,
			collectionMethod: 'send_invoice',
			amountDueFormatted: '25.00 USD',
		});
		expect(invoice.number).toMatch(/-0001$/);
		expect(account.requests().at(-1)).toMatchObject({
			method: 'POST',
			path: `/v1/invoices/${invoiceId}/send`,
		});
	});

	test('a charge-automatically invoice cannot be sent', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], { name: 'Send', parameters: onInvoice('send') });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(
			"You can only manually send an invoice if its collection method is 'send_invoice'. [item 0]",
		);
		expect((await account.sdk.invoices.retrieve(invoiceId)).status).toBe('draft');
	});
});

describe('Invoice: Void', () => {
	test('voids an open invoice', async () => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], { name: 'Void', parameters: onInvoice('void') });

		expect(result.error).toBeUndefined();
		expect(result.output('Void')![0].json).toMatchObject({ id: invoiceId, status: 'void', paid: false });
		expect((await account.sdk.invoices.retrieve(invoiceId)).status).toBe('void');
	});

	test('a draft cannot be voided', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], {
			name: 'Void',
			parameters: onInvoice('void'),
			continueOnFail: true,
		});

		expect(result.output('Void')![0].json.error).toMatchObject({
			message: "You can only pass in open invoices. This invoice isn't open.",
			type: 'invalid_request_error',
			httpStatus: 400,
			itemIndex: 0,
		});
	});
});

describe('Invoice: Mark Uncollectible', () => {
	test('marks an open invoice uncollectible; marking it again fails', async () => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());

		const result = await account.run(
			[{ invoiceId }],
			{ name: 'Mark', parameters: onInvoice('markUncollectible') },
			{
				name: 'Mark Again',
				parameters: onInvoice('markUncollectible', { invoiceId: byId('={{ $json.id }}') }),
			},
		);

		expect(result.output('Mark')![0].json).toMatchObject({ id: invoiceId, status: 'uncollectible' });
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe('This invoice has already been marked uncollectible. [item 0]');
		expect((await account.sdk.invoices.retrieve(invoiceId)).status).toBe('uncollectible');
	});
});

describe('Invoice: Delete', () => {
	test('deletes a draft', async () => {
		const account = world.account();
		const invoiceId = await draftInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], { name: 'Delete', parameters: onInvoice('delete') });

		expect(result.error).toBeUndefined();
		expect(result.output('Delete')![0].json).toEqual({ id: invoiceId, object: 'invoice', deleted: true });
		await expect(account.sdk.invoices.retrieve(invoiceId)).rejects.toMatchObject({ statusCode: 404 });
	});

	test('an open invoice cannot be deleted', async () => {
		const account = world.account();
		const invoiceId = await openInvoice(account, account.customer());

		const result = await account.run([{ invoiceId }], {
			name: 'Delete',
			parameters: onInvoice('delete'),
			continueOnFail: true,
		});

		expect(result.output('Delete')![0].json.error).toMatchObject({
			message: 'You can only delete draft invoices.',
			type: 'invalid_request_error',
			httpStatus: 400,
			itemIndex: 0,
		});
		expect((await account.sdk.invoices.retrieve(invoiceId)).status).toBe('open');
	});
});
