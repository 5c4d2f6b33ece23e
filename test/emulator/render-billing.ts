// Serializers for coupons, promotion codes, discounts, account tax IDs, cash balances and the
// invoice's PaymentIntent, in the 2026-10-28.endive shape (Coupons.d.ts, PromotionCodes.d.ts,
// Discounts.d.ts, TaxIds.d.ts, CashBalances.d.ts, PaymentIntents.d.ts).
import { createHash } from 'node:crypto';
import { applyExpansions, type ObjectLoader } from './expand';
import { nowSeconds } from './ids';
import type { CouponRec, CustomerRec, DiscountRec, InvoiceRec, PromotionCodeRec, TaxIdRec } from './records';
import type { AccountState } from './store';

/** Coupons.d.ts valid: "Taking account of the above properties, whether this coupon can still be applied". */
export function couponValid(coupon: CouponRec, now = nowSeconds()): boolean {
	return (
		!coupon.deleted &&
		(coupon.redeemBy === null || coupon.redeemBy > now) &&
		(coupon.maxRedemptions === null || coupon.timesRedeemed < coupon.maxRedemptions)
	);
}

/** PromotionCodes.d.ts active: "A promotion code is only active if the coupon is also valid." */
export function promotionCodeActive(
	account: AccountState,
	code: PromotionCodeRec,
	now = nowSeconds(),
): boolean {
	const coupon = account.coupons.get(code.coupon);
	return (
		code.active &&
		!!coupon &&
		couponValid(coupon, now) &&
		(code.expiresAt === null || code.expiresAt > now) &&
		(code.maxRedemptions === null || code.timesRedeemed < code.maxRedemptions)
	);
}

export function serializeCoupon(account: AccountState, coupon: CouponRec): Record<string, unknown> {
	return {
		id: coupon.id,
		object: 'coupon',
		amount_off: coupon.amountOff,
		...(coupon.appliesTo ? { applies_to: { products: [...coupon.appliesTo] } } : {}),
		created: coupon.created,
		currency: coupon.currency,
		duration: coupon.duration,
		duration_in_months: coupon.durationInMonths,
		livemode: account.livemode,
		max_redemptions: coupon.maxRedemptions,
		metadata: coupon.metadata,
		name: coupon.name,
		percent_off: coupon.percentOff === null ? null : Number(coupon.percentOff),
		redeem_by: coupon.redeemBy,
		times_redeemed: coupon.timesRedeemed,
		valid: couponValid(coupon),
	};
}

export function serializePromotionCode(
	account: AccountState,
	code: PromotionCodeRec,
	expand: string[],
	load: ObjectLoader,
): Record<string, unknown> {
	return applyExpansions(
		'promotion_code',
		{
			id: code.id,
			object: 'promotion_code',
			active: promotionCodeActive(account, code),
			code: code.code,
			created: code.created,
			customer: code.customer,
			customer_account: null,
			expires_at: code.expiresAt,
			livemode: account.livemode,
			max_redemptions: code.maxRedemptions,
			metadata: code.metadata,
			promotion: { coupon: code.coupon, type: 'coupon' },
			restrictions: {
				first_time_transaction: code.firstTimeTransaction,
				minimum_amount: code.minimumAmount,
				minimum_amount_currency: code.minimumAmountCurrency,
			},
			times_redeemed: code.timesRedeemed,
		},
		expand,
		load,
	);
}

/** Discounts.d.ts: [M] `source.coupon` is the coupon's id, expandable to the Coupon. */
export function serializeDiscount(
	account: AccountState,
	discount: DiscountRec,
	expand: string[],
	load: ObjectLoader,
): Record<string, unknown> {
	return applyExpansions(
		'discount',
		{
			id: discount.id,
			object: 'discount',
			checkout_session: null,
			customer: discount.customer,
			customer_account: null,
			end: null,
			invoice: discount.invoice,
			invoice_item: discount.invoiceItem,
			promotion_code: discount.promotionCode,
			source: { coupon: discount.coupon, type: 'coupon' },
			start: discount.start,
			subscription: null,
			subscription_item: null,
		},
		expand,
		load,
	);
}

export function serializeTaxId(account: AccountState, taxId: TaxIdRec): Record<string, unknown> {
	return {
		id: taxId.id,
		object: 'tax_id',
		country: taxId.country,
		created: taxId.created,
		customer: null,
		customer_account: null,
		livemode: account.livemode,
		owner: { type: 'self' },
		type: taxId.type,
		value: taxId.value,
		verification: null,
	};
}

export function serializeCashBalance(account: AccountState, customer: CustomerRec): Record<string, unknown> {
	const available = Object.fromEntries(Object.entries(customer.cashBalance).filter(([, v]) => v !== 0));
	return {
		object: 'cash_balance',
		available: Object.keys(available).length > 0 ? available : null,
		customer: customer.id,
		customer_account: null,
		livemode: account.livemode,
		settings: { reconciliation_mode: 'automatic', using_merchant_default: true },
	};
}

/** Deterministic digits for the emulator's virtual bank account numbers. */
function digits(seed: string, count: number): string {
	const hex = createHash('sha256').update(seed).digest('hex');
	return [...hex]
		.map((c) => String(parseInt(c, 16) % 10))
		.join('')
		.slice(0, count);
}

