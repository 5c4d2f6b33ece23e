import type { IWebhookFunctions } from 'n8n-workflow';

import { openSecret } from './sealedSecret';
import { apiKeyOf, secretBinding } from './secretKey';
import type { StoredEndpoint } from './storedEndpoints';

/**
 * How long a webhook process keeps a signing secret it opened. Reading the credential's key in
 * `webhook()` costs n8n 2.41 a V8 isolate per delivery (README "Running at scale"), so a delivery
 * opens the sealed secret only when this process has not opened that very entry recently.
 */
export const OPENED_SECRET_TTL_MS = 60_000;

/**
 * Opened secrets, keyed by the sealed text and what it is bound to. A planted or copied entry is
 * other text, or bound to another workflow, node or endpoint, so it is never found here: it must
 * open with the credential's key like any entry, and it does not.
 */
const opened = new Map<string, { secret: string; until: number }>();

const cacheKey = (entry: StoredEndpoint, binding: ReturnType<typeof secretBinding>) =>
	[binding.workflowId, binding.nodeId, binding.endpointId, String(entry.sealedSecret)].join('\u0000');

/**
 * The signing secrets of this node's stored endpoints that open with the credential's key, or
 * `'noKey'` when the credential has no key to open them with.
 */
export async function openedSecrets(
	ctx: IWebhookFunctions,
	stored: StoredEndpoint[],
	now = Date.now(),
): Promise<string[] | 'noKey'> {
	const secrets: string[] = [];
	const closed: StoredEndpoint[] = [];
	for (const entry of stored) {
		const known = opened.get(cacheKey(entry, secretBinding(ctx, entry.endpointId)));
		if (known && known.until > now) secrets.push(known.secret);
		else closed.push(entry);
	}
	if (closed.length === 0) return secrets;
	let apiKey: string;
	try {
		apiKey = await apiKeyOf(ctx);
	} catch {
		return 'noKey';
	}
	for (const entry of closed) {
		const binding = secretBinding(ctx, entry.endpointId);
		const secret = openSecret(entry.sealedSecret, apiKey, binding);
		if (secret === undefined) continue;
		opened.set(cacheKey(entry, binding), { secret, until: now + OPENED_SECRET_TTL_MS });
		secrets.push(secret);
	}
	return secrets;
}
