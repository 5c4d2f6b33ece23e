// Defect 6: everything the lookup phase learns is checked before any row writes. A Reference that
// names another order's invoice on row 11 stops the run before rows 0–10 are charged, exactly
// like a validation error; under continue-on-fail only that row fails.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { mark, summary, writesSince } from '../safety/helpers';

const world = useStripeWorld();

const collect = (options: INodeParameters = {}, continueOnFail = false) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options: { concurrency: 1, ...options } }),
	continueOnFail,
});

async function batchWithClashAt(
	account: TestAccount,
	clashAt: number,
	how: 'customer' | 'currency' | 'amount',
) {
	const customer = account.customer();
	const earlier = { customer, amount: 800, currency: 'usd', ref: `order-${clashAt}` };
	await account.run([earlier], collect());
	const rows: IDataObject[] = Array.from({ length: 12 }, (_, i) => ({
		customer,
		amount: 1000 + i,
		currency: 'usd',
		ref: `batch-row-${i}`,
	}));
	const changed = { customer: account.customer(), currency: 'eur', amount: 900 }[how];
	rows[clashAt] = { ...earlier, [how]: changed };
	return rows;
}

const charges = (account: TestAccount) =>
	world
		.emulator()
		.charges(account.key)
		.filter((charge) => charge.status === 'succeeded');

describe('a Reference clash the lookup finds stops the run before any row writes', () => {
	test.each([
		[
			'another customer',
			'customer' as const,
			/already names invoice in_\w+ \(paid\) with customer cus_\w+, not cus_\w+/,
		],
		['another currency', 'currency' as const, /with currency usd, not eur/],
		['another amount', 'amount' as const, /with lines that differ: it lacks 9\.00 USD and has 8\.00 USD/],
	])('row 11 names %s: the run stops at row 11 and nothing is written', async (_name, how, said) => {
		const account = world.account();
		const rows = await batchWithClashAt(account, 11, how);
		const paidBefore = charges(account).length;
		const since = mark(account);

		const result = await account.run(rows, collect());

		expect(result.run.status).toBe('error');
		expect(result.error?.message).toMatch(said);
		expect(result.error?.message).toMatch(/\[item 11\]$/);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(charges(account)).toHaveLength(paidBefore);
	});

	test('under continue-on-fail the clashing row is an error row and the other eleven are billed', async () => {
		const account = world.account();
		const rows = await batchWithClashAt(account, 11, 'customer');

		const result = await account.run(rows, collect({}, true));

		const out = result.output('Collect')!.map((item) => item.json);
		expect(out).toHaveLength(12);
		expect(out.slice(0, 11).every((json) => json.paid === true)).toBe(true);
		expect(out[11]).toMatchObject({ paid: false, failedStep: 'findByReference', invoiceId: null });
		expect((out[11].error as IDataObject).param).toBe('Reference');
	});
});
