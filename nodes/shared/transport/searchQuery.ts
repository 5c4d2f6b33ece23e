/**
 * A value quoted for Stripe's search query language: inside single quotes, with backslashes and
 * quotes escaped, so a value such as `x' OR status:'draft` stays one value and cannot add a clause.
 */
export function quoteSearchValue(value: string): string {
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
