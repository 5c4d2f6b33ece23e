// Stripe keys: sk_/rk_ + mode + a body that may itself hold "_" or "-". No word boundary before
// the prefix: a key glued to other text (`cus_sk_live_…`) is a key all the same.
const SECRET_KEY_PATTERN = /([sr]k_(?:test|live)_)[A-Za-z0-9_-]+/g;
// Webhook signing secrets, for the trigger's errors.
const WEBHOOK_SECRET_PATTERN = /(whsec_)[A-Za-z0-9_-]+/g;

/** Whether a text holds something shaped like a Stripe secret key or webhook signing secret. */
export function containsSecret(text: string): boolean {
	return /[sr]k_(?:test|live)_[A-Za-z0-9]|whsec_[A-Za-z0-9]/.test(text);
}

/** Masks anything shaped like a Stripe secret, restricted or webhook key, keeping the last 4 characters. */
export function redactSecrets(text: string): string {
	const mask = (match: string, prefix: string) => `${prefix}****${match.slice(-4)}`;
	return text.replace(SECRET_KEY_PATTERN, mask).replace(WEBHOOK_SECRET_PATTERN, mask);
}

/** Masks secrets in every string of a value (an error's context, an output row), in place for objects. */
export function redactDeep<T>(value: T, seen = new WeakSet<object>()): T {
	if (typeof value === 'string') return redactSecrets(value) as T;
	if (!value || typeof value !== 'object' || seen.has(value)) return value;
	seen.add(value);
	for (const key of Object.keys(value)) {
		const record = value as Record<string, unknown>;
		try {
			record[key] = redactDeep(record[key], seen);
		} catch {
			// A read-only property keeps its value; the message fields below are writable.
		}
	}
	return value;
}
