// Serializers: internal records -> API objects in the 2026-10-28.endive shape.
// Decimal fields are JSON strings; timestamps are integer seconds.
import { applyExpansions, type ObjectLoader } from './expand';
import { JURISDICTIONS, taxLocation } from './pricing/automatic-tax';
import {
	computeTotals,
	type InvoiceTotals,
	type PricingContext,
	invoiceItems,
} from './pricing/invoice-totals';
import {
	serializeCashBalance,
	serializeCoupon,
	serializeDiscount,
	serializePaymentIntent,
	serializePromotionCode,
	serializeTaxId,
} from './render-billing';
import type { AccountState } from './store';
import type {
	AddressRec,
	CustomerRec,
	InvoiceItemRec,
	InvoiceRec,
	PaymentMethodRec,
	PriceRec,
	ProductRec,
	ShippingRec,
	TaxRateRec,
} from './records';

export { computeTotals } from './pricing/invoice-totals';

/** How many lines are embedded in an invoice's `lines` list (the rest via /lines pagination). */
export const EMBEDDED_LINES = 10;

/**
 * A draft's starting balance is the customer's balance now (the SDK's Invoice type: "If the invoice
 * has not been finalized yet, this will be the current customer balance"); finalization freezes it.
 */
export function startingBalance(account: AccountState, invoice: InvoiceRec): number {
	if (invoice.status !== 'draft') return invoice.startingBalance;
	return account.customers.get(invoice.customer)?.balance ?? 0;
}

/**
 * While a draft, amount_due is the total with the customer's balance applied (a positive balance,
 * owed, is added; a credit reduces it, never below 0): what finalizing would ask for. Finalization
 * freezes it.
 */
export function amountDue(
	account: AccountState,
	invoice: InvoiceRec,
	totals: InvoiceTotals = computeTotals(account, invoice),
): number {
	return invoice.amountDue ?? Math.max(0, totals.total + startingBalance(account, invoice));
}

export function lineCount(invoice: InvoiceRec): number {
	return invoice.itemIds.length;
}

export function serializeTaxRate(account: AccountState, rate: TaxRateRec): Record<string, unknown> {
	return {
		id: rate.id,
		object: 'tax_rate',
		active: rate.active,
		country: rate.country,
		created: rate.created,
		description: rate.description,
		display_name: rate.displayName,
		effective_percentage: Number(rate.percentage),
		flat_amount: null,
		inclusive: rate.inclusive,
		jurisdiction: rate.jurisdiction,
		jurisdiction_level: rate.jurisdictionLevel,
		livemode: account.livemode,
		metadata: rate.metadata,
		percentage: Number(rate.percentage),
		rate_type: 'percentage',
		state: rate.state,
		tax_type: rate.taxType,
	};
}

function pricing(item: InvoiceItemRec): Record<string, unknown> {
	return {
		type: 'price_details',
		price_details: { price: item.price, product: item.product },
		unit_amount_decimal: item.unitAmountDecimal,
	};
}

function quantityOf(item: InvoiceItemRec): number {
	// [M] quantity is an integer field; fractional quantities are rounded for it (quantity_decimal is exact).
	return Math.round(Number(item.quantityDecimal));
}

export function serializeInvoiceItem(
	account: AccountState,
	item: InvoiceItemRec,
	expand: string[] = [],
): Record<string, unknown> {
	return applyExpansions(
		'invoiceitem',
		{
			id: item.id,
			object: 'invoiceitem',
			amount: item.amount,
			currency: item.currency,
			customer: item.customer,
			customer_account: null,
			date: item.date,
			description: item.description,
			discountable: item.discountable,
			discounts: [...item.discountIds],
			invoice: item.invoice,
			livemode: account.livemode,
			metadata: item.metadata,
			parent: null,
			period: { end: item.periodEnd, start: item.periodStart },
			pricing: pricing(item),
			proration: false,
			quantity: quantityOf(item),
			quantity_decimal: item.quantityDecimal,
			tax_rates: item.taxRates
				.map((id) => account.taxRates.get(id))
				.filter((r): r is TaxRateRec => r !== undefined)
				.map((r) => serializeTaxRate(account, r)),
			test_clock: null,
		},
		expand,
		loader(account),
	);
}

