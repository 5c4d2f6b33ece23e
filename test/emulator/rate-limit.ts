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
		const bucket = this.refilled(account);
		if (!bucket) return true;
		if (bucket.tokens + EPSILON < 1) return false;
		bucket.tokens = Math.max(0, bucket.tokens - 1);
		return true;
	}

	/** Whether `take` would succeed now, taking nothing. */
	has(account: string): boolean {
		const bucket = this.refilled(account);
		return !bucket || bucket.tokens + EPSILON >= 1;
	}

	private refilled(account: string): Bucket | undefined {
		const rate = this.perSecond;
		if (rate === undefined) return undefined;
		// A rate below 1/s still lets one request through per refill.
		const capacity = Math.max(1, rate);
		const now = this.clock();
		const bucket = this.buckets.get(account) ?? { tokens: capacity, at: now };
		bucket.tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) * rate) / 1000);
		bucket.at = now;
		this.buckets.set(account, bucket);
		return bucket;
	}

	reset(): void {
		this.buckets.clear();
	}
}

/** 'stripe' = Stripe's default for the key's mode (reference §5). */
export type GlobalRate = number | 'stripe' | undefined;

/** Stripe's documented defaults: per account by mode, and per endpoint in both modes. */
export const STRIPE_DEFAULT_LIMITS = { test: 25, live: 100, endpoint: 25 } as const;

export type LimitHit = 'account' | 'endpoint';

/**
 * The account-wide limit and the per-endpoint limit (an endpoint is a method and a route
 * template, `POST /v1/invoices/:id/pay`), each a token bucket per platform account. A request
 * must find a token in both; one turned away takes from neither.
 */
export class RateLimits {
	private readonly test: RateLimiter;
	private readonly live: RateLimiter;
	private readonly endpoint: RateLimiter;
	private global: GlobalRate;
	private perEndpoint: number | undefined;

	constructor(global: GlobalRate, perEndpoint: number | undefined, clock: () => number) {
		this.test = new RateLimiter(undefined, clock);
		this.live = new RateLimiter(undefined, clock);
		this.endpoint = new RateLimiter(undefined, clock);
		this.set(global, perEndpoint);
	}

	/** The settings as given: the account rate ('stripe' or a number) and the per-endpoint rate. */
	get settings(): { global: number | 'stripe' | null; endpoint: number | null } {
		return { global: this.global ?? null, endpoint: this.perEndpoint ?? null };
	}

	/**
	 * undefined or 0 = unlimited. With 'stripe', the account limit follows the key's mode and the
	 * per-endpoint limit defaults to Stripe's 25/s. Every bucket starts full again.
	 */
	set(global: GlobalRate, perEndpoint: number | undefined): void {
		const stripe = global === 'stripe';
		// setRate checks the numbers (and treats 0 as unlimited).
		this.test.setRate(stripe ? STRIPE_DEFAULT_LIMITS.test : global);
		this.live.setRate(stripe ? STRIPE_DEFAULT_LIMITS.live : global);
		this.endpoint.setRate(perEndpoint || (stripe ? STRIPE_DEFAULT_LIMITS.endpoint : undefined));
		this.global = stripe ? global : this.test.rate;
		this.perEndpoint = this.endpoint.rate;
	}

	/** Takes a token for the request, or answers which limit turns it away. */
	take(account: string, livemode: boolean, endpoint: string): LimitHit | undefined {
		const global = livemode ? this.live : this.test;
		const perEndpoint = `${account} ${endpoint}`;
		if (!global.has(account)) return 'account';
		if (!this.endpoint.has(perEndpoint)) return 'endpoint';
		global.take(account);
		this.endpoint.take(perEndpoint);
		return undefined;
	}

	reset(): void {
		this.test.reset();
		this.live.reset();
		this.endpoint.reset();
	}
}

/**
 * The 429 for one endpoint over its own limit. [M] Stripe's docs give the code, not the words;
 * "Request rate limit exceeded" is what Stripe answered in 2015 ([I] codecombat#2588).
 */
export function endpointRateLimitError(): ApiError {
	return new ApiError(429, {
		type: 'invalid_request_error',
		code: 'rate_limit',
		message:
			'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
	});
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
