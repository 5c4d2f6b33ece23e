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

/** Exact decimal sum of decimal strings ('19' + '6.5' = '25.5'). */
export function addDecimals(...values: string[]): string {
	const parts = values.map(scaled);
	const scale = Math.max(0, ...parts.map((p) => p.scale));
	const total = parts.reduce((sum, p) => sum + p.units * TEN ** BigInt(scale - p.scale), ZERO);
	const negative = total < ZERO;
	const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
	const body = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
	return normalizeDecimal(negative ? `-${body}` : body);
}

/** round(amount × numerator / denominator), half away from zero, for decimal-string factors. */
export function mulDiv(amount: number, numerator: string, denominator: string): number {
	const n = scaled(numerator);
	const d = scaled(denominator);
	// amount × (n.units / 10^n.scale) / (d.units / 10^d.scale)
	const top = BigInt(amount) * n.units * TEN ** BigInt(d.scale);
	const bottom = d.units * TEN ** BigInt(n.scale);
	return bottom === ZERO ? 0 : Number(roundDiv(top, bottom));
}

/**
 * Splits `total` over `weights` in proportion, in whole units that add up to `total` exactly:
 * each share is rounded down, then the units left go to the largest remainders (earlier first).
 */
export function allocate(total: number, weights: number[]): number[] {
	const sum = weights.reduce((a, w) => a + BigInt(w), ZERO);
	if (sum === ZERO) return weights.map(() => 0);
	const exact = weights.map((w) => BigInt(total) * BigInt(w));
	const shares = exact.map((e) => e / sum);
	let left = BigInt(total) - shares.reduce((a, s) => a + s, ZERO);
	const order = exact
		.map((e, i) => ({ i, rest: e % sum }))
		.sort((a, b) => (b.rest > a.rest ? 1 : b.rest < a.rest ? -1 : a.i - b.i));
	for (const { i } of order) {
		if (left <= ZERO) break;
		shares[i] += ONE;
		left -= ONE;
	}
	return shares.map(Number);
}
