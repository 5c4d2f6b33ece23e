import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { byId } from './params';

const world = useStripeWorld();

/** Parameters for an invoice-item operation that takes the item from the row's `itemId`. */
const onItem = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoiceItem',
	operation,
	invoiceItemId: byId('={{ $json.itemId }}'),
	...fields,
});

const listItems = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoiceItem',
	operation: 'getMany',
	...fields,
});

async function pendingItem(account: TestAccount, customer: string, amount = 500, currency = 'usd') {
	return (await account.sdk.invoiceItems.create({ customer, amount, currency })).id;
}

/** An item on an invoice that has been finalized, so it can no longer change. */
async function finalizedItem(account: TestAccount, customer: string) {
	const invoice = await account.sdk.invoices.create({ customer, currency: 'usd', auto_advance: false });
	const item = await account.sdk.invoiceItems.create({
		customer,
		invoice: invoice.id,
		amount: 1000,
		currency: 'usd',
	});
	await account.sdk.invoices.finalizeInvoice(invoice.id);
	return { invoiceId: invoice.id, itemId: item.id };
}

const idsOf = (items: Array<{ json: IDataObject }>) => items.map((item) => item.json.id as string).sort();

describe('Invoice Item: Get', () => {
	test('simplified: amount, formatted amount, currency, quantity, invoice and price', async () => {
		const account = world.account();
		const customer = account.customer();
		const invoice = await account.sdk.invoices.create({ customer, currency: 'usd' });
		const price = await account.sdk.prices.create({
			currency: 'usd',
			unit_amount: 1250,
			product_data: { name: 'Seat' },
		});
		const item = await account.sdk.invoiceItems.create({
			customer,
			invoice: invoice.id,
			pricing: { price: price.id },
			quantity: 2,
			description: 'Seats',
		});

		const result = await account.run([{ itemId: item.id }], { name: 'Get', parameters: onItem('get') });

		expect(result.error).toBeUndefined();
		expect(result.output('Get')![0].json).toMatchObject({
			id: item.id,
			customer,
			invoice: invoice.id,
			description: 'Seats',
			amount: 2500,
			amountFormatted: '25.00 USD',
			currency: 'usd',
			quantity: 2,
			price: price.id,
			livemode: false,
			metadata: {},
		});
		expect(result.output('Get')![0].json).not.toHaveProperty('object');
		expect(account.requests().at(-1)).toMatchObject({ method: 'GET', path: `/v1/invoiceitems/${item.id}` });
	});

	test("Simplify off returns Stripe's invoice item object", async () => {
		const account = world.account();
		const itemId = await pendingItem(account, account.customer(), 300, 'jpy');

		const result = await account.run([{ itemId }], {
			name: 'Get',
			parameters: onItem('get', { simplify: false }),
		});

		expect(result.output('Get')![0].json).toMatchObject({
			id: itemId,
			object: 'invoiceitem',
			amount: 300,
			currency: 'jpy',
			invoice: null,
			pricing: { type: 'price_details' },
		});
	});

	test('an unknown item fails with the 404 message', async () => {
		const account = world.account();

		const result = await account.run([{ itemId: 'ii_x' }], { name: 'Get', parameters: onItem('get') });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe("No such Invoice Item: 'ii_x'(livemode=false) [item 0]");
		expect(result.error?.context?.stripe).toMatchObject({
			type: 'invalid_request_error',
			code: 'resource_missing',
			httpStatus: 404,
		});
	});
});