/**
 * One invoice line. `discount_amounts` lists every discount that applied to the line (its own, then
 * the invoice's); `discounts` names the line's own [M]; `pretax_credit_amounts` repeats the
 * discount amounts as type `discount` [M].
 */
export function serializeLine(
	account: AccountState,
	item: InvoiceItemRec,
	invoice: InvoiceRec,
	totals: InvoiceTotals,
): Record<string, unknown> {
	const line = totals.lines.get(item.id);
	const discountAmounts = line?.discountAmounts ?? [];
	return {
		id: item.lineId,
		object: 'line_item',
		amount: item.amount,
		currency: item.currency,
		description: item.description,
		discount_amounts: discountAmounts.map((d) => ({ ...d })),
		discountable: item.discountable,
		discounts: [...item.discountIds],
		invoice: invoice.id,
		livemode: account.livemode,
		metadata: item.metadata,
		parent: {
			type: 'invoice_item_details',
			invoice_item_details: {
				invoice_item: item.id,
				proration: false,
				proration_details: { credited_items: null },
				subscription: null,
			},
			subscription_item_details: null,
		},
		period: { end: item.periodEnd, start: item.periodStart },
		pretax_credit_amounts: discountAmounts.map((d) => ({
			amount: d.amount,
			credit_balance_transaction: null,
			discount: d.discount,
			type: 'discount',
		})),
		pricing: pricing(item),
		quantity: quantityOf(item),
		quantity_decimal: item.quantityDecimal,
		subscription: null,
		subtotal: item.amount,
		taxes: line?.taxes ?? [],
	};
}

export function serializeLines(
	account: AccountState,
	invoice: InvoiceRec,
	totals: InvoiceTotals,
	ctx: PricingContext = {},
): Record<string, unknown>[] {
	return invoiceItems(account, invoice, ctx).map((item) => serializeLine(account, item, invoice, totals));
}

function serializeAddress(address: AddressRec | null): Record<string, unknown> | null {
	return address && { ...address };
}

function serializeShipping(shipping: ShippingRec | null): Record<string, unknown> | null {
	return shipping && { address: { ...shipping.address }, name: shipping.name, phone: shipping.phone };
}

export function serializeCustomer(
	account: AccountState,
	customer: CustomerRec,
	expand: string[] = [],
): Record<string, unknown> {
	return applyExpansions(
		'customer',
		{
			id: customer.id,
			object: 'customer',
			address: serializeAddress(customer.address),
			balance: customer.balance,
			created: customer.created,
			currency: customer.currency,
			default_source: null,
			delinquent: false,
			description: customer.description,
			discount: null,
			email: customer.email,
			invoice_prefix: customer.invoicePrefix,
			invoice_settings: {
				custom_fields: null,
				default_payment_method: customer.defaultPaymentMethod,
				footer: null,
				rendering_options: null,
			},
			livemode: account.livemode,
			metadata: customer.metadata,
			name: customer.name,
			next_invoice_sequence: customer.nextInvoiceSequence,
			phone: customer.phone,
			preferred_locales: [],
			shipping: serializeShipping(customer.shipping),
			tax_exempt: customer.taxExempt,
			test_clock: null,
			...customerIncludes(account, customer, expand),
		},
		expand,
		loader(account),
	);
}

/** `tax` and `cash_balance` are includable fields: present only when expanded. */
function customerIncludes(
	account: AccountState,
	customer: CustomerRec,
	expand: string[],
): Record<string, unknown> {
	const heads = new Set(expand.map((path) => path.split('.')[0]));
	const out: Record<string, unknown> = {};
	if (heads.has('tax')) {
		const location = taxLocation(customer);
		const collecting = location && JURISDICTIONS.some((j) => j.country === location.country);
		out.tax = {
			// [M] "supported" where the jurisdiction table has a registration, else "not_collecting".
			automatic_tax: !location ? 'unrecognized_location' : collecting ? 'supported' : 'not_collecting',
			ip_address: customer.taxIpAddress,
			location: location && { country: location.country, source: location.source, state: location.state },
			provider: 'stripe',
		};
	}
	if (heads.has('cash_balance')) out.cash_balance = serializeCashBalance(account, customer);
	return out;
}

