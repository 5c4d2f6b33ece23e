import type { INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

const collect = (options: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options }),
});

const STEPS = [
	['createDraftInvoice', '/v1/invoices'],
	['addInvoiceItem', '/v1/invoiceitems'],
	['finalizeInvoice', '/v1/invoices/*/finalize'],
	['payInvoice', '/v1/invoices/*/pay'],
] as const;
const FAULTS = ['drop_after_commit', 'error_500', 'rate_limit_429'] as const;
// The emulator has no rate limit here; lift the node's 25/s test-mode cap to keep the suite quick.
const FAST = { maxRequestsPerSecond: 500 };
const MATRIX = STEPS.flatMap(([step, path]) => FAULTS.map((fault) => [step, fault, path] as const));

/** Exactly one invoice per reference, each paid by exactly one successful charge. */
function expectBilledOnce(account: TestAccount, references: string[]) {
	const ledger = world.emulator().ledger(account.key);
	for (const reference of references) {
		const invoices = ledger.invoicesByReference[reference] ?? [];
		expect({ reference, invoices: invoices.length }).toEqual({ reference, invoices: 1 });
		expect({ reference, status: invoices[0].status }).toEqual({ reference, status: 'paid' });
		expect({ reference, charges: ledger.successfulChargesByInvoice[invoices[0].id] }).toEqual({
			reference,
			charges: 1,
		});
	}
	expect(ledger.duplicateReferences).toEqual([]);
	expect(ledger.invoicesChargedTwice).toEqual([]);
	expect(ledger.succeededCharges).toBe(references.length);
	return ledger;
}

function rowsFor(account: TestAccount, count: number, prefix: string) {
	return Array.from({ length: count }, (_, index) => ({
		customer: account.customer(),
		amount: 1000 + index,
		currency: 'usd',
		ref: `${prefix}-${index}`,
	}));
}

describe('fault matrix: every Invoice & Collect step survives a fault once', () => {
	test.each(MATRIX)('%s answered by %s: paid, one invoice, one charge', async (step, fault, path) => {
		const account = world.account();
		const injected = world.emulator().addFault({ method: 'POST', path, action: fault, apiKey: account.key });
		const [row] = rowsFor(account, 1, `m-${step}-${fault}`);

		const result = await account.run([row], collect());

		expect(result.error).toBeUndefined();
		expect(injected.injected).toBe(1);
		expect(result.output('Collect')![0].json).toMatchObject({
			paid: true,
			status: 'paid',
			amountPaid: row.amount,
		});
		expect(result.output('Collect')![0].json.stepsCompleted).toContain(step);
		expectBilledOnce(account, [row.ref]);
		// The retry repeated the failed call's Idempotency-Key: Stripe saw one request, twice.
		const attempts = account.requests().filter((r) => r.method === 'POST' && r.path.match(pathPattern(path)));
		expect(attempts).toHaveLength(2);
		expect(attempts[1].headers.idempotencyKey).toBe(attempts[0].headers.idempotencyKey);
	});
});

function pathPattern(path: string): RegExp {
	return new RegExp(`^${path.replace(/\*/g, '[^/]+')}$`);
}

describe('retries give up after Max Attempts', () => {
	test('a call that keeps failing stops the row, naming the attempts, and charges nothing', async () => {
		const account = world.account();
		world.emulator().addFault({
			method: 'POST',
			path: '/v1/invoices/*/finalize',
			action: 'error_500',
			every: true,
			apiKey: account.key,
		});
		const [row] = rowsFor(account, 1, 'giveup');

		const result = await account.run([row], collect({ maxAttempts: 2 }));

		expect(result.error?.message).toBe('An unknown error occurred [item 0]');
		expect(result.error?.description).toContain('gave up after 2 attempts');
		expect(result.error?.context?.partialResult).toMatchObject({
			failedStep: 'finalizeInvoice',
			status: 'draft',
		});
		expect(account.requests().filter((r) => r.path.endsWith('/finalize'))).toHaveLength(2);
		expect(world.emulator().charges(account.key)).toEqual([]);
	});

	test('a card decline is never retried', async () => {
		const account = world.account();
		const row = {
			customer: account.customer('pm_card_chargeDeclined'),
			amount: 500,
			currency: 'usd',
			ref: 'd',
		};

		await account.run([row], collect());

		expect(account.requests().filter((r) => r.path.endsWith('/pay'))).toHaveLength(1);
	});
});

describe('a batch of 50 interrupted, then re-run in full', () => {
	test('payments answered by dropped connections: the re-run reports them paid and bills none twice', async () => {
		const account = world.account();
		const rows = rowsFor(account, 50, 'cut');
		// From the 20th payment on, Stripe charges but the answer never arrives: the worst case.
		const cut = world.emulator().addFault({
			method: 'POST',
			path: '/v1/invoices/*/pay',
			action: 'drop_after_commit',
			every: true,
			from: 20,
			apiKey: account.key,
		});

		const first = await account.run(rows, collect({ maxAttempts: 2, ...FAST }));

		expect(first.run.status).toBe('error');
		expect(first.error?.message).toMatch(/^Could not reach Stripe .*\[item \d+\]$/);
		cut.remove();
		const paidBefore = world.emulator().ledger(account.key).succeededCharges;
		expect(paidBefore).toBeGreaterThanOrEqual(20);
		expect(paidBefore).toBeLessThan(50);

		const second = await account.run(rows, collect(FAST));

		expect(second.error).toBeUndefined();
		const output = second.output('Collect')!;
		expect(output).toHaveLength(50);
		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(output.map((item) => item.json.reference)).toEqual(rows.map((row) => row.ref));
		expect(output.every((item) => item.json.paid === true)).toBe(true);
		expect(output.filter((item) => item.json.alreadyPaid === true)).toHaveLength(paidBefore);
		expectBilledOnce(
			account,
			rows.map((row) => row.ref),
		);
	});

	test('the connection to Stripe dies mid-batch: half-done invoices are resumed, none duplicated', async () => {
		const account = world.account();
		const rows = rowsFor(account, 50, 'crash');
		// After 23 requests every request is cut before Stripe sees it, as if the run was killed.
		const crash = world
			.emulator()
			.addFault({ path: /.*/, action: 'drop_before', every: true, from: 24, apiKey: account.key });

		const first = await account.run(rows, collect({ maxAttempts: 1, ...FAST }));

		expect(first.run.status).toBe('error');
		crash.remove();
		const statuses = world
			.emulator()
			.invoices(account.key)
			.map((invoice) => invoice.status);
		expect(statuses.length).toBeGreaterThan(0);
		expect(statuses).toContain('draft');

		const second = await account.run(rows, collect(FAST));

		expect(second.error).toBeUndefined();
		const output = second.output('Collect')!;
		expect(output).toHaveLength(50);
		expect(output.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
		expect(output.filter((item) => item.json.resumedFrom === 'draft').length).toBe(
			statuses.filter((status) => status === 'draft').length,
		);
		expectBilledOnce(
			account,
			rows.map((row) => row.ref),
		);
	});
});
