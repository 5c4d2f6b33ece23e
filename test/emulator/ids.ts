// Identifier and clock helpers shared by the emulator.
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomToken(length: number): string {
	let out = '';
	for (const byte of randomBytes(length)) out += ALPHABET[byte % ALPHABET.length];
	return out;
}

/** Stripe-looking object id, e.g. `in_1a2B3c…`. */
export function newId(prefix: string): string {
	return `${prefix}_${randomToken(24)}`;
}

export function newRequestId(): string {
	return `req_${randomToken(14)}`;
}

export function nowSeconds(): number {
	return Math.floor(Date.now() / 1000);
}

/** Opaque account id for an API key: the raw key is never stored or logged. */
/**
 * Each key is its own account, except that a key ending in `_rolled<N>` is another key of the same
 * account: what the Dashboard's "Roll key" gives (tests of a credential whose key was rolled).
 */
export function accountIdForKey(apiKey: string): string {
	const account = apiKey.replace(/_rolled\d+$/, '');
	return `acct_${createHash('sha256').update(account).digest('hex').slice(0, 16)}`;
}
