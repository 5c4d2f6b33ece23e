import { containsSecret } from '../../../../shared/transport/redact';
import { isStripeId } from '../../../../shared/transport/stripePath';
import { describeValue, invalid, isEmpty } from './invalid';

/**
 * A Stripe ID such as `in_1PqR…`: its prefix, then letters, digits and underscores only — the
 * shape the transport will accept in a URL path, checked here so the row fails before any call.
 */
export function stripeId(value: unknown, prefix: string): string {
	if (isEmpty(value)) invalid('is required');
	if (typeof value !== 'string') invalid(`must be a Stripe ID (text), got ${describeValue(value)}`);
	// Not trimmed: a value with spaces around it is refused as it is, not quietly changed.
	const text = value;
	// Checked first, and never echoed: the error must not carry the secret either.
	if (containsSecret(text))
		invalid(
			`holds something shaped like a Stripe secret key; refusing to send it to Stripe as a ${prefix}… ID`,
		);
	if (!text.startsWith(prefix) || text.length === prefix.length)
		invalid(`must be a Stripe ID starting with "${prefix}", got ${describeValue(value)}`);
	if (!isStripeId(text, prefix))
		invalid(
			`must be a Stripe ID: "${prefix}" then letters, digits or underscores only, got ${describeValue(value)}`,
		);
	return text;
}

export function optionalStripeId(value: unknown, prefix: string): string | undefined {
	return isEmpty(value) ? undefined : stripeId(value, prefix);
}
