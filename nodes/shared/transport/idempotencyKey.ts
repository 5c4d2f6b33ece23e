import { createHash } from 'crypto';

const MAX_KEY_LENGTH = 255; // Stripe's limit
const PREFIX = 'n8n-ref';

/**
 * The Idempotency-Key for one Stripe write done on behalf of a reference (an order ID, say): the
 * same reference, step and target always give the same key, so a re-run of the workflow, a retry
 * or a second concurrent run asks Stripe for the same thing and Stripe does it once (within its
 * 24-hour key window; after that, Invoice & Collect's lookup by reference takes over).
 *
 * The reference is used as written when it is short printable ASCII, so keys are readable in the
 * dashboard's request log; anything else is hashed.
 */
export function referenceIdempotencyKey(reference: string, ...parts: string[]): string {
	const tail = parts.join(':');
	const readable = `${PREFIX}:${reference}:${tail}`;
	if (/^[\x21-\x7e]+$/.test(reference) && readable.length <= MAX_KEY_LENGTH) return readable;
	const digest = createHash('sha256').update(reference, 'utf8').digest('hex');
	return `${PREFIX}:sha256-${digest}:${tail}`.slice(0, MAX_KEY_LENGTH);
}
