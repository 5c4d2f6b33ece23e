// Defect 7: references that look identical are one order. A Reference is read in Unicode NFC
// without surrounding spaces, and one with a character nobody can see (zero-width space, no-break
// space, a control or bidi character) is refused before any call. And no two distinct references
// share a key: a reference spelled like the key's own hashed form is still another order.
import { createHash } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { referenceIdempotencyKey } from '../../../nodes/shared/transport/idempotencyKey';
import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';

const world = useStripeWorld();

const collect = {
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}' }),
	continueOnFail: true,
};

const paidInvoices = (account: TestAccount) =>
	world
		.emulator()
		.invoices(account.key)
		.filter((invoice) => invoice.status === 'paid');

describe('two spellings of one reference are one order', () => {
	test.each([
		['composed and decomposed é', 'Café-1001'.normalize('NFC'), 'Café-1001'.normalize('NFD')],
		['a trailing space', 'order-1001', 'order-1001 '],
		['Ångström in three spellings', 'Ångström-7'.normalize('NFC'), 'A\u030Angstro\u0308m-7'],
	])('%s: the second run is reported paid, one invoice in all', async (_name, first, second) => {
		const account = world.account();
		const customer = account.customer();
		const row = (ref: string) => ({ customer, amount: 1200, currency: 'usd', ref });

		await account.run([row(first)], collect);
		const again = await account.run([row(second)], collect);

		expect(again.output('Collect')![0].json).toMatchObject({
			paid: true,
			alreadyPaid: true,
			reference: first,
		});
		expect(paidInvoices(account)).toHaveLength(1);
	});
});

describe('a reference with a character nobody can see is refused before any call', () => {
	test.each([
		['a zero-width space', 'order-1001\u200B', 'U+200B'],
		['a no-break space', 'order\u00A01001', 'U+00A0'],
		['a right-to-left override', 'order-\u202E1001', 'U+202E'],
		['a tab', 'order\t1001', 'U+0009'],
		['a byte order mark', '\uFEFForder-1001', 'U+FEFF'],
	])('%s', async (_name, ref, code) => {
		const account = world.account();
		const before = account.requests().length;

		const result = await account.run(
			[{ customer: account.customer(), amount: 1200, currency: 'usd', ref }],
			collect,
		);

		const error = result.output('Collect')![0].json.error as IDataObject;
		expect(error).toMatchObject({ type: 'validation_error', param: 'Reference' });
		expect(String(error.message)).toContain(`invisible or control character (${code})`);
		expect(account.requests()).toHaveLength(before);
	});
});

describe('distinct references never share a key', () => {
	const hashed = (reference: string) => createHash('sha256').update(reference, 'utf8').digest('hex');

	test("a reference spelled like another's hashed form bills its own invoice", async () => {
		const account = world.account();
		const [alice, bob] = [account.customer(), account.customer()];
		const unicode = 'Bestellung Müller 7';

		await account.run([{ customer: alice, amount: 1200, currency: 'usd', ref: unicode }], collect);
		const lookalike = await account.run(
			[{ customer: bob, amount: 700, currency: 'usd', ref: `sha256-${hashed(unicode)}` }],
			collect,
		);

		expect(lookalike.output('Collect')![0].json).toMatchObject({
			paid: true,
			alreadyPaid: false,
			amountPaid: 700,
		});
		expect(paidInvoices(account)).toHaveLength(2);
	});

	test.each([
		[
			'a hashed reference and its digest written out',
			'Bestellung Müller 7',
			`~${hashed('Bestellung Müller 7')}`,
		],
		['a colon inside the reference', 'a:invoice.create', 'a'],
		['a long reference and its first 255 characters', 'x'.repeat(300), 'x'.repeat(255)],
	])('%s give different keys', (_name, a, b) => {
		const keyOf = (reference: string) =>
			referenceIdempotencyKey(reference, 'invoice.create', ['/v1/invoices']);
		const tail = (reference: string) =>
			referenceIdempotencyKey(
				reference,
				reference === 'a' ? 'invoice.create:invoice.create' : 'invoice.create',
				['/v1/invoices'],
			);
		expect(keyOf(a)).not.toBe(keyOf(b));
		expect(keyOf(a)).not.toBe(tail(b));
		expect(keyOf(a).length).toBeLessThanOrEqual(255);
	});
});
