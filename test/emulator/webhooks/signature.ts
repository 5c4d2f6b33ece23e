// Stripe's webhook signature (reference §8): v1 = hex HMAC-SHA256 over `${t}.${payload}`, keyed
// with the whole `whsec_…` secret.
import { createHmac } from 'node:crypto';

export function signPayload(payload: string, secret: string, timestamp: number): string {
	return createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

export type SignatureMode = 'valid' | 'corrupt' | 'stale';

/** The Stripe-Signature header value for a delivery; `corrupt` signs with a different key. */
export function signatureHeader(
	payload: string,
	secret: string,
	timestamp: number,
	mode: SignatureMode,
): string {
	const key = mode === 'corrupt' ? `${secret}_not_the_secret` : secret;
	return `t=${timestamp},v1=${signPayload(payload, key, timestamp)}`;
}
