// Whether `npm run test:live` may run: only with a Stripe test-mode key, never a live one.

export type LiveGate =
	| { action: 'skip'; message: string }
	| { action: 'refuse'; message: string }
	| { action: 'run'; key: string };

export const KEY_VARIABLE = 'STRIPE_TEST_SECRET_KEY';

/** Decides from the environment; messages never contain the key. */
export function liveGate(env: Record<string, string | undefined>): LiveGate {
	const key = env[KEY_VARIABLE]?.trim() ?? '';
	if (key === '') {
		return {
			action: 'skip',
			message: `test:live skipped: ${KEY_VARIABLE} is not set. Set it to the secret key of a Stripe sandbox (sk_test_…) to run the conformance tests and the example workflows against https://api.stripe.com.`,
		};
	}
	if (/^(sk|rk)_live_/.test(key)) {
		return {
			action: 'refuse',
			message: `test:live refused: ${KEY_VARIABLE} holds a live-mode key. These tests create, pay, void and delete invoices and customers; they only ever run with a test-mode key (sk_test_… or rk_test_…).`,
		};
	}
	if (!/^(sk|rk)_test_/.test(key)) {
		return {
			action: 'refuse',
			message: `test:live refused: ${KEY_VARIABLE} does not look like a Stripe test-mode secret key (sk_test_… or rk_test_…).`,
		};
	}
	return { action: 'run', key };
}
