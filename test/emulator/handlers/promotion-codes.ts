// /v1/promotion_codes: create, retrieve, update (active, metadata), list with `?code=` lookup
// (PromotionCodes.d.ts). A code is redeemed through an invoice's discounts[][promotion_code].
import { invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { parseCurrency } from '../currencies';
import { nowSeconds, newId, randomToken } from '../ids';
import {
	applyMetadata,
	bool,
	expandList,
	int,
	mergeMetadata,
	metadataPatch,
	obj,
	str,
} from '../param-readers';
import { listFields, p } from '../param-schema';
import type { PromotionCodeRec } from '../records';
import { objectLoader } from '../render';
import { couponValid, promotionCodeActive, serializePromotionCode } from '../render-billing';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { requireCustomer } from './customers';
import { checkAmount } from './line-pricing';
import { itemExpansions, matchesCreated, paginate } from './pagination';

/** PromotionCodes.d.ts code: "Valid characters are lower case letters (a-z), upper case letters (A-Z), digits (0-9), and dashes (-)." */
const CODE_PATTERN = /^[A-Za-z0-9-]+$/;

function requireCode(account: AccountState, id: string): PromotionCodeRec {
	const code = account.promotionCodes.get(id);
	if (!code) throw noSuch('promotion code', id, 'promotion_code', true);
	return code;
}

function render(account: AccountState, code: PromotionCodeRec, params: Record<string, unknown>) {
	return serializePromotionCode(account, code, expandList(params), objectLoader(account));
}

/**
 * "Regardless of case, this code must be unique across all active promotion codes for a specific
 * customer" (PromotionCodeCreateParams.code).
 */
function checkUnique(account: AccountState, code: string, customer: string | null, except?: string): void {
	const clash = [...account.promotionCodes.values()].some(
		(other) =>
			other.id !== except &&
			promotionCodeActive(account, other) &&
			other.customer === customer &&
			other.code.toLowerCase() === code.toLowerCase(),
	);
	// [M] wording.
	if (clash) {
		throw invalidRequest(`An active promotion code with the code ${code} already exists.`, {
			param: 'code',
			code: 'resource_already_exists',
		});
	}
}

function createCode(account: AccountState, params: Record<string, unknown>): PromotionCodeRec {
	const promotion = obj(params, 'promotion') ?? {};
	const couponId = str(promotion, 'coupon');
	if (!couponId) throw missingParam('promotion[coupon]');
	const coupon = account.coupons.get(couponId);
	if (!coupon || coupon.deleted) throw noSuch('coupon', couponId, 'promotion[coupon]', false);
	const code =
		str(params, 'code') ??
		randomToken(8)
			.toUpperCase()
			.replace(/[^A-Z0-9]/g, '7');
	if (!CODE_PATTERN.test(code)) {
		throw invalidParam('code', 'Invalid code: use only letters, digits and dashes.'); // [M] wording
	}
	const customerId = str(params, 'customer') ?? null;
	if (customerId) requireCustomer(account, customerId, 'customer');
	const expiresAt = int(params, 'expires_at') ?? null;
	// PromotionCodeCreateParams.expires_at: "cannot be after the coupon's redeems_by". [M] wordings below.
	if (expiresAt !== null && expiresAt <= nowSeconds())
		throw invalidParam('expires_at', 'expires_at must be in the future.');
	if (expiresAt !== null && coupon.redeemBy !== null && expiresAt > coupon.redeemBy) {
		throw invalidParam('expires_at', "expires_at cannot be after the coupon's redeem_by.");
	}
	const max = int(params, 'max_redemptions') ?? null;
	if (max !== null && coupon.maxRedemptions !== null && max > coupon.maxRedemptions) {
		throw invalidParam(
			'max_redemptions',
			"max_redemptions cannot be greater than the coupon's max_redemptions.",
		);
	}
	const restrictions = obj(params, 'restrictions') ?? {};
	const minimum = int(restrictions, 'minimum_amount') ?? null;
	const minimumCurrencyParam = str(restrictions, 'minimum_amount_currency');
	if (minimum !== null && !minimumCurrencyParam) throw missingParam('restrictions[minimum_amount_currency]');
	const minimumCurrency = minimumCurrencyParam
		? parseCurrency(minimumCurrencyParam, 'restrictions[minimum_amount_currency]')
		: null;
	if (minimum !== null) checkAmount(minimum, minimumCurrency!, 'restrictions[minimum_amount]');
	const active = bool(params, 'active') ?? true;
	if (active) checkUnique(account, code, customerId);
	const rec: PromotionCodeRec = {
		id: newId('promo'),
		seq: account.nextSeq(),
		created: nowSeconds(),
		code,
		coupon: coupon.id,
		active,
		customer: customerId,
		expiresAt,
		maxRedemptions: max,
		timesRedeemed: 0,
		firstTimeTransaction: bool(restrictions, 'first_time_transaction') ?? false,
		minimumAmount: minimum,
		minimumAmountCurrency: minimumCurrency,
		metadata: applyMetadata({}, metadataPatch(params)),
	};
	account.promotionCodes.set(rec.id, rec);
	return rec;
}

export const promotionCodeRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/promotion_codes',
		object: 'promotion_code',
		schema: {
			fields: {
				promotion: p.object({ coupon: p.string(), type: p.oneOf('coupon') }, ['type']),
				active: p.bool(),
				code: p.string(500),
				customer: p.string(),
				expand: p.expand(),
				expires_at: p.int(),
				max_redemptions: p.int(1),
				metadata: p.metadata(),
				restrictions: p.object({
					first_time_transaction: p.bool(),
					minimum_amount: p.int(1),
					minimum_amount_currency: p.string(),
				}),
			},
			required: ['promotion'],
		},
		handle: ({ account, params }) => render(account, createCode(account, params), params),
	},
	{
		method: 'GET',
		path: '/v1/promotion_codes',
		object: 'promotion_code',
		list: true,
		schema: {
			fields: {
				...listFields,
				active: p.bool(),
				code: p.string(),
				coupon: p.string(),
				created: p.range(),
				customer: p.string(),
			},
		},
		handle({ account, params }) {
			const expand = itemExpansions(params);
			const active = bool(params, 'active');
			// PromotionCodeListParams.code: "Only return promotion codes that have this case-insensitive code."
			const code = str(params, 'code')?.toLowerCase();
			const coupon = str(params, 'coupon');
			const customer = str(params, 'customer');
			const items = [...account.promotionCodes.values()].filter(
				(c) =>
					(active == null || promotionCodeActive(account, c) === active) &&
					(!code || c.code.toLowerCase() === code) &&
					(!coupon || c.coupon === coupon) &&
					(!customer || c.customer === customer) &&
					matchesCreated(c.created, params.created),
			);
			return paginate(items, params, '/v1/promotion_codes', 'promotion code', (c) =>
				serializePromotionCode(account, c, expand, objectLoader(account)),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/promotion_codes/:id',
		object: 'promotion_code',
		schema: { fields: { expand: p.expand() } },
		handle: ({ account, id, params }) => render(account, requireCode(account, id), params),
	},
	{
		method: 'POST',
		path: '/v1/promotion_codes/:id',
		object: 'promotion_code',
		schema: { fields: { active: p.bool(), metadata: p.metadata(), expand: p.expand() } },
		handle({ account, id, params }) {
			const code = requireCode(account, id);
			const metadata = mergeMetadata(code.metadata, metadataPatch(params));
			const active = bool(params, 'active');
			if (active === true && !code.active) {
				// PromotionCodeUpdateParams.active: "can only be reactivated when the coupon is still valid". [M] wording.
				const coupon = account.coupons.get(code.coupon);
				if (!coupon || !couponValid(coupon)) {
					throw invalidParam(
						'active',
						'This promotion code cannot be reactivated: its coupon is no longer valid.',
					);
				}
				checkUnique(account, code.code, code.customer, code.id);
			}
			if (active != null) code.active = active;
			code.metadata = metadata;
			return render(account, code, params);
		},
	},
];
