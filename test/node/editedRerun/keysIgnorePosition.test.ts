// Defect 1 of "exactly-once when a batch is edited and re-run": a row's idempotency keys depend only
// on what it asks Stripe to do (reference, operation, identity), never on its position or on the
// other rows. Each test runs a batch, edits it the way people edit sheets, runs it again, and
// checks that every item exists exactly once and that no row took over another's key.
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem } from '../params';
import { createInvoice } from '../safety/helpers';

const world = useStripeWorld();

interface Line {
	description: string;
	amount: number | string;
}

const itemStep = {
	name: 'Item',
	parameters: createInvoiceItem({
		additionalFields: { description: '={{ $json.description }}' },
		options: { reference: '={{ $json.ref }}' },
	}),
	continueOnFail: true,
};

const rowsFor = (customer: string, lines: Line[], ref = 'order-1001') =>
	lines.map((line) => ({ customer, invoiceId: '', currency: 'usd', ref, ...line }));

async function itemsOf(account: TestAccount, customer: string) {
	const items = (await account.sdk.invoiceItems.list({ customer, limit: 100 })).data;
	return items.map((item) => `${item.description}:${item.amount}`).sort();
}

async function runLines(account: TestAccount, customer: string, lines: Line[]) {
	const result = await account.run(rowsFor(customer, lines), itemStep);
	const out = result.output('Item')!.map((item) => item.json);
	return { out, errors: out.map((json) => (json.error as IDataObject | undefined)?.message) };
}

const widget = { description: 'Widget', amount: 2000 };
const setup = { description: 'Setup fee', amount: 500 };
const support = { description: 'Support', amount: 900 };

describe('Create Invoice Item rows sharing a Reference, re-run after an edit', () => {
	test.each([
		['a row added before the others', [widget, setup], [support, widget, setup]],
		['a row added after the others', [widget, setup], [widget, setup, support]],
		['a row removed', [widget, setup, support], [setup, support]],
		['two rows swapped', [widget, setup], [setup, widget]],
		['rows reversed with one added between', [widget, setup], [setup, support, widget]],
	])('%s: each item exists once; rows run before replay their own item', async (_name, first, second) => {
		const account = world.account();
		const customer = account.customer();

		const one = await runLines(account, customer, first);
		expect(one.errors.every((error) => error === undefined)).toBe(true);
		const idOf = new Map(one.out.map((json) => [json.description, json.id]));

		const two = await runLines(account, customer, second);

		expect(two.errors).toEqual(second.map(() => undefined));
		for (const json of two.out) {
			const before = idOf.get(json.description);
			// A row asked for before gets its own first result back, never another row's.
			if (before) expect(json).toMatchObject({ id: before, replayed: true });
			else expect(json.replayed).toBe(false);
		}
		const everyLine = [...new Set([...first, ...second])];
		expect(await itemsOf(account, customer)).toEqual(
			everyLine.map((l) => `${l.description}:${l.amount}`).sort(),
		);
	});

	test('a refused row fixed and the batch run again: the fixed row is billed once, the others replay', async () => {
		const account = world.account();
		const customer = account.customer();
		const broken = { description: 'Support', amount: '9.5' }; // refused: not a whole number of cents

		const one = await runLines(account, customer, [widget, broken, setup]);
		expect(one.errors[0]).toBeUndefined();
		expect(one.errors[1]).toMatch(/^Amount: /);
		expect(one.errors[2]).toBeUndefined();

		const two = await runLines(account, customer, [widget, support, setup]);

		expect(two.errors).toEqual([undefined, undefined, undefined]);
		expect(two.out.map((json) => json.replayed)).toEqual([true, false, true]);
		expect(await itemsOf(account, customer)).toEqual(['Setup fee:500', 'Support:900', 'Widget:2000']);
	});

	test("one row's amount changed: that row is an explained error, nothing is billed twice", async () => {
		const account = world.account();
		const customer = account.customer();
		await runLines(account, customer, [widget, setup]);

		const two = await runLines(account, customer, [{ ...widget, amount: 2500 }, setup]);

		// Stripe's own message and type, and what it means for the row.
		expect(two.out[0].error).toMatchObject({ type: 'idempotency_error', httpStatus: 400 });
		expect(two.errors[0]).toMatch(/^Keys for idempotent requests can only be used with the same parameters/);
		expect((two.out[0].error as IDataObject).hint).toMatch(
			/^Reference "order-1001" already made this request .* nothing was billed twice/,
		);
		expect(two.errors[1]).toBeUndefined();
		expect(two.out[1]).toMatchObject({ replayed: true });
		expect(await itemsOf(account, customer)).toEqual(['Setup fee:500', 'Widget:2000']);
	});
});

describe('Create Invoice rows sharing a Reference (one invoice per customer of an order)', () => {
	test('the rows swapped on a re-run replay their own invoices', async () => {
		const account = world.account();
		const [a, b] = [account.customer(), account.customer()];
		const step = {
			name: 'Invoice',
			parameters: createInvoice({ options: { reference: 'split-77' } }),
			continueOnFail: true,
		};

		const one = await account.run([{ customer: a }, { customer: b }], step);
		const two = await account.run([{ customer: b }, { customer: a }], step);

		const first = one.output('Invoice')!.map((item) => item.json);
		const second = two.output('Invoice')!.map((item) => item.json);
		expect(second.map((json) => json.error)).toEqual([undefined, undefined]);
		expect(second.map((json) => json.id)).toEqual([first[1].id, first[0].id]);
		expect((await account.sdk.invoices.list({ limit: 100 })).data).toHaveLength(2);
	});
});
