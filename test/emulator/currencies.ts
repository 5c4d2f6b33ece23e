// Currency facts from reference §6.
import { invalidParam } from './api-error';

export const ZERO_DECIMAL = new Set([
	'bif',
	'clp',
	'djf',
	'gnf',
	'jpy',
	'kmf',
	'krw',
	'mga',
	'pyg',
	'rwf',
	'ugx',
	'vnd',
	'vuv',
	'xaf',
	'xof',
	'xpf',
]);
const THREE_DECIMAL = ['bhd', 'jod', 'kwd', 'omr', 'tnd'];

const MINIMUM_CHARGE: Record<string, number> = {
	usd: 50,
	aed: 200,
	aud: 50,
	bgn: 100,
	brl: 50,
	cad: 50,
	chf: 50,
	czk: 1500,
	dkk: 250,
	eur: 50,
	gbp: 30,
	hkd: 400,
	huf: 17500,
	inr: 50,
	jpy: 50,
	mxn: 1000,
	myr: 200,
	nok: 300,
	nzd: 50,
	pln: 200,
	ron: 200,
	sek: 300,
	sgd: 50,
	thb: 1000,
};

const OTHER_SUPPORTED = [
	'isk',
	'twd',
	'zar',
	'ils',
	'try',
	'php',
	'idr',
	'cny',
	'sar',
	'qar',
	'egp',
	'ngn',
	'kes',
	'cop',
	'pen',
	'ars',
	'uah',
];

export const SUPPORTED_CURRENCIES = new Set([
	...Object.keys(MINIMUM_CHARGE),
	...ZERO_DECIMAL,
	...THREE_DECIMAL,
	...OTHER_SUPPORTED,
]);

/** Lower-cases and checks a currency code (Stripe accepts either case). */
export function parseCurrency(value: string, param: string): string {
	const code = value.toLowerCase();
	if (!SUPPORTED_CURRENCIES.has(code)) {
		throw invalidParam(
			param,
			`Invalid currency: ${code}. Stripe currently supports these currencies: ${[...SUPPORTED_CURRENCIES].sort().join(', ')}`,
		);
	}
	return code;
}

/** [M] currencies missing from the reference table fall back to 50 minor units. */
export function minimumChargeAmount(currency: string): number {
	return MINIMUM_CHARGE[currency] ?? 50;
}

/**
 * Largest amount in minor units, the same 8 digits for every currency (reference §6, [D]). [M] Stripe
 * documents larger limits for a few currencies (e.g. IDR); those are not modelled.
 */
export const MAX_AMOUNT = 99999999;

/** "$999,999.99"-style rendering for amount_too_large messages. */
export function formatAmount(amount: number, currency: string): string {
	const digits = ZERO_DECIMAL.has(currency) ? 0 : THREE_DECIMAL.includes(currency) ? 3 : 2;
	const major = (amount / 10 ** digits).toLocaleString('en-US', {
		minimumFractionDigits: digits,
		maximumFractionDigits: digits,
	});
	return currency === 'usd' ? `$${major}` : `${major} ${currency}`;
}
