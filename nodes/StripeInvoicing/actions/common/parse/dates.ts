import { describeValue, invalid, isEmpty } from './invalid';

// Unix seconds beyond this (year 5138) are almost surely milliseconds taken for seconds.
const MAX_UNIX_SECONDS = 1e11;
// An ISO 8601 date, optionally with a time and zone: what n8n's date fields and $now produce.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A date and time as Unix seconds. Accepts an ISO 8601 text (as n8n's date fields give) or Unix
 * seconds as a number. Refuses what Date.parse would guess at ("2" → year 2001) and numbers
 * that are milliseconds.
 */
export function unixSeconds(value: unknown): number {
	if (isEmpty(value)) invalid('is required');
	if (typeof value === 'number') {
		if (!Number.isInteger(value) || value < 0)
			invalid(`must be a date, or Unix seconds, got ${describeValue(value)}`);
		if (value > MAX_UNIX_SECONDS)
			invalid(
				`${value} looks like milliseconds; give Unix seconds (${Math.floor(value / 1000)}) or an ISO date`,
			);
		return value;
	}
	const text =
		typeof value === 'string'
			? value.trim()
			: typeof (value as { toISO?: unknown })?.toISO === 'function'
				? String((value as { toISO: () => string }).toISO())
				: undefined;
	if (text === undefined || !ISO_DATE.test(text)) {
		invalid(`must be a date and time such as 2026-12-31T17:00:00Z, got ${describeValue(value)}`);
	}
	const millis = Date.parse(text);
	if (!Number.isFinite(millis)) invalid(`is not a real date: ${describeValue(value)}`);
	return Math.floor(millis / 1000);
}

export function optionalUnixSeconds(value: unknown): number | undefined {
	return isEmpty(value) ? undefined : unixSeconds(value);
}

/** A due date Stripe will take: in the future (Stripe refuses a past due_date). */
export function futureUnixSeconds(value: unknown, nowSeconds = Math.floor(Date.now() / 1000)): number {
	const seconds = unixSeconds(value);
	if (seconds <= nowSeconds) invalid(`must be in the future, got ${new Date(seconds * 1000).toISOString()}`);
	return seconds;
}