/** The card details the test token stands for; billing details are not modelled. */
export function serializePaymentMethod(
	account: AccountState,
	pm: PaymentMethodRec,
	expand: string[] = [],
): Record<string, unknown> {
	return applyExpansions(
		'payment_method',
		{
			id: pm.id,
			object: 'payment_method',
			allow_redisplay: 'unspecified',
			billing_details: { address: null, email: null, name: null, phone: null, tax_id: null },
			card: {
				brand: pm.card.brand,
				country: 'US',
				exp_month: 12,
				exp_year: 2034,
				funding: 'credit',
				last4: pm.card.last4,
			},
			created: pm.created,
			customer: pm.customer,
			livemode: account.livemode,
			metadata: {},
			type: 'card',
		},
		expand,
		loader(account),
	);
}

export function serializeProduct(
	account: AccountState,
	product: ProductRec,
	expand: string[] = [],
): Record<string, unknown> {
	return applyExpansions(
		'product',
		{
			id: product.id,
			object: 'product',
			active: product.active,
			created: product.created,
			description: product.description,
			images: [],
			livemode: account.livemode,
			metadata: product.metadata,
			name: product.name,
			tax_code: product.taxCode,
			type: 'service',
			updated: product.created,
		},
		expand,
		loader(account),
	);
}

export function serializePrice(
	account: AccountState,
	price: PriceRec,
	expand: string[] = [],
): Record<string, unknown> {
	const whole = /^-?\d+$/.test(price.unitAmountDecimal);
	return applyExpansions(
		'price',
		{
			id: price.id,
			object: 'price',
			active: price.active,
			billing_scheme: 'per_unit',
			created: price.created,
			currency: price.currency,
			custom_unit_amount: null,
			livemode: account.livemode,
			lookup_key: null,
			metadata: price.metadata,
			nickname: price.nickname,
			product: price.product,
			recurring: null,
			tax_behavior: price.taxBehavior,
			tiers_mode: null,
			transform_quantity: null,
			type: 'one_time',
			unit_amount: whole ? Number(price.unitAmountDecimal) : null,
			unit_amount_decimal: price.unitAmountDecimal,
		},
		expand,
		loader(account),
	);
}

/** Loads expanded objects by id; each applies its own deeper expansions. */
function loader(account: AccountState): ObjectLoader {
	return (kind, id, expand) => {
		switch (kind) {
			case 'customer': {
				const rec = account.customers.get(id);
				return rec && serializeCustomer(account, rec, expand);
			}
			case 'invoice': {
				const rec = account.invoices.get(id);
				return rec && serializeInvoice(account, rec, expand);
			}
			case 'payment_method': {
				const rec = account.paymentMethods.get(id);
				return rec && serializePaymentMethod(account, rec, expand);
			}
			case 'price': {
				const rec = account.prices.get(id);
				return rec && serializePrice(account, rec, expand);
			}
			case 'product': {
				const rec = account.products.get(id);
				return rec && serializeProduct(account, rec, expand);
			}
			case 'invoiceitem': {
				const rec = account.invoiceItems.get(id);
				return rec && serializeInvoiceItem(account, rec, expand);
			}
			case 'tax_rate': {
				const rec = account.taxRates.get(id);
				return rec && serializeTaxRate(account, rec);
			}
			case 'coupon': {
				const rec = account.coupons.get(id);
				return rec && serializeCoupon(account, rec);
			}
			case 'promotion_code': {
				const rec = account.promotionCodes.get(id);
				return rec && serializePromotionCode(account, rec, expand, loader(account));
			}
			case 'discount': {
				const rec = account.discounts.get(id);
				return rec && serializeDiscount(account, rec, expand, loader(account));
			}
			case 'tax_id': {
				const rec = account.taxIds.get(id);
				return rec && serializeTaxId(account, rec);
			}
			case 'payment_intent': {
				const rec = [...account.invoices.values()].find((i) => i.payment?.paymentIntent === id);
				return rec && serializePaymentIntent(account, rec, expand, loader(account));
			}
		}
	};
}

