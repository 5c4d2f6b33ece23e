// Class 8: a half-done Invoice & Collect leaves a draft; someone deletes it by hand in the dashboard;
// the same row is run again. The re-run must either bill afresh (exactly one paid invoice for the
// reference) or fail with a message that says what happened (names the deleted invoice), never a bare
// "No such invoice" from replaying a stored create response.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';

const world = useStripeWorld();

const collect = (options: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options }),
});

function paidWithReference(account: TestAccount, ref: string) {
	return world
		.emulator()
		.invoices(account.key)
		.filter(
			(invoice) => (invoice.metadata as IDataObject)?.n8n_reference === ref && invoice.status === 'paid',
		);
}

/** Runs the row once with `path` failing (500, no retry), so the run stops after leaving a draft. */
async function halfDoneRun(account: TestAccount, row: IDataObject, path: string) {
	const fault = world
		.emulator()
		.addFault({ method: 'POST', path, action: 'error_500', every: true, apiKey: account.key });
	const first = await account.run([row], collect({ maxAttempts: 1 }));
	fault.remove();
	expect(first.run.status).toBe('error');
	const drafts = world
		.emulator()
		.invoices(account.key)
		.filter((invoice) => invoice.status === 'draft');
	expect(drafts).toHaveLength(1);
	return String(drafts[0].id);
}

describe('the draft of a half-done run was deleted by hand, then the row is run again', () => {
	test.each([
		['finalize failed (draft with its line)', '/v1/invoices/*/finalize'],
		['adding the line failed (empty draft)', '/v1/invoiceitems'],
	])('%s: re-run bills once or explains, never a bare "No such invoice"', async (_name, path) => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 2300, currency: 'usd', ref: `R-del-${path.length}` };
		const draftId = await halfDoneRun(account, row, path);
		await account.sdk.invoices.del(draftId);

		const again = await account.run([row], collect());

		const paid = paidWithReference(account, row.ref);
		expect(paid.length).toBeLessThanOrEqual(1);
		if (again.error === undefined) {
			const json = again.output('Collect')![0].json;
			expect(json).toMatchObject({ paid: true, amountPaid: 2300 });
			expect(json.invoiceId).not.toBe(draftId);
			expect(paid).toHaveLength(1);
			expect(paid[0].id).toBe(json.invoiceId);
		} else {
			const message = again.error.message;
			expect(message).not.toMatch(/^No such invoice: '[^']*'( \[item \d+\])?$/);
			expect(message).toContain(draftId);
			expect(message).toMatch(/\[item 0\]$/);
			expect(paid).toHaveLength(0);
		}
		expect(
			world
				.emulator()
				.charges(account.key)
				.filter((c) => c.status === 'succeeded').length,
		).toBe(paid.length);
	});

	test('under continue-on-fail the re-run row is paid or carries an explaining error', async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 900, currency: 'usd', ref: 'R-del-cof' };
		const draftId = await halfDoneRun(account, row, '/v1/invoices/*/finalize');
		await account.sdk.invoices.del(draftId);

		const again = await account.run([row], { ...collect(), continueOnFail: true });

		const json = again.output('Collect')![0].json;
		if (json.error) {
			const message = String((json.error as IDataObject).message);
			expect(message).not.toMatch(/^No such invoice: '[^']*'$/);
			expect(message).toContain(draftId);
		} else {
			expect(json).toMatchObject({ paid: true, amountPaid: 900 });
		}
		expect(paidWithReference(account, row.ref).length).toBeLessThanOrEqual(1);
	});

	test('a second re-run after a successful recovery bills nothing more', async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 1100, currency: 'usd', ref: 'R-del-twice' };
		const draftId = await halfDoneRun(account, row, '/v1/invoices/*/finalize');
		await account.sdk.invoices.del(draftId);
		const again = await account.run([row], collect());

		const third = await account.run([row], collect());

		expect(paidWithReference(account, row.ref).length).toBeLessThanOrEqual(1);
		expect(
			world
				.emulator()
				.charges(account.key)
				.filter((c) => c.status === 'succeeded').length,
		).toBeLessThanOrEqual(1);
		if (again.error === undefined) {
			expect(third.output('Collect')![0].json).toMatchObject({ paid: true, alreadyPaid: true });
		}
	});
});
