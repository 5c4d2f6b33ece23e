/** A value Stripe accepts in a form body: nested objects and arrays use bracket notation. */
export type FormValue =
	| string
	| number
	| boolean
	| null
	| undefined
	| FormValue[]
	| { [key: string]: FormValue };

export type FormParams = { [key: string]: FormValue };

function encodePair(key: string, value: string): string {
	return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
}

function flatten(prefix: string, value: FormValue, out: string[]): void {
	if (value === undefined) return;
	// Stripe reads an empty value as "unset this field".
	if (value === null) {
		out.push(encodePair(prefix, ''));
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((entry, index) => flatten(`${prefix}[${index}]`, entry, out));
		return;
	}
	if (typeof value === 'object') {
		for (const [key, entry] of Object.entries(value)) flatten(`${prefix}[${key}]`, entry, out);
		return;
	}
	out.push(encodePair(prefix, String(value)));
}

/**
 * Encodes params the way Stripe's own SDKs do: `metadata[order]=1&tax_rates[0]=txr_1`.
 * Undefined values are left out; null becomes `key=` (unset).
 */
export function encodeForm(params: FormParams): string {
	const out: string[] = [];
	for (const [key, value] of Object.entries(params)) flatten(key, value, out);
	return out.join('&');
}