export { loader as objectLoader };

function serializePayments(account: AccountState, invoice: InvoiceRec): Record<string, unknown> {
	const pay = invoice.payment;
	const data = pay
		? [
				{
					id: pay.id,
					object: 'invoice_payment',
					amount_paid: pay.amountPaid,
					amount_requested: pay.amountRequested,
					created: pay.created,
					currency: invoice.currency,
					invoice: invoice.id,
					is_default: true,
					livemode: account.livemode,
					payment: { type: 'payment_intent', payment_intent: pay.paymentIntent },
					status: pay.status,
					status_transitions: { canceled_at: pay.canceledAt, paid_at: pay.paidAt },
				},
			]
		: [];
	return {
		object: 'list',
		data,
		has_more: false,
		total_count: data.length,
		url: `/v1/invoices/${invoice.id}/payments`,
	};
}

/** Invoices.d.ts AutomaticTax: the status of "the most recent automated tax calculation". */
function automaticTax(enabled: boolean, totals: InvoiceTotals): Record<string, unknown> {
	return enabled
		? {
				disabled_reason: null,
				enabled: true,
				liability: { type: 'self' },
				provider: 'stripe',
				status: totals.automaticTaxStatus,
			}
		: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null };
}

/** A transient invoice (create_preview): its items, discounts and customer details are not stored. */
export interface InvoiceView extends PricingContext {
	preview?: boolean;
}

/**
 * `payments` and `confirmation_secret` are includable fields: only present when expanded
 * (reference §1 for payments; [M] confirmation_secret is documented as expandable too).
 */
