// A draft shows the customer's balance as Stripe documents it (the SDK's Invoice type): its
// starting_balance is the customer's current balance, and amount_due takes a positive (owed)
// balance into account, so the amount a draft shows is what finalizing it asks for.
import type Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('balance'));
});

async function customerOwing(balance: number): Promise<Stripe.Customer> {
	const customer = await customerWithCard(stripe);
	return await stripe.customers.update(customer.id, { balance });
}

describe('a draft and the customer balance', () => {
	it('an owed balance is in the draft amount_due, and finalize asks for the same', async () => {
		const customer = await customerOwing(40_000);
		const draft = await draftWithItem(stripe, customer.id, 1_000);
		expect(draft).toMatchObject({ status: 'draft', total: 1_000, starting_balance: 40_000, amount_due: 41_000 });
		const open = await stripe.invoices.finalizeInvoice(draft.id);
		expect(open).toMatchObject({ status: 'open', starting_balance: 40_000, amount_due: 41_000 });
	});

	it('a credit lowers the draft amount_due, never below zero', async () => {
		const customer = await customerOwing(-300);
		const draft = await draftWithItem(stripe, customer.id, 1_000);
		expect(draft).toMatchObject({ starting_balance: -300, amount_due: 700 });
		const bigCredit = await customerOwing(-5_000);
		const covered = await draftWithItem(stripe, bigCredit.id, 1_000);
		expect(covered).toMatchObject({ starting_balance: -5_000, amount_due: 0 });
	});

	it('a draft follows the balance until finalized; then it is frozen', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1_000);
		expect(draft).toMatchObject({ starting_balance: 0, amount_due: 1_000 });
		await stripe.customers.update(customer.id, { balance: 250 });
		expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ starting_balance: 250, amount_due: 1_250 });
		await stripe.invoices.finalizeInvoice(draft.id);
		await stripe.customers.update(customer.id, { balance: 9_999 });
		expect(await stripe.invoices.retrieve(draft.id)).toMatchObject({ starting_balance: 250, amount_due: 1_250 });
	});
});
