import { RequestPacer } from './pacer';
import { STRIPE_RATE_LIMITS, type StripeSession } from './session';
import { credentialSettings, type StripeContext } from './stripeRequest';

export interface SessionSettings {
	maxAttempts: number;
	/** 0 = Stripe's default for the key's mode. */
	maxRequestsPerSecond: number;
}

/** The retry budget and one rate cap shared by every row of this node run. */
export async function openSession(ctx: StripeContext, settings: SessionSettings): Promise<StripeSession> {
	let perSecond = settings.maxRequestsPerSecond;
	if (perSecond === 0) {
		const { livemode } = await credentialSettings(ctx);
		perSecond = livemode ? STRIPE_RATE_LIMITS.live : STRIPE_RATE_LIMITS.test;
	}
	return { maxAttempts: settings.maxAttempts, pacer: new RequestPacer(perSecond) };
}
