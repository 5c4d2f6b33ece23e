import type { INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

const collect = (options: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options }),
	continueOnFail: true,
});

function rows(account: TestAccount, count: number, prefix: string) {
	return Array.from({ length: count }, (_, i) => ({
		customer: account.customer(),
		amount: 700 + i,
		currency: 'usd',
		ref: `${prefix}-${i}`,
	}));
}

function expectExactlyOnce(account: TestAccount, count: number) {
	const ledger = world.emulator().ledger(account.key);
	expect(ledger.duplicateReferences).toEqual([]);
	expect(ledger.invoicesChargedTwice).toEqual([]);
	expect(ledger.invoiceCount).toBe(count);
	expect(ledger.succeededCharges).toBe(count);
}

// Stripe's search lags writes: under a minute normally, up to an hour in outages. Within that
// window a re-run's lookup finds nothing, and the deterministic Idempotency-Keys must carry it.
describe.each([0, 60, 3600])('with search %i s behind writes', (lagSeconds) => {
	beforeEach(() => world.emulator().setSearchLag(lagSeconds));
	afterEach(() => world.emulator().setSearchLag(0));

	test('a re-run at once bills nothing again and reports every row as already paid', async () => {
		const account = world.account();
		const batch = rows(account, 12, `lag${lagSeconds}`);
		const first = await account.run(batch, collect());

		const again = await account.run(batch, collect());

		const output = again.output('Collect')!;
		expect(output.map((item) => item.json.invoiceId)).toEqual(
			first.output('Collect')!.map((item) => item.json.invoiceId),
		);
		expect(output.every((item) => item.json.paid === true && item.json.alreadyPaid === true)).toBe(true);
		if (lagSeconds > 0) {
			// Nothing found: every step was answered from Stripe's idempotency store.
			expect(output[0].json).toMatchObject({ resumedFrom: null, stepsCompleted: [], replayed: true });
			expect(output[0].json.stepsReplayed).toEqual([
				'createDraftInvoice',
				'addInvoiceItem',
				'finalizeInvoice',
				'payInvoice',
			]);
		} else {
			expect(output[0].json).toMatchObject({ resumedFrom: 'paid', stepsCompleted: [] });
		}
		expectExactlyOnce(account, 12);
	});

	test('a run that lost the answers to its payments, re-run at once, charges each invoice exactly once', async () => {
		const account = world.account();
		const batch = rows(account, 6, `stop${lagSeconds}`);
		const emulator = world.emulator();
		const fault = emulator.addFault({
			method: 'POST',
			path: '/v1/invoices/*/pay',
			action: 'drop_after_commit',
			apiKey: account.key,
			every: true,
			times: 3,
		});
		const first = await account.run(batch, collect({ maxAttempts: 1, concurrency: 1 }));
		fault.remove();
		expect(first.output('Collect')!.filter((item) => item.json.error)).toHaveLength(3);

		const again = await account.run(batch, collect());

		expect(again.output('Collect')!.every((item) => item.json.paid === true)).toBe(true);
		expect(again.output('Collect')!.map((item) => item.json.invoiceId)).toEqual(
			// A failed row's output still names its invoice (the partial result).
			first.output('Collect')!.map((item) => item.json.invoiceId),
		);
		expectExactlyOnce(account, 6);
	});
});
