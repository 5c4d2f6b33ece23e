const SECRET_KEY_PATTERN = /\b([sr]k_(?:test|live)_)[A-Za-z0-9]+/g;

/** Masks anything shaped like a Stripe secret or restricted key, keeping the last 4 characters. */
export function redactSecrets(text: string): string {
	return text.replace(SECRET_KEY_PATTERN, (match, prefix: string) => {
		const tail = match.slice(-4);
		return `${prefix}****${tail}`;
	});
}
