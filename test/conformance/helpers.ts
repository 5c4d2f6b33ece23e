// Shared setup for conformance tests: one emulator per file, one fresh API key (account) per test.
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator';
import { cleanUpSince, LIVE_STRIPE, liveConnectedAccount, liveKey, liveSdk } from '../live/liveStripe';

/** A fresh emulator account; under `npm run test:live`, the one Stripe test account. */
export function freshKey(label = 'conf'): string {
	if (LIVE_STRIPE) return liveKey();
	return `sk_test_${label}_${randomBytes(8).toString('hex')}`;
}

/**
 * A connected account for Connect tests: any well-formed `acct_` id is one on the emulator; under
 * `npm run test:live`, the account in STRIPE_TEST_CONNECTED_ACCOUNT (the tests fail without it).
 */
export function connectedAccount(label: string): string {
	if (LIVE_STRIPE) return liveConnectedAccount() ?? 'acct_missingSTRIPE_TEST_CONNECTED_ACCOUNT';
	return `acct_1${label}${randomBytes(4).toString('hex')}`;
}

/** The SDK pointed at the emulator, or at Stripe itself under `npm run test:live`. */
export function sdk(emulator: RunningEmulator, apiKey: string): Stripe {
	if (LIVE_STRIPE) return liveSdk();
	return new Stripe(apiKey, {
		host: '127.0.0.1',
		port: emulator.port,
		protocol: 'http',
		maxNetworkRetries: 0,
	});
}

/** Awaits a promise that must reject and returns the rejection, typed as the expected SDK class. */
export async function rejectionOf<T extends Error>(
	promise: Promise<unknown>,
	errorClass: new (...args: never[]) => T,
): Promise<T> {
	try {
		await promise;
	} catch (err) {
		expect(err).toBeInstanceOf(errorClass);
		return err as T;
	}
	throw new Error(`expected a ${errorClass.name}, but the call succeeded`);
}

/** A customer with a default payment method, created through the API like a real integration would. */
export async function customerWithCard(
	stripe: Stripe,
	paymentMethod = 'pm_card_visa',
): Promise<Stripe.Customer> {
	return stripe.customers.create({
		name: 'Conformance Customer',
		email: 'conformance@example.com',
		payment_method: paymentMethod,
		invoice_settings: { default_payment_method: paymentMethod },
	});
}

/** A draft invoice with one invoice item of `amount` (usd). */
export async function draftWithItem(
	stripe: Stripe,
	customer: string,
	amount: number,
): Promise<Stripe.Invoice> {
	const invoice = await stripe.invoices.create({ customer, currency: 'usd' });
	await stripe.invoiceItems.create({
		customer,
		invoice: invoice.id,
		amount,
		currency: 'usd',
		description: 'Consulting',
	});
	return stripe.invoices.retrieve(invoice.id);
}

/**
 * One emulator per test file: started before the tests, closed after them. Under `npm run
 * test:live` the tests talk to Stripe, and what they created there is voided or deleted after them.
 */
export function useEmulator(onStart: (emulator: RunningEmulator) => void): void {
	let running: RunningEmulator | undefined;
	if (LIVE_STRIPE) {
		const since = Math.floor(Date.now() / 1000) - 1;
		afterAll(async () => await cleanUpSince(liveSdk(), since), 120_000);
	}
	beforeAll(async () => {
		running = await startEmulator();
		onStart(running);
	});
	afterAll(async () => {
		await running?.close();
	});
}
