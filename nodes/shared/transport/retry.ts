/**
 * When and how long to wait before sending a failed Stripe call again. Every attempt of a POST
 * carries the same Idempotency-Key, so Stripe runs the request at most once whatever we retry.
 */
export const DEFAULT_MAX_ATTEMPTS = 5;
export const MAX_ATTEMPTS_LIMIT = 10;

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/**
 * Stripe's own rule (as its SDKs apply it): the `Stripe-Should-Retry` header decides when present;
 * otherwise no answer at all (dropped connection, timeout), 409 (idempotency key in use, lock
 * timeout), 429 (rate limited) and 5xx are worth another try, and any other 4xx is final.
 */
export function shouldRetry(status: number | undefined, shouldRetryHeader: string | undefined): boolean {
	if (status === undefined) return true;
	if (shouldRetryHeader === 'true') return true;
	if (shouldRetryHeader === 'false') return false;
	return status === 409 || status === 429 || status >= 500;
}

/**
 * Exponential backoff with jitter: about 0.5 s, 0.5–1 s, 1–2 s, 2–4 s, then 2.5–5 s. The jitter
 * spreads out rows that were rate limited together so they do not come back as one burst.
 */
export function retryDelayMs(retriesDone: number, random: () => number = Math.random): number {
	const ceiling = Math.min(INITIAL_DELAY_MS * 2 ** retriesDone, MAX_DELAY_MS);
	return Math.max(INITIAL_DELAY_MS, Math.round(ceiling * 0.5 * (1 + random())));
}