/** [M] One made-up virtual account per transfer type; only the shape follows PaymentIntents.d.ts. */
function financialAddress(type: string, seed: string, country: string | null): Record<string, unknown> {
	const holder = 'Stripe Emulator';
	switch (type) {
		case 'gb_bank_transfer':
			return {
				type: 'sort_code',
				sort_code: { account_holder_name: holder, account_number: digits(seed, 8), sort_code: '108800' },
				supported_networks: ['bacs', 'fps'],
			};
		case 'eu_bank_transfer': {
			const cc = country ?? 'DE';
			return {
				type: 'iban',
				iban: {
					account_holder_name: holder,
					bic: 'SXPYDEHH',
					country: cc,
					iban: `${cc}00${digits(seed, 18)}`,
				},
				supported_networks: ['sepa'],
			};
		}
		case 'jp_bank_transfer':
			return {
				type: 'zengin',
				zengin: {
					account_holder_name: holder,
					account_number: digits(seed, 7),
					account_type: 'futsu',
					bank_code: '0009',
					bank_name: 'Emulator Bank',
					branch_code: '950',
					branch_name: 'Emulator',
				},
				supported_networks: ['zengin'],
			};
		case 'mx_bank_transfer':
			return {
				type: 'spei',
				spei: { bank_code: '002', bank_name: 'Emulator Bank', clabe: digits(seed, 18) },
				supported_networks: ['spei'],
			};
		default:
			return {
				type: 'aba',
				aba: {
					account_holder_name: holder,
					account_number: digits(seed, 12),
					account_type: 'checking',
					bank_name: 'Emulator Bank',
					routing_number: '110000000',
				},
				supported_networks: ['ach', 'domestic_wire_us'],
			};
	}
}

/** The bank transfer settings of an invoice paid by customer_balance, or null. */
export function bankTransferSettings(invoice: InvoiceRec): { type: string; country: string | null } | null {
	const settings = invoice.paymentSettings as Record<string, unknown> | null;
	const types = settings?.payment_method_types;
	if (!Array.isArray(types) || !types.includes('customer_balance')) return null;
	const options = settings?.payment_method_options as
		| Record<string, Record<string, unknown>>
		| null
		| undefined;
	const transfer = options?.customer_balance?.bank_transfer as Record<string, unknown> | undefined;
	const eu = transfer?.eu_bank_transfer as Record<string, unknown> | undefined;
	return {
		type: typeof transfer?.type === 'string' ? transfer.type : defaultTransferType(invoice.currency),
		country: typeof eu?.country === 'string' ? eu.country : null,
	};
}

/** [M] The transfer type a currency's funds arrive by when an invoice names none. */
export function defaultTransferType(currency: string): string {
	return (
		{ eur: 'eu_bank_transfer', gbp: 'gb_bank_transfer', jpy: 'jp_bank_transfer', mxn: 'mx_bank_transfer' }[
			currency
		] ?? 'us_bank_transfer'
	);
}

function paymentIntentStatus(invoice: InvoiceRec): string {
	const payment = invoice.payment!;
	if (payment.status === 'paid') return 'succeeded';
	if (payment.status === 'canceled') return 'canceled';
	return payment.bankTransferReference ? 'requires_action' : 'requires_payment_method';
}

/**
 * The invoice's default payment, as a PaymentIntent. Since API 2025-03-31 the Connect terms given to
 * the invoice (application_fee_amount, transfer_data, on_behalf_of) show here, not on the invoice.
 */
export function serializePaymentIntent(
	account: AccountState,
	invoice: InvoiceRec,
	expand: string[],
	load: ObjectLoader,
): Record<string, unknown> {
	const payment = invoice.payment!;
	const charges = account.charges.filter((c) => c.paymentIntent === payment.paymentIntent);
	const latest = charges[charges.length - 1];
	const status = paymentIntentStatus(invoice);
	const transfer = bankTransferSettings(invoice);
	const settings = invoice.paymentSettings as Record<string, unknown> | null;
	const types = Array.isArray(settings?.payment_method_types) ? settings.payment_method_types : ['card'];
	const nextAction =
		status === 'requires_action' && transfer
			? {
					type: 'display_bank_transfer_instructions',
					display_bank_transfer_instructions: {
						amount_remaining: payment.amountRequested - payment.funded,
						currency: invoice.currency,
						financial_addresses: [financialAddress(transfer.type, invoice.customer, transfer.country)],
						hosted_instructions_url: `https://payments.stripe.com/bank_transfers/instructions/test_${payment.id}`,
						reference: payment.bankTransferReference,
						type: transfer.type,
					},
				}
			: null;
	return applyExpansions(
		'payment_intent',
		{
			id: payment.paymentIntent,
			object: 'payment_intent',
			amount: payment.amountRequested,
			amount_capturable: 0,
			amount_received: payment.status === 'paid' ? (payment.amountPaid ?? 0) : 0,
			application: null,
			application_fee_amount: payment.applicationFeeAmount,
			automatic_payment_methods: null,
			canceled_at: payment.canceledAt,
			cancellation_reason: null,
			capture_method: 'automatic',
			client_secret: payment.clientSecret,
			confirmation_method: 'automatic',
			created: payment.created,
			currency: invoice.currency,
			customer: invoice.customer,
			customer_account: null,
			description: null,
			last_payment_error: null,
			latest_charge: latest?.id ?? null,
			livemode: account.livemode,
			metadata: {},
			next_action: nextAction,
			on_behalf_of: payment.onBehalfOf,
			payment_method: latest?.paymentMethod ?? null,
			payment_method_options: null,
			payment_method_types: types,
			processing: null,
			receipt_email: null,
			review: null,
			setup_future_usage: null,
			shipping: null,
			statement_descriptor: invoice.statementDescriptor,
			statement_descriptor_suffix: null,
			status,
			transfer_data: payment.transferData
				? {
						...(payment.transferData.amount === null ? {} : { amount: payment.transferData.amount }),
						destination: payment.transferData.destination,
					}
				: null,
			transfer_group: null,
		},
		expand,
		load,
	);
}
