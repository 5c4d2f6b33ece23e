/**
 * The only way to name a Stripe endpoint in this package. A path is a tagged template:
 *
 *   stripePath`/v1/invoices/${invoiceId}/pay`
 *
 * Each interpolated value must be a Stripe ID of the kind its collection holds (an `in_…` after
 * `/v1/invoices/`, an `ii_…` after `/v1/invoiceitems/`), and is percent-encoded. So no value a
 * user typed — `in_1/../../customers/cus_2`, `in_1?amount=5`, `in_1#` — can make a call reach a
 * different endpoint than the one its operation names. The result is a branded type: the client
 * accepts nothing else, so a path built by concatenation does not compile.
 */

import { STRIPE_OBJECTS, type StripeObjectKind } from '../stripeObjects';

declare const stripePathBrand: unique symbol;
export type StripePath = string & { readonly [stripePathBrand]: true };

/** Stripe IDs: the object's prefix, then letters, digits and underscores (test IDs like `pm_card_visa`). */
const ID_BODY = '[A-Za-z0-9][A-Za-z0-9_]*';
const MAX_ID_LENGTH = 255;

/** The shape of a Stripe ID with this prefix, as a regex source (for resource locators too). */
export function idPatternSource(prefix: string): string {
	return `${prefix}${ID_BODY}`;
}

// One compiled pattern per prefix: every path and every ID field is checked with it.
const ID_PATTERNS = new Map<string, RegExp>();

export function isStripeId(value: unknown, prefix: string): value is string {
	if (typeof value !== 'string' || value.length > MAX_ID_LENGTH) return false;
	let pattern = ID_PATTERNS.get(prefix);
	if (!pattern) {
		pattern = new RegExp(`^${idPatternSource(prefix)}$`);
		ID_PATTERNS.set(prefix, pattern);
	}
	return pattern.test(value);
}

/** Which ID prefix belongs in the path segment after each collection (`/v1/invoices/` → `in_`). */
const PREFIX_BY_COLLECTION: Record<string, string> = Object.fromEntries(
	Object.values(STRIPE_OBJECTS as Record<string, StripeObjectKind>)
		.filter((kind) => kind.collection)
		.map((kind) => [`${kind.collection}/`, kind.prefix]),
);

export class UnsafePathError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'UnsafePathError';
	}
}

function prefixBefore(literal: string): string {
	const collection = Object.keys(PREFIX_BY_COLLECTION).find((name) => literal.endsWith(name));
	if (!collection) throw new UnsafePathError(`No Stripe ID belongs after "${literal}"`);
	return PREFIX_BY_COLLECTION[collection];
}

export function stripePath(literals: TemplateStringsArray, ...ids: unknown[]): StripePath {
	let path = literals[0];
	ids.forEach((id, index) => {
		const prefix = prefixBefore(path);
		if (!isStripeId(id, prefix)) {
			throw new UnsafePathError(
				`Refusing to call Stripe: ${JSON.stringify(String(id)).slice(0, 80)} is not a Stripe ID starting with "${prefix}"`,
			);
		}
		path += encodeURIComponent(id) + literals[index + 1];
	});
	if (!/^\/v1\/[a-z_/]+$/.test(literals.join('')))
		throw new UnsafePathError(`Not a Stripe API path: ${path}`);
	return path as StripePath;
}

/**
 * The endpoint a call counts against in Stripe's per-endpoint rate limit: the method and the path
 * template, IDs replaced by `:id` (`POST /v1/invoices/:id/pay`). Only stripePath builds paths, and
 * it puts an ID only right after a collection, so that is the only segment that can be one.
 */
export function endpointOf(method: string, path: StripePath): string {
	const segments = path.split('/');
	const template = segments.map((segment, index) => {
		const collection = `${segments.slice(0, index).join('/')}/`;
		const prefix = PREFIX_BY_COLLECTION[collection];
		return prefix !== undefined && segment.startsWith(prefix) ? ':id' : segment;
	});
	return `${method} ${template.join('/')}`;
}
