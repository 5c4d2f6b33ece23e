// Class 7: one Reference names one invoice. Two different rows with the same reference in one batch
// are a validation error naming both rows; across executions a re-run is reported as already paid,
// and a reference reused for another customer is a clash, never a second invoice or charge.
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { mark, summary, writesSince } from './helpers';

const world = useStripeWorld();

const collect = () => ({ name: 'Collect', parameters: invoiceAndCollect({ reference: '={{ $json.ref }}' }) });

async function invoicesFor(account: TestAccount, ref: string) {
	const { data } = await account.sdk.invoices.list({ limit: 100 });
	return data.filter((invoice) => invoice.metadata?.n8n_reference === ref);
}

describe('one reference on two different rows of one batch', () => {
	test.each([
		[
			'different amounts',
			(c: string) => [
				{ customer: c, amount: 1000, currency: 'usd', ref: 'ord-1' },
				{ customer: c, amount: 2000, currency: 'usd', ref: 'ord-2' },
				{ customer: c, amount: 1500, currency: 'usd', ref: 'ord-1' },
			],
		],
		[
			'different customers',
			(c: string, d: string) => [
				{ customer: c, amount: 1000, currency: 'usd', ref: 'ord-1' },
				{ customer: c, amount: 2000, currency: 'usd', ref: 'ord-2' },
				{ customer: d, amount: 1000, currency: 'usd', ref: 'ord-1' },
			],
		],
		[
			'different currencies',
			(c: string, d: string) => [
				{ customer: c, amount: 1000, currency: 'usd', ref: 'ord-1' },
				{ customer: d, amount: 2000, currency: 'usd', ref: 'ord-2' },
				{ customer: c, amount: 1000, currency: 'eur', ref: 'ord-1' },
			],
		],
	])(
		'rows 0 and 2 share "ord-1" with %s: error naming Reference and both rows, zero writes',
		async (_name, make) => {
			const account = world.account();
			const rows = make(account.customer(), account.customer());
			const since = mark(account);

			const result = await account.run(rows, collect());

			expect(result.run.status).toBe('error');
			const message = result.error?.message ?? '';
			expect(message).toMatch(/Reference/);
			expect(message).toContain('ord-1');
			// Both rows are named (as "item 0"/"item 2", "rows 0 and 2", ...), not only the later one.
			const body = message.replace(/\s*\[item \d+\]$/, '');
			expect(body).toMatch(/\b0\b/);
			expect(body).toMatch(/\b2\b/);
			expect(summary(writesSince(account, since))).toEqual([]);
			expect(world.emulator().invoices(account.key)).toEqual([]);
		},
	);
});

describe('one reference across executions', () => {
	test('the same row run again after the first run completed is reported already paid', async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 1200, currency: 'usd', ref: 'R-again' };
		const first = await account.run([row], collect());
		expect(first.output('Collect')![0].json).toMatchObject({ paid: true, alreadyPaid: false });

		const second = await account.run([row], collect());

		expect(second.error).toBeUndefined();
		expect(second.output('Collect')![0].json).toMatchObject({
			paid: true,
			alreadyPaid: true,
			invoiceId: first.output('Collect')![0].json.invoiceId,
		});
		expect(await invoicesFor(account, 'R-again')).toHaveLength(1);
		expect(world.emulator().charges(account.key)).toHaveLength(1);
	});

	test.each([
		['stops the run', false],
		['is an error row under continue-on-fail', true],
	])(
		'the same reference for a different customer in a later run %s: a clash, no second invoice',
		async (_name, continueOnFail) => {
			const account = world.account();
			const first = { customer: account.customer(), amount: 1200, currency: 'usd', ref: 'R-clash' };
			await account.run([first], collect());
			const other = { ...first, customer: account.customer() };

			const second = await account.run([other], { ...collect(), continueOnFail });

			const error = continueOnFail
				? ((second.output('Collect')![0].json.error ?? {}) as IDataObject)
				: { message: second.error?.message };
			expect(String(error.message ?? '')).toMatch(/Reference/);
			expect(String(error.message ?? '')).toContain('R-clash');
			if (!continueOnFail) expect(second.error?.message).toMatch(/\[item 0\]$/);
			else expect(second.output('Collect')![0].json.paid).not.toBe(true);
			const invoices = await account.sdk.invoices.list({ limit: 100 });
			expect(invoices.data).toHaveLength(1);
			expect(await invoicesFor(account, 'R-clash')).toHaveLength(1);
			expect(
				world
					.emulator()
					.charges(account.key)
					.filter((c) => c.status === 'succeeded'),
			).toHaveLength(1);
		},
	);

	test('the same reference for a different customer after Stripe forgot the keys: still a clash', async () => {
		const account = world.account();
		const first = { customer: account.customer(), amount: 800, currency: 'usd', ref: 'R-old' };
		await account.run([first], collect());
		world.emulator().forgetIdempotencyKeys();

		const second = await account.run([{ ...first, customer: account.customer() }], collect());

		expect(second.error?.message ?? '').toMatch(/Reference/);
		expect(await invoicesFor(account, 'R-old')).toHaveLength(1);
		expect((await account.sdk.invoices.list({ limit: 100 })).data).toHaveLength(1);
		expect(world.emulator().charges(account.key)).toHaveLength(1);
	});
});
