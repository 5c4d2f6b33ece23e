import type { RequestPacer } from './pacer';
import { DEFAULT_MAX_ATTEMPTS } from './retry';

/** What all calls of one node run share: the retry budget and the request-rate cap. */
export interface StripeSession {
	/** Tries per call, the first included (1 = never retry). */
	maxAttempts: number;
	pacer?: RequestPacer;
}

/** For calls made outside a batch (the list pickers in the node's panel). */
export const DEFAULT_SESSION: StripeSession = { maxAttempts: DEFAULT_MAX_ATTEMPTS };

/** Stripe's documented global limits, which a batch keeps under unless told otherwise. */
export const STRIPE_RATE_LIMITS = { test: 25, live: 100 } as const;

/** Stripe's default limit for each endpoint (both modes), and the endpoints with a lower one. */
export const STRIPE_ENDPOINT_LIMIT = 25;
export const STRIPE_ENDPOINT_LIMITS: Record<string, number> = {
	// "Search: 20 read operations per second" (docs.stripe.com/rate-limits).
	'GET /v1/invoices/search': 20,
	'GET /v1/customers/search': 20,
};

export function isLiveKey(secretKey: string | undefined): boolean {
	return /^(sk|rk)_live_/.test(secretKey?.trim() ?? '');
}
