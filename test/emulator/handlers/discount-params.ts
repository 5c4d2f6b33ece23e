// The `discounts[]` parameter of invoices, invoice items, add_lines lines and create_preview:
// each entry names a coupon, a promotion code or an existing discount (InvoiceCreateParams.Discount).
// Everything is checked first (planDiscounts), then redeemed (redeemDiscounts) or, for a preview,
// turned into discounts that are not stored (previewDiscounts).
import { ApiError, exclusiveParams, invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { newId, nowSeconds } from '../ids';
import { str } from '../param-readers';
import { p } from '../param-schema';
import type { CouponRec, DiscountRec, PromotionCodeRec } from '../records';
import { couponValid, promotionCodeActive } from '../render-billing';
import type { AccountState } from '../store';

export const discountsSpec = p.array(
	p.object({ coupon: p.string(), discount: p.string(), promotion_code: p.string() }),
);

export interface DiscountPlan {
	coupon: CouponRec;
	promotionCode: PromotionCodeRec | null;
	/** Set when the entry reuses an existing discount. */
	existing: DiscountRec | null;
}

export interface DiscountTarget {
	currency: string;
	customer: string | null;
	/** Discounts an entry of kind `discount` may name (the object's own, or its invoice's). */
	reusable: string[];
}

/** [M] code from the SDK's error-code list; the wording is the emulator's. */
function couponExpired(coupon: CouponRec, param: string): ApiError {
	return invalidRequest(`Coupon expired: ${coupon.id}`, { param, code: 'coupon_expired' });
}

/** A coupon that can be redeemed now, in `currency`. */
export function redeemableCoupon(
	account: AccountState,
	id: string,
	currency: string,
	param: string,
): CouponRec {
	const coupon = account.coupons.get(id);
	if (!coupon || coupon.deleted) throw noSuch('coupon', id, param, false);
	if (!couponValid(coupon)) throw couponExpired(coupon, param);
	if (coupon.amountOff !== null && coupon.currency !== currency && !(currency in coupon.currencyOptions)) {
		// [M] wording: an amount_off coupon only applies in its currency (or its currency_options).
		throw invalidParam(
			param,
			`The coupon ${coupon.id} takes an amount off in ${coupon.currency}, so it cannot be applied to an invoice in ${currency}.`,
		);
	}
	return coupon;
}

/** Whether the customer has paid anything before (promotion codes' first_time_transaction). */
function hasPaidBefore(account: AccountState, customer: string): boolean {
	return [...account.invoices.values()].some((i) => i.customer === customer && i.status === 'paid');
}

function redeemablePromotion(
	account: AccountState,
	id: string,
	target: DiscountTarget,
	param: string,
): { code: PromotionCodeRec; coupon: CouponRec } {
	const code = account.promotionCodes.get(id);
	if (!code) throw noSuch('promotion code', id, param, false);
	// [M] wordings below.
	if (!promotionCodeActive(account, code)) {
		throw invalidParam(param, `The promotion code ${code.code} is not active.`);
	}
	if (code.customer !== null && code.customer !== target.customer) {
		throw invalidParam(param, `The promotion code ${code.code} cannot be redeemed by this customer.`);
	}
	if (code.firstTimeTransaction && target.customer && hasPaidBefore(account, target.customer)) {
		throw invalidParam(
			param,
			`The promotion code ${code.code} can only be redeemed by first-time customers.`,
		);
	}
	return { code, coupon: redeemableCoupon(account, code.coupon, target.currency, param) };
}

/**
 * Checks a `discounts` list. undefined: not given; null or []: no discounts (an empty string clears
 * them, InvoiceUpdateParams.discounts).
 */
export function planDiscounts(
	account: AccountState,
	list: Array<Record<string, unknown>> | null | undefined,
	prefix: string,
	target: DiscountTarget,
): DiscountPlan[] | undefined {
	if (list === undefined) return undefined;
	const plans: DiscountPlan[] = [];
	(list ?? []).forEach((entry, i) => {
		const name = (key: string) => `${prefix}[${i}][${key}]`;
		const keys = (['coupon', 'promotion_code', 'discount'] as const).filter((k) => str(entry, k));
		if (keys.length === 0) throw missingParam(name('coupon')); // [M] which name Stripe reports
		if (keys.length > 1) throw exclusiveParams(keys.map(name));
		const key = keys[0];
		const id = str(entry, key) ?? '';
		if (key === 'coupon') {
			plans.push({
				coupon: redeemableCoupon(account, id, target.currency, name(key)),
				promotionCode: null,
				existing: null,
			});
		} else if (key === 'promotion_code') {
			const { code, coupon } = redeemablePromotion(account, id, target, name(key));
			plans.push({ coupon, promotionCode: code, existing: null });
		} else {
			const existing = account.discounts.get(id);
			if (!existing || !target.reusable.includes(id)) throw noSuch('discount', id, name(key), false); // [M]
			plans.push({ coupon: account.coupons.get(existing.coupon)!, promotionCode: null, existing });
		}
	});
	const seen = new Set<string>();
	plans.forEach((plan, i) => {
		if (seen.has(plan.coupon.id)) {
			// [M] wording; one coupon is redeemed at most once per object.
			throw invalidParam(`${prefix}[${i}]`, `The coupon ${plan.coupon.id} is applied more than once.`);
		}
		seen.add(plan.coupon.id);
	});
	return plans;
}

interface Owner {
	customer: string | null;
	invoice: string | null;
	invoiceItem: string | null;
}

function newDiscount(plan: DiscountPlan, owner: Owner): DiscountRec {
	return {
		id: newId('di'),
		start: nowSeconds(),
		coupon: plan.coupon.id,
		promotionCode: plan.promotionCode?.id ?? null,
		...owner,
	};
}

/**
 * Redeems the plan: new discounts are stored and count against the coupon's (and promotion code's)
 * redemptions [M: counted when applied; removing a discount does not give the redemption back].
 */
export function redeemDiscounts(account: AccountState, plans: DiscountPlan[], owner: Owner): string[] {
	return plans.map((plan) => {
		if (plan.existing) return plan.existing.id;
		const discount = newDiscount(plan, owner);
		account.discounts.set(discount.id, discount);
		plan.coupon.timesRedeemed += 1;
		if (plan.promotionCode) plan.promotionCode.timesRedeemed += 1;
		return discount.id;
	});
}

/** A preview's discounts: made, not stored, nothing redeemed. */
export function previewDiscounts(
	plans: DiscountPlan[],
	owner: Owner,
	into: Map<string, DiscountRec>,
): string[] {
	return plans.map((plan) => {
		if (plan.existing) return plan.existing.id;
		const discount = newDiscount(plan, owner);
		into.set(discount.id, discount);
		return discount.id;
	});
}

/**
 * PromotionCodes.d.ts minimum_amount: "Minimum amount required to redeem this Promotion Code into a
 * Coupon (e.g., a purchase must be $100 or more to work)." [M] checked against the subtotal when
 * the invoice is finalized or previewed (a draft gets its lines after its discounts), in the
 * minimum's currency only.
 */
export function checkPromotionMinimums(
	account: AccountState,
	invoice: { currency: string; discountIds: string[] },
	subtotal: number,
	discounts: Map<string, DiscountRec> = account.discounts,
): void {
	for (const id of invoice.discountIds) {
		const promotion = account.promotionCodes.get(discounts.get(id)?.promotionCode ?? '');
		if (!promotion || promotion.minimumAmount === null) continue;
		if (promotion.minimumAmountCurrency !== invoice.currency || subtotal < promotion.minimumAmount) {
			throw invalidRequest(
				`The promotion code ${promotion.code} requires a minimum amount of ${promotion.minimumAmount} ${promotion.minimumAmountCurrency}; this invoice's subtotal is ${subtotal} ${invoice.currency}.`,
				{ param: 'discounts' },
			);
		}
	}
}
