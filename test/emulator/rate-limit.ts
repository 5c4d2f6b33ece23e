// Per-account token bucket (reference §5): bursts up to `rate` requests, refilled continuously at
// `rate` tokens/s, so a client pacing itself at exactly the limit is never turned away.
import { ApiError } from './api-error';

/** Absorbs float error from real clocks, so pacing at exactly the limit never falls a hair short. */
const EPSILON = 1e-9;

interface Bucket {
	tokens: number;
	at: number;
}

export class RateLimiter {
	private readonly buckets = new Map<string, Bucket>();
	private perSecond: number | undefined;

	constructor(
		perSecond: number | undefined,
		private readonly clock: () => number,
	) {
		this.setRate(perSecond);
	}

	get rate(): number | undefined {
		return this.perSecond;
	}

	/** undefined or 0 = unlimited. Starts every bucket full again, so a raised limit applies at once. */
	setRate(perSecond: number | undefined): void {
		if (perSecond !== undefined && !(Number.isFinite(perSecond) && perSecond >= 0)) {
			throw new Error(`rateLimit must be a non-negative number, got ${String(perSecond)}`);
		}
		this.perSecond = perSecond ? perSecond : undefined;
		this.buckets.clear();
	}

	/** Takes one token for `account`; false (and nothing taken) when the bucket is empty. */
	take(account: string): boolean {
		const rate = this.perSecond;
		if (rate === undefined) return true;
		// A rate below 1/s still lets one request through per refill.
		const capacity = Math.max(1, rate);
		const now = this.clock();
		const bucket = this.buckets.get(account) ?? { tokens: capacity, at: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) * rate) / 1000);
		bucket.at = now;
		this.buckets.set(account, bucket);
		if (bucket.tokens + EPSILON < 1) return false;
		bucket.tokens = Math.max(0, bucket.tokens - 1);
		return true;
	}

	reset(): void {
		this.buckets.clear();
	}
}

/** The 429 both the limiter and the rate_limit_429 fault answer with (sent with Stripe-Should-Retry: true). */
export function rateLimitError(): ApiError {
	// [M] code rate_limit is documented (reference §5); the type and message wording are unconfirmed.
	return new ApiError(429, {
		type: 'invalid_request_error',
		code: 'rate_limit',
		message:
			'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
	});
}
