import { RequestPacer, type PaceLimits } from './pacer';
import {
	STRIPE_ENDPOINT_LIMIT,
	STRIPE_ENDPOINT_LIMITS,
	STRIPE_RATE_LIMITS,
	type StripeSession,
} from './session';
import { credentialSettings, type StripeContext } from './stripeRequest';

export interface SessionSettings {
	maxAttempts: number;
	/** 0 = Stripe's default for the key's mode. */
	maxRequestsPerSecond: number;
}

/**
 * Stripe's limits for the key's mode, or one cap for everything when the user set one (an account
 * whose limits Stripe raised, or a test that wants no pacing).
 */
export async function paceLimits(ctx: StripeContext, maxRequestsPerSecond: number): Promise<PaceLimits> {
	if (maxRequestsPerSecond > 0) return { global: maxRequestsPerSecond, perEndpoint: maxRequestsPerSecond };
	const { livemode } = await credentialSettings(ctx);
	return {
		global: livemode ? STRIPE_RATE_LIMITS.live : STRIPE_RATE_LIMITS.test,
		perEndpoint: STRIPE_ENDPOINT_LIMIT,
		endpoints: STRIPE_ENDPOINT_LIMITS,
	};
}

/** The retry budget and one pacer shared by every row of this node run. */
export async function openSession(ctx: StripeContext, settings: SessionSettings): Promise<StripeSession> {
	const limits = await paceLimits(ctx, settings.maxRequestsPerSecond);
	return { maxAttempts: settings.maxAttempts, pacer: new RequestPacer(limits) };
}
