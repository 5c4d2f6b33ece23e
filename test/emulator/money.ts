// Exact decimal arithmetic for amounts: Stripe rounds line amounts and taxes half away from zero.
// BigInt() calls instead of literals so ts-node's ES2019 target can still transpile this file.

const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);
const TEN = BigInt(10);

export function normalizeDecimal(value: string): string {
	const negative = value.startsWith('-');
	const [intPart, fracPart = ''] = (negative ? value.slice(1) : value).split('.');
	const int = intPart.replace(/^0+(?=\d)/, '');
	const frac = fracPart.replace(/0+$/, '');
	const body = frac ? `${int}.${frac}` : int;
	return negative && body !== '0' ? `-${body}` : body;
}

function scaled(value: string): { units: bigint; scale: number } {
	const negative = value.startsWith('-');
	const [intPart, fracPart = ''] = (negative ? value.slice(1) : value).split('.');
	const units = BigInt(intPart + fracPart);
	return { units: negative ? -units : units, scale: fracPart.length };
}

function roundDiv(numerator: bigint, denominator: bigint): bigint {
	const negative = numerator < ZERO !== denominator < ZERO;
	const n = numerator < ZERO ? -numerator : numerator;
	const d = denominator < ZERO ? -denominator : denominator;
	const q = (n * TWO + d) / (TWO * d);
	return negative ? -q : q;
}

/** round(unit × quantity) for decimal strings. */
export function multiplyToInteger(unit: string, quantity: string): number {
	const a = scaled(unit);
	const b = scaled(quantity);
	return Number(roundDiv(a.units * b.units, TEN ** BigInt(a.scale + b.scale)));
}

/** Tax on a line: exclusive = amount × pct / 100, inclusive = amount × pct / (100 + pct). */
export function taxAmount(amount: number, percentage: string, inclusive: boolean): number {
	const pct = scaled(percentage);
	const hundred = BigInt(100) * TEN ** BigInt(pct.scale);
	const denominator = inclusive ? hundred + pct.units : hundred;
	return Number(roundDiv(BigInt(amount) * pct.units, denominator === ZERO ? ONE : denominator));
}
