import type { IWebhookFunctions } from 'n8n-workflow';

import { credentialSettings, CREDENTIAL_NAME } from '../../shared/transport/stripeRequest';

/**
 * How long a webhook process trusts the key mode it read. A credential switched between a test
 * and a live key is followed within this time; meanwhile deliveries of the other mode are
 * refused (400) and Stripe retries them later.
 */
export const KEY_MODE_TTL_MS = 60_000;

/** Credential id → whether its key is a live key, and until when that is trusted. */
const keyModes = new Map<string, { livemode: boolean; until: number }>();

/**
 * Whether the credential's key is a live-mode key, read once a minute per process. In n8n 2.41
 * each getCredentials() in webhook() builds a V8 isolate for the credential's expressions (the
 * default `vm` expression engine): that was the trigger's largest cost per delivery (README
 * "Running at scale"). Only this boolean is kept, never the key.
 */
export async function credentialIsLive(ctx: IWebhookFunctions, now = Date.now()): Promise<boolean> {
	const id = ctx.getNode().credentials?.[CREDENTIAL_NAME]?.id;
	const known = id ? keyModes.get(id) : undefined;
	if (known && known.until > now) return known.livemode;
	const { livemode } = await credentialSettings(ctx);
	if (id) keyModes.set(id, { livemode, until: now + KEY_MODE_TTL_MS });
	return livemode;
}
