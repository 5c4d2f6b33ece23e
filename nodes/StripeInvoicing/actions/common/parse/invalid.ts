/**
 * Thrown by the pure parsers in this folder; RowInput adds the field and the row. Parsers never
 * coerce: a value that is not plainly what the field takes is an error, not a guess.
 */
export class InvalidValue extends Error {}

export function invalid(message: string): never {
	throw new InvalidValue(message);
}

/** A value as a person would recognise it in an error message (never more than 80 characters). */
export function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	let text: string;
	try {
		text = typeof value === 'string' ? `"${value}"` : (JSON.stringify(value) ?? String(value));
	} catch {
		text = Object.prototype.toString.call(value);
	}
	return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
