import { createHmac, timingSafeEqual } from 'crypto';

/** Stripe's default, and the most a delivery's timestamp may lag behind our clock. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A day: Stripe retries over three days, but a signature older than this is not a live delivery. */
export const MAX_TOLERANCE_SECONDS = 86_400;

export type SignatureCheck =
	| { valid: true; timestamp: number }
	| {
			valid: false;
			reason:
				| 'missing header'
				| 'malformed header'
				| 'no v1 signature'
				| 'no match'
				| 'stale timestamp'
				| 'timestamp in the future';
	  };

interface ParsedHeader {
	timestamp: number;
	signatures: string[];
}

/** `t=…,v1=…[,v1=…]`; other schemes (v0) are ignored, like Stripe's libraries do. */
function parseHeader(header: string): ParsedHeader | undefined {
	let timestamp: number | undefined;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const eq = part.indexOf('=');
		if (eq < 1) continue;
		const key = part.slice(0, eq).trim();
		const value = part.slice(eq + 1).trim();
		if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
		if (key === 'v1') signatures.push(value);
	}
	return timestamp === undefined ? undefined : { timestamp, signatures };
}

/** HMAC-SHA256 keyed with the whole `whsec_…` secret, over `${t}.` and the body's bytes as received. */
function expectedSignature(secret: string, timestamp: number, rawBody: Buffer): Buffer {
	return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

function matches(expected: Buffer, candidate: string): boolean {
	if (!/^[0-9a-f]{64}$/i.test(candidate)) return false;
	// Constant-time: how much of a guess is right must not show in the response time.
	return timingSafeEqual(expected, Buffer.from(candidate, 'hex'));
}

/**
 * Checks a Stripe-Signature header against the raw body. Any of several `v1` values may match
 * (Stripe signs with old and new secrets while a secret is rolled), and any of several secrets.
 * The timestamp must lie within the tolerance on both sides of our clock. Stripe's libraries accept
 * any future timestamp; bounding it too keeps a captured delivery replayable for at most the
 * tolerance even when this clock runs behind (a skew beyond the tolerance is refused, not trusted).
 */
export function verifyStripeSignature(
	rawBody: Buffer,
	header: string | undefined,
	secrets: string[],
	toleranceSeconds: number,
	nowSeconds: number,
): SignatureCheck {
	if (!header) return { valid: false, reason: 'missing header' };
	const parsed = parseHeader(header);
	if (!parsed) return { valid: false, reason: 'malformed header' };
	if (parsed.signatures.length === 0) return { valid: false, reason: 'no v1 signature' };
	const found = secrets
		.filter((secret) => secret.trim() !== '')
		.some((secret) => {
			const expected = expectedSignature(secret, parsed.timestamp, rawBody);
			return parsed.signatures.some((candidate) => matches(expected, candidate));
		});
	if (!found) return { valid: false, reason: 'no match' };
	if (nowSeconds - parsed.timestamp > toleranceSeconds) return { valid: false, reason: 'stale timestamp' };
	if (parsed.timestamp - nowSeconds > toleranceSeconds)
		return { valid: false, reason: 'timestamp in the future' };
	return { valid: true, timestamp: parsed.timestamp };
}
