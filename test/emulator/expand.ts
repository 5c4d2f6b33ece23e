// `expand[]` paths: which fields each object lets you expand, the depth limit, and the walk that
// swaps ids for objects. docs.stripe.com/api/expanding_objects: only fields labelled expandable,
// recursively with dots, "a maximum depth of four levels".
import { invalidRequest } from './api-error';

export type ObjectKind =
	| 'invoice'
	| 'invoiceitem'
	| 'customer'
	| 'payment_method'
	| 'price'
	| 'product'
	| 'tax_rate'
	| 'coupon'
	| 'promotion_code'
	| 'discount'
	| 'tax_id'
	| 'payment_intent';

/**
 * ref: an id that expands into that object. nested: a plain hash whose fields may be expandable.
 * include: a field left out unless expanded (the serializer adds it). opaque: expandable in Stripe but
 * always null here, or an object the emulator does not model; accepted, nothing to do.
 */
type Field = { ref: ObjectKind } | { nested: Fields } | 'include' | 'opaque';
type Fields = Record<string, Field>;

const MAX_DEPTH = 4;

const TREE: Record<ObjectKind, Fields> = {
	invoice: {
		customer: { ref: 'customer' },
		default_payment_method: { ref: 'payment_method' },
		payments: 'include',
		confirmation_secret: 'include',
		account_tax_ids: { ref: 'tax_id' },
		application: 'opaque',
		default_source: 'opaque',
		discounts: { ref: 'discount' },
		total_discount_amounts: { nested: { discount: { ref: 'discount' } } },
		latest_revision: 'opaque',
		// [M] line expansions (lines.data.…) are accepted and not applied.
		lines: 'opaque',
		on_behalf_of: 'opaque',
		test_clock: 'opaque',
	},
	invoiceitem: {
		customer: { ref: 'customer' },
		invoice: { ref: 'invoice' },
		discounts: { ref: 'discount' },
		test_clock: 'opaque',
		pricing: { nested: { price_details: { nested: { price: { ref: 'price' } } } } },
	},
	customer: {
		invoice_settings: { nested: { default_payment_method: { ref: 'payment_method' } } },
		default_source: 'opaque',
		test_clock: 'opaque',
		cash_balance: 'include',
		invoice_credit_balance: 'opaque',
		sources: 'opaque',
		subscriptions: 'opaque',
		tax: 'include',
		tax_ids: 'opaque',
	},
	payment_method: { customer: { ref: 'customer' } },
	price: { product: { ref: 'product' }, currency_options: 'opaque', tiers: 'opaque' },
	product: { default_price: 'opaque', tax_code: 'opaque' },
	tax_rate: {},
	coupon: { applies_to: 'opaque', currency_options: 'include' },
	promotion_code: {
		customer: { ref: 'customer' },
		promotion: { nested: { coupon: { ref: 'coupon' } } },
	},
	discount: {
		customer: { ref: 'customer' },
		promotion_code: { ref: 'promotion_code' },
		source: { nested: { coupon: { ref: 'coupon' } } },
	},
	tax_id: { customer: { ref: 'customer' } },
	payment_intent: {
		customer: { ref: 'customer' },
		payment_method: { ref: 'payment_method' },
		application: 'opaque',
		latest_charge: 'opaque',
		on_behalf_of: 'opaque',
		review: 'opaque',
		source: 'opaque',
		payment_record: 'opaque',
	},
};

function fieldOf(fields: Fields, name: string): Field | undefined {
	return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : undefined;
}

function validPath(fields: Fields, segments: string[]): boolean {
	const field = fieldOf(fields, segments[0]);
	if (field === undefined) return false;
	// A plain hash is not itself expandable; only its expandable fields are.
	if (segments.length === 1) return typeof field === 'string' || 'ref' in field;
	if (typeof field === 'string') return true;
	return validPath('nested' in field ? field.nested : TREE[field.ref], segments.slice(1));
}

/**
 * Refuses unknown or too-deep paths before the endpoint runs (nothing is changed or stored). For a
 * list only `data.…` paths are checked here; the handler explains a missing `data.` prefix.
 */
export function checkExpansions(kind: ObjectKind, paths: string[], list: boolean): void {
	for (const path of paths) {
		const segments = path.split('.');
		if (segments.length > MAX_DEPTH) {
			// [M] wording.
			throw invalidRequest(
				`This property cannot be expanded (${path}): expansions can be at most four levels deep.`,
				{ validation: true },
			);
		}
		if (list && (segments[0] !== 'data' || segments.length === 1)) continue;
		const own = list ? segments.slice(1) : segments;
		if (!validPath(TREE[kind], own)) {
			throw invalidRequest(`This property cannot be expanded (${path}).`, { validation: true });
		}
	}
}

/** Serializes the object `id` of `kind` with its own expansions, or undefined when it does not exist. */
export type ObjectLoader = (
	kind: ObjectKind,
	id: string,
	expand: string[],
) => Record<string, unknown> | undefined;

function applyFields(
	fields: Fields,
	body: Record<string, unknown>,
	paths: string[],
	load: ObjectLoader,
): void {
	// Group by first segment so one object is loaded once with all of its sub-paths.
	const byHead = new Map<string, string[]>();
	for (const path of paths) {
		const [head, ...rest] = path.split('.');
		const rests = byHead.get(head) ?? [];
		if (rest.length > 0) rests.push(rest.join('.'));
		byHead.set(head, rests);
	}
	for (const [head, rests] of byHead) {
		const field = fieldOf(fields, head);
		if (field === undefined || typeof field === 'string') continue;
		const value = body[head];
		// A list of ids (discounts, account_tax_ids) or of hashes (total_discount_amounts) expands per element.
		const expandOne = (element: unknown): unknown => {
			if ('nested' in field) {
				if (typeof element === 'object' && element !== null) {
					applyFields(field.nested, element as Record<string, unknown>, rests, load);
				}
				return element;
			}
			return typeof element === 'string' ? (load(field.ref, element, rests) ?? element) : element;
		};
		body[head] = Array.isArray(value) ? value.map(expandOne) : expandOne(value);
	}
}

/** Replaces expandable ids in `body` (an object of `kind`) with the objects; `paths` were checked. */
export function applyExpansions(
	kind: ObjectKind,
	body: Record<string, unknown>,
	paths: string[],
	load: ObjectLoader,
): Record<string, unknown> {
	if (paths.length > 0) applyFields(TREE[kind], body, paths, load);
	return body;
}
