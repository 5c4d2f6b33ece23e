import { createHash } from 'crypto';

const MAX_KEY_LENGTH = 255; // Stripe's limit
const PREFIX = 'n8n-ref';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A value as one canonical text: object keys sorted, undefined left out, so the same request
 * written in any key order gives the same text.
 */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry ?? null)).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** A short fingerprint of what a row asks for (80 bits: no two requests of a batch share one). */
export function identityDigest(identity: unknown): string {
	return sha256(canonicalJson(identity)).slice(0, 20);
}

/**
 * How a reference appears in a key. Short printable ASCII without ":" is used as written, so keys
 * stay readable in the dashboard's request log; anything else (spaces, non-ASCII, ":", a leading
 * "~", too long) is written as "~" and its SHA-256. A written reference never holds "~" or ":", so no two distinct references can give the same key.
 */
function referencePart(reference: string): string {
	if (/^[\x21-\x39\x3b-\x7d]{1,100}$/.test(reference)) return reference;
	return `~${sha256(reference)}`;
}

/**
 * The Idempotency-Key for one Stripe write done on behalf of a reference (an order ID, say). It
 * depends on the reference, the operation, the step (or path) and, where given, the identity of
 * what the row asks for — never on the row's position in its batch. The same row on a re-run, a
 * retry or a second concurrent run asks Stripe for the same thing under the same key, and Stripe
 * does it once (within its 24-hour key window; after that, Invoice & Collect's lookup by
 * reference takes over).
 */
export function referenceIdempotencyKey(
	reference: string,
	operation: string,
	step: string[],
	identity?: unknown,
): string {
	const tail = [operation, ...step, ...(identity === undefined ? [] : [identityDigest(identity)])].join(':');
	const key = `${PREFIX}:${referencePart(reference)}:${tail}`;
	if (key.length <= MAX_KEY_LENGTH) return key;
	// Never cut: a cut key could equal another's. Hash what does not fit.
	return `${PREFIX}:~${sha256(reference)}:~${sha256(tail)}`;
}
