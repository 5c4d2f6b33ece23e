import { describeValue, invalid } from './invalid';

/**
 * Text for a text field: a string, or a number written as text. An object or array would become
 * "[object Object]" or "a,b" on a customer's invoice, so it is refused.
 */
export function optionalText(value: unknown, maxLength?: number): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') invalid(`must be text, got ${describeValue(value)}`);
	const text = value.trim();
	if (text === '') return undefined;
	if (maxLength !== undefined && text.length > maxLength) {
		invalid(`must be at most ${maxLength} characters, got ${text.length}`);
	}
	return text;
}

export function requiredText(value: unknown, maxLength?: number): string {
	return optionalText(value, maxLength) ?? invalid('is required');
}
