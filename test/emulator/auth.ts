// API-key authentication. Any well-formed key is accepted and becomes its own account.
// A `Stripe-Account` header selects one of that platform's connected accounts instead.
import { ApiError } from './api-error';
import { accountIdForKey } from './ids';

export interface AuthResult {
	apiKey: string;
	accountId: string;
	livemode: boolean;
}

const KEY_PATTERN = /^(sk|rk)_(test|live)_[A-Za-z0-9_-]+$/;
const KNOWN_PREFIX = /^(sk|rk|pk)_(test|live)_/;

const NO_KEY =
	"You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

/** Stripe shows the key prefix and last four characters only: sk_test_********abcd. */
export function maskKey(key: string): string {
	const prefix = KNOWN_PREFIX.exec(key)?.[0] ?? '';
	const rest = key.slice(prefix.length);
	const visible = rest.length > 4 ? rest.slice(-4) : '';
	return `${prefix}${'*'.repeat(Math.max(4, rest.length - visible.length))}${visible}`;
}

function unauthorized(message: string): ApiError {
	return new ApiError(401, { type: 'invalid_request_error', message });
}

function extractKey(header: string | undefined): string {
	if (!header) return '';
	const [scheme, ...rest] = header.trim().split(/\s+/);
	const value = rest.join(' ');
	if (/^bearer$/i.test(scheme)) return value;
	if (/^basic$/i.test(scheme)) {
		// Stripe also accepts HTTP Basic with the key as the user name.
		return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
	}
	return header.trim();
}

export function authenticate(header: string | undefined): AuthResult {
	const key = extractKey(header);
	if (key === '') throw unauthorized(NO_KEY);
	if (key.startsWith('pk_')) {
		throw unauthorized(
			'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
		);
	}
	if (!KEY_PATTERN.test(key)) throw unauthorized(`Invalid API Key provided: ${maskKey(key)}`);
	return { apiKey: key, accountId: accountIdForKey(key), livemode: key.includes('_live_') };
}

/** Connected account ids look like `acct_1Nv0FGQ9RKHgCVdK`. */
const CONNECTED_ACCOUNT = /^acct_[A-Za-z0-9]+$/;

/**
 * Validates a `Stripe-Account` header. Any well-formed `acct_…` id is treated as a connected
 * account of the platform (created on first use); the platform's own id selects the platform
 * itself [M]. Returns the connected account id, or undefined for the platform.
 */
export function connectedAccountFor(auth: AuthResult, header: string | undefined): string | undefined {
	if (header === undefined) return undefined;
	if (!CONNECTED_ACCOUNT.test(header)) {
		// [I] wording and 403/account_invalid quoted from real responses for an inaccessible account;
		// [M] that a malformed id gets the same answer.
		throw new ApiError(403, {
			type: 'invalid_request_error',
			code: 'account_invalid',
			message: `The provided key '${maskKey(auth.apiKey)}' does not have access to account '${header}' (or that account does not exist). Application access may have been revoked.`,
		});
	}
	return header === auth.accountId ? undefined : header;
}
