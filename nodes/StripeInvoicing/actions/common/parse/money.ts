import { majorToMinor, minorAmountProblem, STRIPE_CURRENCIES } from '../../../../shared/currency';
import { describeValue, invalid } from './invalid';
import { plainDecimal } from './numbers';

export type AmountUnit = 'minor' | 'major';
export const AMOUNT_UNITS: readonly AmountUnit[] = ['minor', 'major'];

/** Stripe's limit for one amount, and for an invoice's total, in the smallest currency unit. */
export const MAX_AMOUNT = 99_999_999;

export function currency(value: unknown): string {
	if (typeof value !== 'string')
		invalid(`must be a three-letter ISO code such as "usd", got ${describeValue(value)}`);
	const text = value.trim().toLowerCase();
	if (!/^[a-z]{3}$/.test(text))
		invalid(`must be a three-letter ISO code such as "usd", got ${describeValue(value)}`);
	if (!STRIPE_CURRENCIES.has(text)) invalid(`"${text}" is not a currency Stripe can charge in`);
	return text;
}

/**
 * A whole number of the currency's smallest unit. A decimal point is refused even when the
 * fraction is zero: "19.00" in cents is far more likely 19 dollars than 19 cents.
 */
export function minorUnits(value: unknown, text = plainDecimal(value)): number {
	const minor = Number(text);
	if (text.includes('.') || !Number.isInteger(minor))
		invalid(
			`must be a whole number in the currency's smallest unit, without a decimal point (1999 for 19.99 USD; for 19.99 itself set Amount Unit to major units), got ${describeValue(value)}`,
		);
	return minor;
}

/** What a unit amount times a quantity bills: the one place amount × quantity is computed. */
export function unitsTotal(unitAmount: number, quantity = 1): number {
	return unitAmount * quantity;
}

export function checkWithinMaximum(minor: number, what = 'the amount'): void {
	if (Math.abs(minor) > MAX_AMOUNT)
		invalid(`${what} is ${minor} in Stripe's smallest unit, above Stripe's maximum of ${MAX_AMOUNT}`);
}

/**
 * An amount for the currency, in the unit the user picked, as Stripe's integer. Amounts the
 * currency cannot represent are errors, never rounded.
 */
export function money(
	value: unknown,
	currencyCode: string,
	unit: AmountUnit,
	{ allowNegative = false } = {},
): number {
	const text = plainDecimal(value);
	let minor: number;
	if (unit === 'major') {
		const converted = majorToMinor(text, currencyCode);
		if (!converted.ok) invalid(converted.reason);
		minor = converted.minor;
	} else {
		minor = minorUnits(value, text);
	}
	if (!allowNegative && minor < 0) invalid(`must not be negative, got ${describeValue(value)}`);
	if (Math.abs(minor) > MAX_AMOUNT) {
		invalid(
			unit === 'minor'
				? `must be at most ${MAX_AMOUNT}, got ${describeValue(value)}`
				: `is ${minor} in Stripe's smallest unit, above Stripe's maximum of ${MAX_AMOUNT}`,
		);
	}
	const problem = minorAmountProblem(minor, currencyCode);
	if (problem) invalid(problem);
	return minor;
}
