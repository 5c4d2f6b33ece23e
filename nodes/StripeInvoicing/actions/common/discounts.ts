import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';
import { endpoints } from '../../../shared/transport/endpoints';
import type { StripeList } from '../../../shared/transport/stripeClient';
import type { DiscountRef, StripePromotionCode } from '../../../shared/transport/types';
import type { SendContext, StripeReader } from '../operation';
import { describeValue, invalid } from './parse/invalid';
import { isStripeId } from '../../../shared/transport/stripePath';
import type { RowInput } from './rowInput';
import { invalidInput } from './validation';

/** Stripe applies at most 20 discounts to an invoice or a line. */
export const MAX_DISCOUNTS = 20;

const DISCOUNT_KINDS = [
	{ name: 'Coupon ID', value: 'coupon', description: 'A coupon, e.g. SUMMER25 or a generated ID' },
	{ name: 'Discount ID', value: 'discount', description: 'An existing discount (ID di_…)' },
	{
		name: 'Promotion Code (as Typed)',
		value: 'promotionCode',
		description:
			'The code a customer typed, e.g. WELCOME10: looked up among active promotion codes before anything is written',
	},
	{
		name: 'Promotion Code ID',
		value: 'promotionCodeId',
		description: 'A promotion code by its ID (promo_…)',
	},
];

/** An invoice's discounts, each of a kind the person picks (a typed code is looked up). */
export const discountsOption: INodeProperties = {
	displayName: 'Discounts',
	name: 'discounts',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Discount',
	description: `Coupons, promotion codes or existing discounts for the whole invoice, applied in order to its discountable lines (at most ${MAX_DISCOUNTS})`,
	options: [
		{
			name: 'discount',
			displayName: 'Discount',
			values: [
				{ displayName: 'Type', name: 'type', type: 'options', default: 'coupon', options: DISCOUNT_KINDS },
				{
					displayName: 'Value',
					name: 'value',
					type: 'string',
					default: '',
					placeholder: 'e.g. SUMMER25',
					description: 'The coupon ID, promotion code or discount ID',
				},
			],
		},
	],
};

/** A discount as read from a row: Stripe's reference, or a customer-typed code still to look up. */
export type DiscountInput = DiscountRef | { typedCode: string };

// A coupon ID is the account's own text: printable, no spaces or form-structure brackets.
const COUPON_ID = /^[\x21-\x5a\x5c\x5e-\x7e]{1,200}$/;
// Promotion codes are letters and digits (Stripe's rule for `code`).
const TYPED_CODE = /^[A-Za-z0-9]{1,500}$/;

function couponId(value: string): string {
	if (!COUPON_ID.test(value))
		invalid(
			`"${value.slice(0, 60)}" is not a coupon ID (letters, digits and symbols, no spaces or brackets)`,
		);
	return value;
}

function stripeIdOf(value: string, kind: 'promotionCode' | 'discount'): string {
	const { prefix, label }: { prefix: string; label: string } = STRIPE_OBJECTS[kind];
	const shown = value.slice(0, 60);
	if (!isStripeId(value, prefix)) invalid(`"${shown}" is not a ${label} ID (${prefix}…)`);
	return value;
}

function oneDiscount(kind: unknown, raw: unknown): DiscountInput {
	if (typeof raw !== 'string' || raw.trim() === '')
		invalid(`every discount needs a value, got ${describeValue(raw)}`);
	const value = raw.trim();
	switch (kind) {
		case 'coupon':
			return { coupon: couponId(value) };
		case 'promotionCodeId':
			return { promotion_code: stripeIdOf(value, 'promotionCode') };
		case 'discount':
			return { discount: stripeIdOf(value, 'discount') };
		case 'promotionCode':
			if (!TYPED_CODE.test(value))
				invalid(`"${value.slice(0, 60)}" is not a promotion code (letters and digits)`);
			return { typedCode: value };
		default:
			return invalid(
				`type must be one of ${DISCOUNT_KINDS.map((k) => `"${k.value}"`).join(', ')}, got ${describeValue(kind)}`,
			);
	}
}

/** The invoice's Discounts collection, in order; undefined when none. */
export function readDiscounts(
	row: RowInput,
	value: unknown,
	field = 'Discounts',
): DiscountInput[] | undefined {
	return row.check(field, () => {
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'object' || Array.isArray(value))
			invalid(`must be a list of discounts, got ${describeValue(value)}`);
		const entries = (value as IDataObject).discount ?? [];
		if (!Array.isArray(entries)) invalid(`must be a list of discounts, got ${describeValue(entries)}`);
		if (entries.length > MAX_DISCOUNTS)
			invalid(`has ${entries.length} discounts; Stripe allows ${MAX_DISCOUNTS}`);
		const discounts = (entries as IDataObject[]).map((entry) => oneDiscount(entry?.type, entry?.value));
		return discounts.length ? discounts : undefined;
	});
}

/**
 * A line's discounts, as a list or comma-separated text of IDs: `promo_…` is a promotion code,
 * `di_…` an existing discount, anything else a coupon ID. (A customer-typed code belongs on the
 * invoice's own Discounts.)
 */
export function readLineDiscounts(row: RowInput, value: unknown, field: string): DiscountRef[] | undefined {
	return row.check(field, () => {
		if (value === undefined || value === null || value === '') return undefined;
		const texts = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value
						.split(',')
						.map((part) => part.trim())
						.filter(Boolean)
				: invalid(`must be discount IDs (a list, or text separated by commas), got ${describeValue(value)}`);
		if (texts.length > MAX_DISCOUNTS)
			invalid(`has ${texts.length} discounts; Stripe allows ${MAX_DISCOUNTS}`);
		const refs = texts.map((text) => {
			if (typeof text !== 'string')
				invalid(`every discount must be an ID (text), got ${describeValue(text)}`);
			if (text.startsWith(STRIPE_OBJECTS.promotionCode.prefix)) return oneDiscount('promotionCodeId', text);
			if (text.startsWith(STRIPE_OBJECTS.discount.prefix)) return oneDiscount('discount', text);
			return oneDiscount('coupon', text);
		});
		return refs.length ? (refs as DiscountRef[]) : undefined;
	});
}

export function hasTypedCodes(discounts: DiscountInput[] | undefined): boolean {
	return (discounts ?? []).some((discount) => 'typedCode' in discount);
}

/**
 * Stripe's references for the discounts: a customer-typed promotion code is looked up among the
 * account's active codes (case-insensitively, as Stripe matches codes) before the batch writes.
 * An unknown or inactive code stops the row, naming it.
 */
export async function resolveDiscounts(
	stripe: StripeReader,
	discounts: DiscountInput[] | undefined,
	context: SendContext,
): Promise<DiscountRef[] | undefined> {
	if (!discounts) return undefined;
	const resolved: DiscountRef[] = [];
	for (const discount of discounts) {
		if (!('typedCode' in discount)) {
			resolved.push(discount);
			continue;
		}
		const found = await stripe.get<StripeList<StripePromotionCode>>(endpoints.promotionCodes, {
			code: discount.typedCode,
			active: true,
			limit: 1,
		});
		const code = found.data[0];
		if (!code)
			throw invalidInput(
				context.node,
				context.itemIndex,
				'Discounts',
				`no active promotion code "${discount.typedCode}" in this Stripe account`,
			);
		resolved.push({ promotion_code: code.id });
	}
	return resolved;
}
