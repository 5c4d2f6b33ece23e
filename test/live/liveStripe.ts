/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// What `npm run test:live` gives the tests: Stripe's real API with a test-mode key, and a clean-up
// of what a test file created. Nothing here runs in `npm test`.
import Stripe from 'stripe';

/** Set by scripts/live/run.ts: conformance tests talk to Stripe instead of the emulator. */
export const LIVE_STRIPE = process.env.STRIPE_CONFORMANCE_TARGET === 'stripe';
export const STRIPE_API_BASE = 'https://api.stripe.com';

/** The test-mode key the runner checked (never a live one); tests never print it. */
export function liveKey(): string {
	const key = process.env.STRIPE_TEST_SECRET_KEY?.trim() ?? '';
	if (!/^(sk|rk)_test_/.test(key)) throw new Error('test:live needs a test-mode key (sk_test_/rk_test_)');
	return key;
}

/**
 * A connected account of the test platform, for the Connect conformance tests (application fees,
 * transfers): STRIPE_TEST_CONNECTED_ACCOUNT, or undefined when the runner was given none.
 */
export function liveConnectedAccount(): string | undefined {
	return process.env.STRIPE_TEST_CONNECTED_ACCOUNT?.trim() || undefined;
}

export function liveSdk(): Stripe {
	return new Stripe(liveKey(), { maxNetworkRetries: 3 });
}

/**
 * Voids or deletes every invoice and deletes every customer created in the account since `since`
 * (Unix seconds). The runner runs files one at a time, so this is only what this file made; run it
 * in a sandbox nothing else writes to meanwhile.
 */
export async function cleanUpSince(stripe: Stripe, since: number): Promise<void> {
	for await (const invoice of stripe.invoices.list({ created: { gte: since }, limit: 100 })) {
		if (invoice.status === 'draft') await stripe.invoices.del(invoice.id!);
		else if (invoice.status === 'open' || invoice.status === 'uncollectible')
			await stripe.invoices.voidInvoice(invoice.id!);
	}
	for await (const item of stripe.invoiceItems.list({ created: { gte: since }, limit: 100 })) {
		if (!item.invoice) await stripe.invoiceItems.del(item.id);
	}
	for await (const customer of stripe.customers.list({ created: { gte: since }, limit: 100 })) {
		await stripe.customers.del(customer.id);
	}
}
