/**
 * Stripe amounts are integers in a currency's smallest unit. How many decimals that unit has
 * differs per currency, and a few currencies are special (docs.stripe.com/currencies):
 * - zero-decimal: ¥500 is sent as 500;
 * - three-decimal: 5.120 KWD is sent as 5120 and must end in 0;
 * - ISK and UGX are zero-decimal to people but Stripe still takes them with two decimals,
 *   so 5 ISK is sent as 500 and the amount must be divisible by 100;
 * - HUF and TWD take two decimals for charges (their payouts are zero-decimal; not our concern).
 */
function codes(list: string): Set<string> {
	return new Set(list.trim().split(/\s+/));
}

export const ZERO_DECIMAL = codes('bif clp djf gnf jpy kmf krw mga pyg rwf vnd vuv xaf xof xpf');
export const THREE_DECIMAL = codes('bhd jod kwd omr tnd');
/** Shown without decimals, sent with two: the minor amount must be a multiple of 100. */
export const WHOLE_BUT_TWO_DECIMAL = codes('isk ugx');

/** Currencies Stripe accepts for charges (lower case), from its supported-currencies list. */
export const STRIPE_CURRENCIES = new Set([
	...ZERO_DECIMAL,
	...THREE_DECIMAL,
	...WHOLE_BUT_TWO_DECIMAL,
	...codes(
		'usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bmd bnd bob brl bsd bwp byn ' +
			'bzd cad cdf chf cny cop crc cve czk dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gtq ' +
			'gyd hkd hnl htg huf idr ils inr jmd kes kgs khr kyd kzt lak lbp lkr lrd lsl mad mdl mkd ' +
			'mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab pen pgk php pkr pln qar ' +
			'ron rsd rub sar sbd scr sek sgd shp sle sos srd std szl thb tjs top try ttd twd tzs uah ' +
			'uyu uzs wst xcd yer zar zmw ',
	),
]);

export interface CurrencyRule {
	/** Decimals in the integer Stripe takes (10^exponent minor units per major unit). */
	apiExponent: number;
	/** Decimals people write: ISK has none even though Stripe counts hundredths. */
	displayExponent: number;
	/** Every valid minor amount is a multiple of this. */
	step: number;
}

export function currencyRule(currency: string): CurrencyRule {
	if (ZERO_DECIMAL.has(currency)) return { apiExponent: 0, displayExponent: 0, step: 1 };
	if (THREE_DECIMAL.has(currency)) return { apiExponent: 3, displayExponent: 3, step: 10 };
	if (WHOLE_BUT_TWO_DECIMAL.has(currency)) return { apiExponent: 2, displayExponent: 0, step: 100 };
	return { apiExponent: 2, displayExponent: 2, step: 1 };
}

/** Splits a decimal written as a number or string into digits, without floating-point error. */
function parseDecimal(
	value: number | string,
): { negative: boolean; whole: string; fraction: string } | undefined {
	const text = typeof value === 'number' ? numberToPlainString(value) : value.trim();
	const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
	return {
		negative: match[1] === '-',
		whole: match[2] || '0',
		fraction: (match[3] ?? '').replace(/0+$/, ''),
	};
}

function numberToPlainString(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	// 15 significant digits are exact in a double: this drops binary noise (0.1 + 0.2 =
	// 0.30000000000000004 → 0.3) while a real extra digit (23.988) survives and is rejected.
	const text = String(Number(value.toPrecision(15)));
	if (!/e/i.test(text)) return text;
	// 1e-7 style: toFixed gives the plain digits for the range Stripe amounts live in.
	return Number(text)
		.toFixed(20)
		.replace(/\.?0+$/, '');
}

export type MajorConversion = { ok: true; minor: number } | { ok: false; reason: string };

/** Converts a major-unit amount (19.99) to Stripe's integer (1999) for the currency. */
export function majorToMinor(value: number | string, currency: string): MajorConversion {
	const rule = currencyRule(currency);
	const parsed = parseDecimal(value);
	if (!parsed) return { ok: false, reason: `is not a number: ${JSON.stringify(value)}` };
	if (parsed.fraction.length > rule.displayExponent) {
		const allowed = rule.displayExponent === 0 ? 'no decimals' : `at most ${rule.displayExponent} decimals`;
		return {
			ok: false,
			reason: `${value} ${currency.toUpperCase()} cannot be charged: ${currency.toUpperCase()} takes ${allowed}`,
		};
	}
	const digits = parsed.whole + parsed.fraction.padEnd(rule.apiExponent, '0');
	const minor = Number(digits) * (parsed.negative ? -1 : 1);
	return { ok: true, minor: minor === 0 ? 0 : minor };
}

/** Why a minor amount is not valid for the currency, or undefined when it is. */
export function minorAmountProblem(minor: number, currency: string): string | undefined {
	const rule = currencyRule(currency);
	if (minor % rule.step === 0) return undefined;
	const upper = currency.toUpperCase();
	const lower = minor - (minor % rule.step);
	if (rule.step === 10) {
		return `${upper} amounts in the smallest unit must end in 0 (e.g. ${lower} or ${lower + rule.step}), got ${minor}`;
	}
	return `${upper} is charged in whole units, so the amount in Stripe's smallest unit must be a multiple of 100 (e.g. ${lower} = ${lower / 100} ${upper}), got ${minor}`;
}

/** Stripe's integer as a plain major-unit string: 1999 usd → "19.99", 5120 kwd → "5.120", 500 isk → "5". */
export function formatMajor(minor: number, currency: string): string {
	const rule = currencyRule(currency);
	const negative = minor < 0;
	const digits = String(Math.abs(minor)).padStart(rule.apiExponent + 1, '0');
	const whole = digits.slice(0, digits.length - rule.apiExponent);
	let fraction = digits.slice(digits.length - rule.apiExponent).slice(0, rule.displayExponent);
	fraction = fraction.padEnd(rule.displayExponent, '0');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** "19.99 USD": a money amount people can read, with the currency's own decimals. */
export function formatMoney(
	minor: number | null | undefined,
	currency: string | null | undefined,
): string | null {
	if (typeof minor !== 'number' || !currency) return null;
	return `${formatMajor(minor, currency.toLowerCase())} ${currency.toUpperCase()}`;
}
