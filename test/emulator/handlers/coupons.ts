// /v1/coupons: create, retrieve, update (name, metadata), delete, list (Coupons.d.ts).
import { exclusiveParams, invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { parseCurrency } from '../currencies';
import { newId, nowSeconds } from '../ids';
import { applyMetadata, int, mergeMetadata, metadataPatch, obj, str, strList } from '../param-readers';
import { listFields, p } from '../param-schema';
import type { CouponRec } from '../records';
import { serializeCoupon } from '../render-billing';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { checkAmount } from './line-pricing';
import { matchesCreated, paginate } from './pagination';

const FIVE_YEARS = 5 * 365 * 86400;

export function requireCoupon(account: AccountState, id: string): CouponRec {
	const coupon = account.coupons.get(id);
	if (!coupon || coupon.deleted) throw noSuch('coupon', id, 'coupon', true);
	return coupon;
}

/** CouponCreateParams: "A positive float larger than 0, and smaller or equal to 100". */
function readPercentOff(params: Record<string, unknown>): string | null {
	const value = params.percent_off;
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !(value > 0)) {
		throw invalidParam('percent_off', 'Invalid percent_off: must be larger than 0 and at most 100.'); // [M]
	}
	return String(value);
}

function readCurrencyOptions(params: Record<string, unknown>): Record<string, number> {
	const options = obj(params, 'currency_options') ?? {};
	const out: Record<string, number> = {};
	for (const [key, value] of Object.entries(options)) {
		const currency = parseCurrency(key, `currency_options[${key}]`);
		const amount = int((value ?? {}) as Record<string, unknown>, 'amount_off');
		if (amount == null) throw missingParam(`currency_options[${key}][amount_off]`);
		checkAmount(amount, currency, `currency_options[${key}][amount_off]`);
		out[currency] = amount;
	}
	return out;
}

function createCoupon(account: AccountState, params: Record<string, unknown>): CouponRec {
	const id = str(params, 'id') ?? newId('').slice(1, 9);
	// [M] code and wording; Stripe refuses a second coupon with the same id.
	if (account.coupons.has(id)) {
		throw invalidRequest('Coupon already exists.', { param: 'id', code: 'resource_already_exists' });
	}
	const percentOff = readPercentOff(params);
	const amountOff = int(params, 'amount_off') ?? null;
	if (percentOff !== null && amountOff !== null) throw exclusiveParams(['percent_off', 'amount_off']);
	if (percentOff === null && amountOff === null) {
		// [M] wording.
		throw invalidRequest('You must specify either percent_off or amount_off.', {
			param: 'percent_off',
			validation: true,
		});
	}
	const currencyParam = str(params, 'currency');
	if (amountOff !== null && !currencyParam) throw missingParam('currency');
	const currency = amountOff !== null ? parseCurrency(currencyParam ?? '', 'currency') : null;
	if (amountOff !== null) checkAmount(amountOff, currency!, 'amount_off');
	const currencyOptions = readCurrencyOptions(params);
	if (Object.keys(currencyOptions).length > 0 && amountOff === null) {
		throw invalidParam('currency_options', 'currency_options can only be used with amount_off.'); // [M]
	}
	const duration = (str(params, 'duration') ?? 'once') as CouponRec['duration'];
	const months = int(params, 'duration_in_months') ?? null;
	if (duration === 'repeating' && months === null) throw missingParam('duration_in_months');
	if (duration !== 'repeating' && months !== null) {
		throw invalidParam(
			'duration_in_months',
			"duration_in_months can only be set when duration is 'repeating'.",
		); // [M]
	}
	const redeemBy = int(params, 'redeem_by') ?? null;
	const now = nowSeconds();
	if (redeemBy !== null && (redeemBy <= now || redeemBy > now + FIVE_YEARS)) {
		// CouponCreateParams.redeem_by: "cannot be set to more than 5 years in the future". [M] wording.
		throw invalidParam('redeem_by', 'redeem_by must be in the future and at most 5 years from now.');
	}
	const products = strList(obj(params, 'applies_to') ?? {}, 'products');
	for (const [i, product] of (products ?? []).entries()) {
		if (!account.products.has(product)) throw noSuch('product', product, `applies_to[products][${i}]`, false);
	}
	const coupon: CouponRec = {
		id,
		seq: account.nextSeq(),
		created: now,
		name: str(params, 'name') ?? null,
		percentOff,
		amountOff,
		currency,
		currencyOptions,
		duration,
		durationInMonths: months,
		maxRedemptions: int(params, 'max_redemptions') ?? null,
		redeemBy,
		timesRedeemed: 0,
		appliesTo: products ?? null,
		metadata: applyMetadata({}, metadataPatch(params)),
		deleted: false,
	};
	account.coupons.set(coupon.id, coupon);
	return coupon;
}

export const couponRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/coupons',
		object: 'coupon',
		schema: {
			fields: {
				id: p.string(),
				amount_off: p.int(1),
				applies_to: p.object({ products: p.array(p.string()) }),
				currency: p.string(),
				currency_options: p.hash(),
				duration: p.oneOf('forever', 'once', 'repeating'),
				duration_in_months: p.int(1),
				expand: p.expand(),
				max_redemptions: p.int(1),
				metadata: p.metadata(),
				// [M] Stripe's limit on a coupon's name.
				name: p.string(40),
				percent_off: p.number(0, 100),
				redeem_by: p.int(),
			},
		},
		handle: ({ account, params }) => serializeCoupon(account, createCoupon(account, params)),
	},
	{
		method: 'GET',
		path: '/v1/coupons',
		object: 'coupon',
		list: true,
		schema: { fields: { ...listFields, created: p.range() } },
		handle({ account, params }) {
			const items = [...account.coupons.values()].filter(
				(c) => !c.deleted && matchesCreated(c.created, params.created),
			);
			return paginate(items, params, '/v1/coupons', 'coupon', (c) => serializeCoupon(account, c));
		},
	},
	{
		method: 'GET',
		path: '/v1/coupons/:id',
		object: 'coupon',
		schema: { fields: { expand: p.expand() } },
		handle: ({ account, id }) => serializeCoupon(account, requireCoupon(account, id)),
	},
	{
		method: 'POST',
		path: '/v1/coupons/:id',
		object: 'coupon',
		// CouponUpdateParams: "Other coupon details (currency, duration, amount_off) are, by design, not editable."
		schema: { fields: { name: p.string(40), metadata: p.metadata(), expand: p.expand() } },
		handle({ account, id, params }) {
			const coupon = requireCoupon(account, id);
			const metadata = mergeMetadata(coupon.metadata, metadataPatch(params));
			const name = str(params, 'name');
			if (name !== undefined) coupon.name = name;
			coupon.metadata = metadata;
			return serializeCoupon(account, coupon);
		},
	},
	{
		method: 'DELETE',
		path: '/v1/coupons/:id',
		schema: { fields: {} },
		handle({ account, id }) {
			// Coupons.d.ts: deleting "does not affect any customers who have already applied the coupon".
			requireCoupon(account, id).deleted = true;
			return { id, object: 'coupon', deleted: true };
		},
	},
];