export function serializeInvoice(
	account: AccountState,
	invoice: InvoiceRec,
	expand: string[] = [],
	view: InvoiceView = {},
): Record<string, unknown> {
	const totals = computeTotals(account, invoice, view);
	const due = amountDue(account, invoice, totals);
	const lines = serializeLines(account, invoice, totals, view);
	const customer = account.customers.get(invoice.customer);
	const isDraft = invoice.status === 'draft';
	const body: Record<string, unknown> = {
		id: invoice.id,
		object: 'invoice',
		account_country: 'US',
		account_name: 'Stripe Emulator',
		account_tax_ids: invoice.accountTaxIds && [...invoice.accountTaxIds],
		amount_due: due,
		amount_overpaid: 0,
		amount_paid: invoice.amountPaid,
		amount_remaining: Math.max(0, due - invoice.amountPaid),
		amount_shipping: 0,
		application: null,
		attempt_count: invoice.attemptCount,
		attempted: invoice.attempted,
		auto_advance: invoice.autoAdvance,
		automatic_tax: automaticTax(invoice.automaticTax, totals),
		automatically_finalizes_at: isDraft ? invoice.automaticallyFinalizesAt : null,
		// Invoices.d.ts BillingReason `upcoming`: "Reserved for upcoming invoices created through the
		// Create Preview Invoice API".
		billing_reason: view.preview ? 'upcoming' : 'manual',
		collection_method: invoice.collectionMethod,
		created: invoice.created,
		currency: invoice.currency,
		custom_fields: invoice.customFields,
		customer: invoice.customer,
		customer_account: null,
		customer_address: serializeAddress(
			isDraft ? (view.taxParty?.address ?? customer?.address ?? null) : invoice.customerAddress,
		),
		// The customer snapshot is live while draft and frozen at finalization.
		customer_email: isDraft ? (customer?.email ?? null) : invoice.customerEmail,
		customer_name: isDraft ? (customer?.name ?? null) : invoice.customerName,
		customer_phone: isDraft ? (customer?.phone ?? null) : invoice.customerPhone,
		customer_shipping: serializeShipping(
			isDraft ? (view.taxParty?.shipping ?? customer?.shipping ?? null) : invoice.customerShipping,
		),
		customer_tax_exempt: isDraft
			? (view.taxParty?.taxExempt ?? customer?.taxExempt ?? 'none')
			: invoice.customerTaxExempt,
		customer_tax_ids: [],
		default_payment_method: invoice.defaultPaymentMethod,
		default_source: null,
		default_tax_rates: invoice.defaultTaxRates
			.map((id) => account.taxRates.get(id))
			.filter((r): r is TaxRateRec => r !== undefined)
			.map((r) => serializeTaxRate(account, r)),
		description: invoice.description,
		discounts: [...invoice.discountIds],
		due_date: invoice.dueDate,
		effective_at: isDraft ? null : (invoice.effectiveAtParam ?? invoice.finalizedAt),
		ending_balance: invoice.endingBalance,
		footer: invoice.footer,
		from_invoice: null,
		hosted_invoice_url: invoice.hostedInvoiceUrl,
		invoice_pdf: invoice.invoicePdf,
		issuer: { type: 'self' },
		last_finalization_error: invoice.lastFinalizationError && { ...invoice.lastFinalizationError },
		latest_revision: null,
		lines: {
			object: 'list',
			data: lines.slice(0, EMBEDDED_LINES),
			has_more: lines.length > EMBEDDED_LINES,
			total_count: lines.length,
			url: `/v1/invoices/${invoice.id}/lines`,
		},
		livemode: account.livemode,
		metadata: invoice.metadata,
		next_payment_attempt: invoice.nextPaymentAttempt,
		number: invoice.number,
		on_behalf_of: invoice.onBehalfOf,
		parent: null,
		payment_settings: {
			default_mandate: invoice.paymentSettings?.default_mandate ?? null,
			payment_method_options: invoice.paymentSettings?.payment_method_options ?? null,
			payment_method_types: invoice.paymentSettings?.payment_method_types ?? null,
		},
		period_end: invoice.created,
		period_start: invoice.created,
		post_payment_credit_notes_amount: 0,
		pre_payment_credit_notes_amount: 0,
		receipt_number: null,
		rendering: invoice.rendering && {
			amount_tax_display: invoice.rendering.amount_tax_display ?? null,
			pdf: invoice.rendering.pdf ?? null,
			template: invoice.rendering.template ?? null,
			template_version: invoice.rendering.template_version ?? null,
		},
		shipping_cost: null,
		shipping_details: null,
		starting_balance: startingBalance(account, invoice),
		statement_descriptor: invoice.statementDescriptor,
		status: invoice.status,
		status_transitions: {
			finalized_at: invoice.finalizedAt,
			marked_uncollectible_at: invoice.markedUncollectibleAt,
			paid_at: invoice.paidAt,
			voided_at: invoice.voidedAt,
		},
		subtotal: totals.subtotal,
		subtotal_excluding_tax: totals.subtotalExcludingTax,
		test_clock: null,
		total: totals.total,
		total_discount_amounts: totals.totalDiscountAmounts.map((d) => ({ ...d })),
		total_excluding_tax: totals.totalExcludingTax,
		// Invoices.d.ts: "a combined list of total_pretax_credit_amounts across all invoice line items".
		total_pretax_credit_amounts: totals.totalDiscountAmounts.map((d) => ({
			amount: d.amount,
			credit_balance_transaction: null,
			discount: d.discount,
			type: 'discount',
		})),
		total_taxes: totals.totalTaxes.map((t) => ({ ...t, tax_rate_details: { ...t.tax_rate_details } })),
		// Invoices.d.ts: "If the invoice had no webhooks to deliver, this will be set while the invoice is
		// being created." The emulator delivers none.
		webhooks_delivered_at: invoice.created,
	};
	const heads = new Set(expand.map((path) => path.split('.')[0]));
	if (heads.has('payments')) body.payments = serializePayments(account, invoice);
	if (heads.has('confirmation_secret')) {
		body.confirmation_secret = invoice.payment
			? { client_secret: invoice.payment.clientSecret, type: 'payment_intent' }
			: null;
	}
	return applyExpansions('invoice', body, expand, loader(account));
}