describe('Invoice Item: Update', () => {
	test('changes description, quantity (keeping the unit price) and metadata', async () => {
		const account = world.account();
		const customer = account.customer();
		const item = await account.sdk.invoiceItems.create({
			customer,
			amount: 500,
			currency: 'usd',
			metadata: { keep: '1', drop: '2' },
		});

		const result = await account.run([{ itemId: item.id }], {
			name: 'Update',
			parameters: onItem('update', {
				updateFields: {
					description: 'Renamed',
					quantity: 3,
					metadata: {
						entries: [
							{ key: 'drop', value: '' },
							{ key: 'added', value: 'yes' },
						],
					},
				},
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Update')![0].json).toMatchObject({
			id: item.id,
			description: 'Renamed',
			quantity: 3,
			amount: 1500,
			amountFormatted: '15.00 USD',
			metadata: { keep: '1', added: 'yes' },
		});
		const request = account.requests().at(-1)!;
		expect(request).toMatchObject({ method: 'POST', path: `/v1/invoiceitems/${item.id}` });
		expect(request.params).toEqual({
			description: 'Renamed',
			quantity: '3',
			metadata: { drop: '', added: 'yes' },
		});
	});

	test('major-unit amounts convert with the item currency: 12.5 USD → 1250, 500 JPY → 500', async () => {
		const account = world.account();
		const customer = account.customer();
		const usdItem = await pendingItem(account, customer, 100, 'usd');
		const jpyItem = await pendingItem(account, customer, 100, 'jpy');

		const result = await account.run(
			[
				{ itemId: usdItem, amount: 12.5 },
				{ itemId: jpyItem, amount: 500 },
			],
			{
				name: 'Update',
				parameters: onItem('update', {
					amountUnit: 'major',
					updateFields: { amount: '={{ $json.amount }}' },
				}),
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.output('Update')!.map((item) => item.json)).toMatchObject([
			{ id: usdItem, amount: 1250, amountFormatted: '12.50 USD', currency: 'usd' },
			{ id: jpyItem, amount: 500, amountFormatted: '500 JPY', currency: 'jpy' },
		]);
		const updates = account
			.requests()
			.filter((r) => r.method === 'POST' && r.path.startsWith('/v1/invoiceitems/'));
		expect(updates.map((r) => [r.path, r.params])).toEqual([
			[`/v1/invoiceitems/${usdItem}`, { amount: '1250' }],
			[`/v1/invoiceitems/${jpyItem}`, { amount: '500' }],
		]);
	});

	test('an item on a finalized invoice cannot be updated', async () => {
		const account = world.account();
		const { itemId } = await finalizedItem(account, account.customer());

		const result = await account.run([{ itemId }], {
			name: 'Update',
			parameters: onItem('update', { updateFields: { description: 'Too late' } }),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Update')![0].json.error).toMatchObject({
			message: 'Invalid invoice: This invoice is no longer editable',
			type: 'invalid_request_error',
			code: 'invoice_not_editable',
			httpStatus: 400,
			itemIndex: 0,
		});
		expect((await account.sdk.invoiceItems.retrieve(itemId)).description).toBeNull();
	});
});

describe('Invoice Item: Delete', () => {
	test('deletes a pending item', async () => {
		const account = world.account();
		const customer = account.customer();
		const itemId = await pendingItem(account, customer);

		const result = await account.run([{ itemId }], { name: 'Delete', parameters: onItem('delete') });

		expect(result.error).toBeUndefined();
		expect(result.output('Delete')![0].json).toEqual({ id: itemId, object: 'invoiceitem', deleted: true });
		expect((await account.sdk.invoiceItems.list({ customer, pending: true })).data).toEqual([]);
	});

	test('an item on a finalized invoice cannot be deleted', async () => {
		const account = world.account();
		const { itemId, invoiceId } = await finalizedItem(account, account.customer());

		const result = await account.run([{ itemId }], { name: 'Delete', parameters: onItem('delete') });

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe(
			"Can't delete an invoice item that is attached to an invoice that is no longer editable [item 0]",
		);
		expect((await account.sdk.invoiceItems.retrieve(itemId)).invoice).toBe(invoiceId);
	});
});

describe('Invoice Item: Get Many', () => {
	async function seed(account: TestAccount) {
		const customer = account.customer();
		const other = account.customer();
		const pending = [await pendingItem(account, customer, 100), await pendingItem(account, customer, 200)];
		const invoice = await account.sdk.invoices.create({ customer, currency: 'usd' });
		const invoiced = (
			await account.sdk.invoiceItems.create({ customer, invoice: invoice.id, amount: 300, currency: 'usd' })
		).id;
		const otherPending = await pendingItem(account, other, 400);
		return { customer, other, pending, invoiceId: invoice.id, invoiced, otherPending };
	}

	test('filters by customer with Pending Only on and off', async () => {
		const account = world.account();
		const seeded = await seed(account);

		const result = await account.run([{ customer: seeded.customer }], {
			name: 'Pending',
			parameters: listItems({ filters: { customer: '={{ $json.customer }}', pending: true } }),
		});
		const invoicedOnly = await account.run([{}], {
			name: 'Invoiced',
			parameters: listItems({ filters: { customer: seeded.customer, pending: false } }),
		});

		expect(result.error).toBeUndefined();
		expect(idsOf(result.output('Pending')!)).toEqual([...seeded.pending].sort());
		expect(result.output('Pending')!.every((item) => item.json.invoice === null)).toBe(true);
		expect(invoicedOnly.output('Invoiced')!.map((item) => item.json)).toMatchObject([
			{ id: seeded.invoiced, invoice: seeded.invoiceId, amount: 300 },
		]);
		const lists = account.requests().filter((r) => r.method === 'GET' && r.path === '/v1/invoiceitems');
		expect(lists.map((r) => r.query)).toEqual([
			{ customer: seeded.customer, pending: 'true', limit: '50' },
			{ customer: seeded.customer, pending: 'false', limit: '50' },
		]);
	});

	test('filters by invoice', async () => {
		const account = world.account();
		const seeded = await seed(account);

		const result = await account.run([{}], {
			name: 'List',
			parameters: listItems({ filters: { invoice: seeded.invoiceId } }),
		});

		expect(result.output('List')!.map((item) => item.json.id)).toEqual([seeded.invoiced]);
		expect(account.requests().at(-1)!.query).toEqual({ invoice: seeded.invoiceId, limit: '50' });
	});

	test('Return All pages past 100 items; Limit caps the result', async () => {
		const account = world.account();
		const customer = account.customer();
		const created: string[] = [];
		for (let index = 0; index < 102; index++) created.push(await pendingItem(account, customer, 100 + index));

		const all = await account.run([{}], { name: 'All', parameters: listItems({ returnAll: true }) });
		const some = await account.run([{}], {
			name: 'Some',
			parameters: listItems({ returnAll: false, limit: 2 }),
		});

		expect(all.error).toBeUndefined();
		expect(all.output('All')).toHaveLength(102);
		expect(idsOf(all.output('All')!)).toEqual([...created].sort());
		expect(new Set(all.output('All')!.map((item) => JSON.stringify(item.pairedItem)))).toEqual(
			new Set([JSON.stringify({ item: 0 })]),
		);
		// Newest first: a limit of 2 returns the two most recent items.
		expect(some.output('Some')!.map((item) => item.json.id)).toEqual([created[101], created[100]]);
		const lists = account.requests().filter((r) => r.method === 'GET' && r.path === '/v1/invoiceitems');
		expect(lists.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100', starting_after: all.output('All')![99].json.id },
			{ limit: '2' },
		]);
	});

	test('an invoice filter that is not an in_ ID is rejected before any call', async () => {
		const account = world.account();

		const result = await account.run([{}], {
			name: 'List',
			parameters: listItems({ filters: { invoice: 'ii_123' } }),
			continueOnFail: true,
		});

		expect(result.output('List')![0].json.error).toEqual({
			message: 'Invoice ID: must be a Stripe ID starting with "in_", got "ii_123"',
			type: 'validation_error',
			param: 'Invoice ID',
			itemIndex: 0,
		});
		expect(account.requests()).toEqual([]);
	});
});
