// The key mode (test or live) a webhook process checks events against: read from the credential
// at most once a minute per credential, because every credential read in webhook() costs n8n 2.41
// a fresh V8 isolate (README "Running at scale").
import type { IWebhookFunctions } from 'n8n-workflow';

import { credentialIsLive, KEY_MODE_TTL_MS } from '../../nodes/StripeInvoicingTrigger/webhook/keyMode';

const T0 = 1_800_000_000_000;

/** One delivery's context: the node's credential reference and what reading the credential gives. */
function delivery(credentialId: string | undefined, secretKey: () => string, reads: { count: number }) {
	return {
		getNode: () => ({
			credentials: credentialId ? { stripeInvoicingApi: { id: credentialId, name: 'Stripe' } } : {},
		}),
		getCredentials: async () => {
			reads.count++;
			return { secretKey: secretKey(), baseUrl: 'http://127.0.0.1:12111' };
		},
	} as unknown as IWebhookFunctions;
}

describe('credentialIsLive', () => {
	test('reads the credential once per minute for any number of deliveries', async () => {
		const reads = { count: 0 };
		const key = () => 'sk_live_abc';
		for (let n = 0; n < 5; n++)
			expect(await credentialIsLive(delivery('cred-a', key, reads), T0 + n * 1000)).toBe(true);
		expect(reads.count).toBe(1);
		expect(await credentialIsLive(delivery('cred-a', key, reads), T0 + KEY_MODE_TTL_MS - 1)).toBe(true);
		expect(reads.count).toBe(1);
	});

	test('follows a key switched from test to live once the minute is over', async () => {
		const reads = { count: 0 };
		let secretKey = 'sk_test_abc';
		expect(
			await credentialIsLive(
				delivery('cred-b', () => secretKey, reads),
				T0,
			),
		).toBe(false);
		secretKey = 'sk_live_abc';
		expect(
			await credentialIsLive(
				delivery('cred-b', () => secretKey, reads),
				T0 + 1000,
			),
		).toBe(false);
		expect(
			await credentialIsLive(
				delivery('cred-b', () => secretKey, reads),
				T0 + KEY_MODE_TTL_MS + 1,
			),
		).toBe(true);
		expect(reads.count).toBe(2);
	});

	test('keeps each credential apart', async () => {
		const reads = { count: 0 };
		expect(
			await credentialIsLive(
				delivery('cred-c', () => 'rk_live_abc', reads),
				T0,
			),
		).toBe(true);
		expect(
			await credentialIsLive(
				delivery('cred-d', () => 'sk_test_abc', reads),
				T0,
			),
		).toBe(false);
		expect(
			await credentialIsLive(
				delivery('cred-c', () => 'sk_test_abc', reads),
				T0 + 1,
			),
		).toBe(true);
		expect(reads.count).toBe(2);
	});

	test('without a credential id nothing is remembered', async () => {
		const reads = { count: 0 };
		expect(
			await credentialIsLive(
				delivery(undefined, () => 'sk_test_abc', reads),
				T0,
			),
		).toBe(false);
		expect(
			await credentialIsLive(
				delivery(undefined, () => 'sk_live_abc', reads),
				T0 + 1,
			),
		).toBe(true);
		expect(reads.count).toBe(2);
	});
});
