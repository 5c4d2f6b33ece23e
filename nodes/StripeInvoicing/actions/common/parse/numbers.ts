import { describeValue, invalid } from './invalid';

/**
 * A decimal number written plainly: a finite number, or a string such as "19.99", "-5", "1000".
 * Hex ("0x10"), binary ("0b1111101000"), exponents ("1e3"), "Infinity", booleans, objects and
 * arrays are refused: JavaScript's Number() would accept some of them and bill a surprise.
 */
export function plainDecimal(value: unknown): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) invalid(`must be a number, got ${describeValue(value)}`);
		return String(value);
	}
	if (typeof value !== 'string') invalid(`must be a number, got ${describeValue(value)}`);
	const text = value.trim();
	if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
		invalid(`must be a plain decimal number such as 1999 or 19.99, got ${describeValue(value)}`);
	}
	return text;
}

/** The one whole-number checker: plain decimal, an integer, within [min, max]. */
export function integerIn(value: unknown, min: number, max: number): number {
	const number = Number(plainDecimal(value));
	if (!Number.isInteger(number)) invalid(`must be a whole number, got ${describeValue(value)}`);
	if (number < min || number > max) {
		invalid(`must be a whole number from ${min} to ${max}, got ${describeValue(value)}`);
	}
	return number;
}
