import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { byId, finalizeInvoice, invoiceAndCollect } from './params';

const world = useStripeWorld();

const collect = (fields: IDataObject = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', ...fields }),
});

/** A draft invoice made outside n8n (or by an interrupted run), tagged with a reference. */
async function taggedDraft(account: TestAccount, customer: string, ref: string, amount?: number) {
	const draft = await account.sdk.invoices.create({
		customer,
		currency: 'usd',
		auto_advance: false,
		pending_invoice_items_behavior: 'exclude',
		metadata: { n8n_reference: ref },
	});
	if (amount !== undefined) {
		await account.sdk.invoiceItems.create({ customer, invoice: draft.id, amount, currency: 'usd' });
	}
	return draft;
}

function invoicesWithReference(account: TestAccount, ref: string) {
	return world
		.emulator()
		.invoices(account.key)
		.filter((invoice) => (invoice.metadata as IDataObject)?.n8n_reference === ref);
}

describe('Invoice & Collect with a Reference', () => {
	test('tags the invoice and keys every write from the reference', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run(
			[{ customer, amount: 1500, currency: 'usd', ref: 'order-1' }],
			collect(),
		);

		expect(result.output('Collect')![0].json).toMatchObject({
			paid: true,
			reference: 'order-1',
			resumedFrom: null,
			alreadyPaid: false,
			stepsCompleted: ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'payInvoice'],
		});
		const requests = account.requests();
		// One consistent list lookup (never the lagging search API), then the four writes.
		// One search finds the reference whatever the customer's history (and whichever customer).
		expect(requests[0]).toMatchObject({
			method: 'GET',
			path: '/v1/invoices/search',
			query: { query: "metadata['n8n_reference']:'order-1'", limit: '100' },
		});
		const keys = requests.filter((r) => r.method === 'POST').map((r) => r.headers.idempotencyKey);
		const invoiceId = String(result.output('Collect')![0].json.invoiceId);
		expect(keys).toEqual([
			'n8n-ref:order-1:invoiceAndCollect:create',
			`n8n-ref:order-1:invoiceAndCollect:${invoiceId}:line:0`,
			`n8n-ref:order-1:invoiceAndCollect:${invoiceId}:finalize`,
			`n8n-ref:order-1:invoiceAndCollect:${invoiceId}:pay:first`,
		]);
		expect(invoicesWithReference(account, 'order-1')).toHaveLength(1);
	});

	test('a re-run bills nothing again and reports the row as already paid', async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer(), amount: 1000, currency: 'usd', ref: 'r-1' },
			{ customer: account.customer(), amount: 2000, currency: 'usd', ref: 'r-2' },
		];
		await account.run(rows, collect());

		const again = await account.run(rows, collect());

		expect(again.output('Collect')!.map((item) => [item.json.paid, item.json.alreadyPaid])).toEqual([
			[true, true],
			[true, true],
		]);
		expect(again.output('Collect')![0].json.stepsCompleted).toEqual([]);
		expect(world.emulator().charges(account.key)).toHaveLength(2);
		expect(world.emulator().invoices(account.key)).toHaveLength(2);
	});

	test('after Stripe has forgotten the keys (24 h), the lookup still finds the paid invoice', async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 4200, currency: 'usd', ref: 'order-old' };
		const first = await account.run([row], collect());
		world.emulator().forgetIdempotencyKeys();

		const later = await account.run([row], collect());

		expect(later.output('Collect')![0].json).toMatchObject({
			invoiceId: first.output('Collect')![0].json.invoiceId,
			alreadyPaid: true,
			stepsCompleted: [],
		});
		expect(world.emulator().charges(account.key)).toHaveLength(1);
		expect(world.emulator().invoices(account.key)).toHaveLength(1);
	});

	test.each([
		['a draft without lines', undefined, ['addInvoiceItem', 'finalizeInvoice', 'payInvoice']],
		['a draft with its line', 700, ['finalizeInvoice', 'payInvoice']],
	])('resumes %s found by reference, without any idempotency key', async (_name, lineAmount, steps) => {
		const account = world.account();
		const customer = account.customer();
		const draft = await taggedDraft(account, customer, 'order-7', lineAmount);

		const result = await account.run([{ customer, amount: 700, currency: 'usd', ref: 'order-7' }], collect());

		expect(result.output('Collect')![0].json).toMatchObject({
			invoiceId: draft.id,
			paid: true,
			amountPaid: 700,
			resumedFrom: 'draft',
			stepsCompleted: steps,
		});
		expect(invoicesWithReference(account, 'order-7')).toHaveLength(1);
	});

	test('resumes an open invoice by paying it', async () => {
		const account = world.account();
		const customer = account.customer();
		const draft = await taggedDraft(account, customer, 'order-8', 900);
		await account.sdk.invoices.finalizeInvoice(draft.id, { auto_advance: false });

		const result = await account.run([{ customer, amount: 900, currency: 'usd', ref: 'order-8' }], collect());

		expect(result.output('Collect')![0].json).toMatchObject({
			invoiceId: draft.id,
			status: 'paid',
			resumedFrom: 'open',
			stepsCompleted: ['payInvoice'],
		});
	});

	test('a void invoice for the reference is reported, never replaced by a second one', async () => {
		const account = world.account();
		const customer = account.customer();
		const draft = await taggedDraft(account, customer, 'order-9', 900);
		await account.sdk.invoices.finalizeInvoice(draft.id, { auto_advance: false });
		await account.sdk.invoices.voidInvoice(draft.id);

		const result = await account.run([{ customer, amount: 900, currency: 'usd', ref: 'order-9' }], collect());

		expect(result.output('Collect')![0].json).toMatchObject({
			invoiceId: draft.id,
			status: 'void',
			paid: false,
			resumedFrom: 'void',
			stepsCompleted: [],
		});
		expect(world.emulator().invoices(account.key)).toHaveLength(1);
		expect(world.emulator().charges(account.key)).toEqual([]);
	});

	test('a declined payment is tried afresh on a re-run, not answered from the stored decline', async () => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclined');
		const row = { customer, amount: 1200, currency: 'usd', ref: 'order-10' };
		const first = await account.run([row], collect({ options: { paymentFailures: 'returnRow' } }));
		expect(first.output('Collect')![0].json).toMatchObject({ status: 'payment_failed', paid: false });

		// The customer gave a working card; the same row is run again within Stripe's key window.
		const second = await account.run([row], collect({ options: { paymentMethod: 'pm_card_visa' } }));

		expect(second.output('Collect')![0].json).toMatchObject({
			invoiceId: first.output('Collect')![0].json.invoiceId,
			paid: true,
			resumedFrom: 'open',
			stepsCompleted: ['payInvoice'],
		});
		const charges = world.emulator().charges(account.key);
		expect(charges.map((charge) => charge.status)).toEqual(['failed', 'succeeded']);
	});

	test('rows of one batch sharing a reference are refused before any write, naming the rows', async () => {
		const account = world.account();
		const customer = account.customer();
		const row = { customer, amount: 2500, currency: 'usd', ref: 'dup-1' };

		const result = await account.run(
			[row, { ...row, ref: 'other' }, row],
			collect({ options: { concurrency: 3 } }),
		);

		expect(result.error?.message).toMatch(
			/^Reference: "dup-1" is used by rows 0, 2 of this batch.* \[item 2\]$/,
		);
		expect(account.requests().filter((r) => r.method === 'POST')).toHaveLength(0);
		expect(world.emulator().charges(account.key)).toHaveLength(0);
	});

	test('a reference already used for another amount stops the row before any write', async () => {
		const account = world.account();
		const customer = account.customer();
		await account.run([{ customer, amount: 1000, currency: 'usd', ref: 'order-11' }], collect());
		const writesBefore = account.requests().filter((r) => r.method === 'POST').length;

		const result = await account.run(
			[{ customer, amount: 1500, currency: 'usd', ref: 'order-11' }],
			collect(),
		);

		expect(result.error?.message).toMatch(
			/^Reference: "order-11" already names invoice in_\w+ \(paid\) with lines that differ: it lacks 15\.00 USD and has 10\.00 USD that the row does not ask for\. A reference names one billing event: to bill something else use a new reference; to change this one, edit or void in_\w+ in Stripe\. \[item 0\]$/,
		);
		expect(account.requests().filter((r) => r.method === 'POST')).toHaveLength(writesBefore);
	});

	test('the reference may not also be set by hand in Metadata', async () => {
		const account = world.account();
		const result = await account.run(
			[{ customer: account.customer(), amount: 100, currency: 'usd', ref: 'x' }],
			collect({ options: { metadata: { entries: [{ key: 'n8n_reference', value: 'y' }] } } }),
		);

		expect(result.error?.message).toBe(
			'Metadata: "n8n_reference" is set from the Reference field; remove it here [item 0]',
		);
		expect(account.requests()).toEqual([]);
	});
});

