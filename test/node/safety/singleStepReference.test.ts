// Class 10: "Reference (Idempotency)" on single write operations. One reference on rows with
// different parameters makes one object per row (not one object and two idempotency errors); a
// re-run replays them (replayed: true) and creates nothing; rows that are exact duplicates are a
// validation error; a payment retried with the same reference after a decline is tried afresh.
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, payInvoice } from '../params';
import { mark, openInvoice, summary, writesSince } from './helpers';

const world = useStripeWorld();

const itemStep = (continueOnFail = false) => ({
	name: 'Item',
	parameters: createInvoiceItem({
		additionalFields: { description: '={{ $json.description }}' },
		options: { reference: '={{ $json.ref }}' },
	}),
	continueOnFail,
});

async function itemsOf(account: TestAccount, customer: string) {
	return (await account.sdk.invoiceItems.list({ customer, limit: 100 })).data;
}

describe('Create Invoice Item: one reference on three rows', () => {
	test.each([
		['different descriptions', [100, 200, 300], ['usd', 'usd', 'usd'], ['Widget', 'Gadget', 'Setup fee']],
		['different currencies', [100, 100, 100], ['usd', 'eur', 'gbp'], ['Fee', 'Fee', 'Fee']],
	])(
		'with %s: three items, each row succeeds; a re-run creates nothing and reports replayed',
		async (_name, amounts, currencies, descriptions) => {
			const account = world.account();
			const customer = account.customer();
			const rows = amounts.map((amount, i) => ({
				customer,
				invoiceId: '',
				amount,
				currency: currencies[i],
				description: descriptions[i],
				ref: 'batch-7',
			}));

			const first = await account.run(rows, itemStep());

			expect(first.error?.message).toBeUndefined();
			const firstOut = first.output('Item')!;
			expect(firstOut).toHaveLength(3);
			expect(firstOut.map((item) => item.json.error)).toEqual([undefined, undefined, undefined]);
			expect(firstOut.map((item) => item.json.replayed === true)).toEqual([false, false, false]);
			expect(new Set(firstOut.map((item) => item.json.id)).size).toBe(3);
			expect(await itemsOf(account, customer)).toHaveLength(3);

			const since = mark(account);
			const second = await account.run(rows, itemStep());

			expect(second.error?.message).toBeUndefined();
			const secondOut = second.output('Item')!;
			expect(secondOut.map((item) => item.json.replayed)).toEqual([true, true, true]);
			expect(secondOut.map((item) => item.json.id)).toEqual(firstOut.map((item) => item.json.id));
			expect(await itemsOf(account, customer)).toHaveLength(3);
			// Whatever was sent on the re-run, nothing new exists.
			expect(writesSince(account, since).length).toBeLessThanOrEqual(3);
		},
	);

	test('under continue-on-fail, none of the three rows is an idempotency error', async () => {
		const account = world.account();
		const customer = account.customer();
		const rows = [100, 200, 300].map((amount, i) => ({
			customer,
			invoiceId: '',
			amount,
			currency: 'usd',
			description: `Line ${i}`,
			ref: 'cof-7',
		}));

		const result = await account.run(rows, itemStep(true));

		const errors = result
			.output('Item')!
			.map((item) => (item.json.error as IDataObject | undefined)?.message);
		expect(errors).toEqual([undefined, undefined, undefined]);
		expect(await itemsOf(account, customer)).toHaveLength(3);
	});

	test.each([
		['three identical rows', [0, 1, 2], [500, 500, 500]],
		['rows 0 and 2 identical, row 1 different', [0, 2], [500, 700, 500]],
		['rows 0 and 2 the same item at other amounts', [0, 2], [500, 700, 900]],
	])(
		'%s with one reference: validation error naming Reference and the rows, zero writes',
		async (_name, same, amounts) => {
			const account = world.account();
			const customer = account.customer();
			const rows = [0, 1, 2].map((i) => ({
				customer,
				invoiceId: '',
				amount: amounts[i],
				currency: 'usd',
				description: same.includes(i) ? 'Widget' : 'Gadget',
				ref: 'dup-ref',
			}));
			const since = mark(account);

			const result = await account.run(rows, itemStep());

			expect(result.run.status).toBe('error');
			const message = result.error?.message ?? '';
			expect(message).toMatch(/Reference/);
			const body = message.replace(/\s*\[item \d+\]$/, '');
			const named = same.filter((row) => new RegExp(`\\b${row}\\b`).test(body));
			expect(named.length).toBeGreaterThanOrEqual(2);
			expect(summary(writesSince(account, since))).toEqual([]);
			expect(await itemsOf(account, customer)).toHaveLength(0);
		},
	);
});

describe('Pay with a reference after a decline', () => {
	test.each([
		['the first run used the declining default card, the second gives a working card', undefined],
		['the first run named the declining card, the second a working one', 'pm_card_chargeDeclined'],
	])('%s: the second run pays', async (_name, firstCard) => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclined');
		const invoice = await openInvoice(account, customer);
		const row = { invoiceId: invoice.id };
		const options = { reference: 'pay-after-decline', paymentFailures: 'returnRow' };

		const first = await account.run([row], {
			name: 'Pay',
			parameters: payInvoice({ options: firstCard ? { ...options, paymentMethod: firstCard } : options }),
		});
		expect(first.error).toBeUndefined();
		expect(first.output('Pay')![0].json.paid).not.toBe(true);

		const second = await account.run([row], {
			name: 'Pay',
			parameters: payInvoice({ options: { ...options, paymentMethod: 'pm_card_visa' } }),
		});

		expect(second.error?.message).toBeUndefined();
		const json = second.output('Pay')![0].json;
		expect(json.error).toBeUndefined();
		expect(json).toMatchObject({ status: 'paid' });
		expect(json.replayed).not.toBe(true);
		expect((await account.sdk.invoices.retrieve(invoice.id)).status).toBe('paid');
		expect(
			world
				.emulator()
				.charges(account.key)
				.map((charge) => charge.status),
		).toEqual(['failed', 'succeeded']);
	});

	test('the same paid row run again with its reference is replayed, not charged twice', async () => {
		const account = world.account();
		const invoice = await openInvoice(account, account.customer());
		const step = { name: 'Pay', parameters: payInvoice({ options: { reference: 'pay-once' } }) };

		const first = await account.run([{ invoiceId: invoice.id }], step);
		const second = await account.run([{ invoiceId: invoice.id }], step);

		expect(first.output('Pay')![0].json).toMatchObject({ status: 'paid' });
		expect(second.error?.message).toBeUndefined();
		expect(second.output('Pay')![0].json).toMatchObject({ status: 'paid', replayed: true });
		expect(
			world
				.emulator()
				.charges(account.key)
				.filter((c) => c.status === 'succeeded'),
		).toHaveLength(1);
	});
});