describe('Reference on single write operations', () => {
	test('finalizing twice with one reference returns the first result instead of failing', async () => {
		const account = world.account();
		const customer = account.customer();
		const draft = await taggedDraft(account, customer, 'unused', 500);
		const finalize = {
			name: 'Finalize',
			parameters: finalizeInvoice({ invoiceId: byId(draft.id), options: { reference: 'close-nov' } }),
		};

		const first = await account.run([{}], finalize);
		const second = await account.run([{}], finalize);
		const unkeyed = await account.run([{}], {
			...finalize,
			parameters: finalizeInvoice({ invoiceId: byId(draft.id) }),
		});

		expect(first.output('Finalize')![0].json.status).toBe('open');
		// The second run is answered from Stripe's idempotency store, and says so.
		expect(first.output('Finalize')![0].json.replayed).toBe(false);
		expect(second.output('Finalize')![0].json).toEqual({
			...first.output('Finalize')![0].json,
			replayed: true,
		});
		expect(unkeyed.error?.message).toContain('already finalized');
		const keys = account
			.requests()
			.filter((r) => r.path.endsWith('/finalize'))
			.map((r) => r.headers.idempotencyKey);
		expect(keys[0]).toMatch(
			new RegExp(`^n8n-ref:close-nov:invoice\\.finalize:/v1/invoices/${draft.id}/finalize:[0-9a-f]{20}$`),
		);
		expect(keys[1]).toBe(keys[0]);
	});
});
