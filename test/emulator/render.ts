// Serializers: internal records -> API objects in the 2026-10-28.endive shape.
// Decimal fields are JSON strings; timestamps are integer seconds.
import { applyExpansions, type ObjectLoader } from './expand';
import { taxAmount } from './money';
import type { AccountState } from './store';
import type {
	CustomerRec,
	InvoiceItemRec,
	InvoiceRec,
	PaymentMethodRec,
	PriceRec,
	ProductRec,
	TaxRateRec,
} from './records';

/** How many lines are embedded in an invoice's `lines` list (the rest via /lines pagination). */
export const EMBEDDED_LINES = 10;

interface LineTax {
	amount: number;
	tax_behavior: 'exclusive' | 'inclusive';
	tax_rate_details: { tax_rate: string };
	taxability_reason: 'standard_rated';
	taxable_amount: number;
	type: 'tax_rate_details';
}

export interface InvoiceTotals {
	subtotal: number;
	total: number;
	totalExcludingTax: number;
	totalTaxes: LineTax[];
}

function itemsOf(account: AccountState, invoice: InvoiceRec): InvoiceItemRec[] {
	return invoice.itemIds
		.map((id) => account.invoiceItems.get(id))
		.filter((i): i is InvoiceItemRec => i !== undefined);
}

/** Item-level tax rates win; otherwise the invoice's default_tax_rates apply. */
function lineTaxes(account: AccountState, item: InvoiceItemRec, invoice: InvoiceRec | undefined): LineTax[] {
	const rateIds = item.taxRates.length > 0 ? item.taxRates : (invoice?.defaultTaxRates ?? []);
	return rateIds
		.map((id) => account.taxRates.get(id))
		.filter((r): r is TaxRateRec => r !== undefined)
		.map((rate) => {
			const tax = taxAmount(item.amount, rate.percentage, rate.inclusive);
			return {
				amount: tax,
				tax_behavior: rate.inclusive ? 'inclusive' : 'exclusive',
				tax_rate_details: { tax_rate: rate.id },
				taxability_reason: 'standard_rated',
				taxable_amount: rate.inclusive ? item.amount - tax : item.amount,
				type: 'tax_rate_details',
			};
		});
}

export function computeTotals(account: AccountState, invoice: InvoiceRec): InvoiceTotals {
	let subtotal = 0;
	let exclusive = 0;
	let inclusive = 0;
	const byRate = new Map<string, LineTax>();
	for (const item of itemsOf(account, invoice)) {
		subtotal += item.amount;
		for (const tax of lineTaxes(account, item, invoice)) {
			if (tax.tax_behavior === 'exclusive') exclusive += tax.amount;
			else inclusive += tax.amount;
			const agg = byRate.get(tax.tax_rate_details.tax_rate);
			if (agg) {
				agg.amount += tax.amount;
				agg.taxable_amount += tax.taxable_amount;
			} else {
				byRate.set(tax.tax_rate_details.tax_rate, { ...tax, tax_rate_details: { ...tax.tax_rate_details } });
			}
		}
	}
	return {
		subtotal,
		total: subtotal + exclusive,
		totalExcludingTax: subtotal - inclusive,
		totalTaxes: [...byRate.values()],
	};
}

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
export function amountDue(account: AccountState, invoice: InvoiceRec): number {
	return invoice.amountDue ?? Math.max(0, computeTotals(account, invoice).total + startingBalance(account, invoice));
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
		jurisdiction_level: null,
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
			discounts: [],
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

export function serializeLine(
	account: AccountState,
	item: InvoiceItemRec,
	invoice: InvoiceRec,
): Record<string, unknown> {
	return {
		id: item.lineId,
		object: 'line_item',
		amount: item.amount,
		currency: item.currency,
		description: item.description,
		discount_amounts: [],
		discountable: item.discountable,
		discounts: [],
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
		pretax_credit_amounts: [],
		pricing: pricing(item),
		quantity: quantityOf(item),
		quantity_decimal: item.quantityDecimal,
		subscription: null,
		subtotal: item.amount,
		taxes: lineTaxes(account, item, invoice),
	};
}

export function serializeLines(account: AccountState, invoice: InvoiceRec): Record<string, unknown>[] {
	return itemsOf(account, invoice).map((item) => serializeLine(account, item, invoice));
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
			address: null,
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
			shipping: null,
			tax_exempt: 'none',
			test_clock: null,
		},
		expand,
		loader(account),
	);
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
		}
	};
}

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

/**
 * [M] Tax is not calculated: with automatic_tax enabled the invoice reports a complete calculation
 * that found no tax (no liability lookup, no customer location checks, no tax lines), and the
 * Invoices.d.ts rule that items with manual tax rates or negative amounts cannot be added is not
 * enforced.
 */
function automaticTax(enabled: boolean): Record<string, unknown> {
	return enabled
		? {
				disabled_reason: null,
				enabled: true,
				liability: { type: 'self' },
				provider: 'stripe',
				status: 'complete',
			}
		: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null };
}

/**
 * `payments` and `confirmation_secret` are includable fields: only present when expanded
 * (reference §1 for payments; [M] confirmation_secret is documented as expandable too).
 */
export function serializeInvoice(
	account: AccountState,
	invoice: InvoiceRec,
	expand: string[] = [],
): Record<string, unknown> {
	const totals = computeTotals(account, invoice);
	const due = amountDue(account, invoice);
	const lines = serializeLines(account, invoice);
	const customer = account.customers.get(invoice.customer);
	const isDraft = invoice.status === 'draft';
	const body: Record<string, unknown> = {
		id: invoice.id,
		object: 'invoice',
		account_country: 'US',
		account_name: 'Stripe Emulator',
		account_tax_ids: null,
		amount_due: due,
		amount_overpaid: 0,
		amount_paid: invoice.amountPaid,
		amount_remaining: Math.max(0, due - invoice.amountPaid),
		amount_shipping: 0,
		application: null,
		attempt_count: invoice.attemptCount,
		attempted: invoice.attempted,
		auto_advance: invoice.autoAdvance,
		automatic_tax: automaticTax(invoice.automaticTax),
		automatically_finalizes_at: isDraft ? invoice.automaticallyFinalizesAt : null,
		billing_reason: 'manual',
		collection_method: invoice.collectionMethod,
		created: invoice.created,
		currency: invoice.currency,
		custom_fields: invoice.customFields,
		customer: invoice.customer,
		customer_account: null,
		customer_address: null,
		// The customer snapshot is live while draft and frozen at finalization.
		customer_email: isDraft ? (customer?.email ?? null) : invoice.customerEmail,
		customer_name: isDraft ? (customer?.name ?? null) : invoice.customerName,
		customer_phone: isDraft ? (customer?.phone ?? null) : invoice.customerPhone,
		customer_shipping: null,
		customer_tax_exempt: 'none',
		customer_tax_ids: [],
		default_payment_method: invoice.defaultPaymentMethod,
		default_source: null,
		default_tax_rates: invoice.defaultTaxRates
			.map((id) => account.taxRates.get(id))
			.filter((r): r is TaxRateRec => r !== undefined)
			.map((r) => serializeTaxRate(account, r)),
		description: invoice.description,
		discounts: [],
		due_date: invoice.dueDate,
		effective_at: isDraft ? null : (invoice.effectiveAtParam ?? invoice.finalizedAt),
		ending_balance: invoice.endingBalance,
		footer: invoice.footer,
		from_invoice: null,
		hosted_invoice_url: invoice.hostedInvoiceUrl,
		invoice_pdf: invoice.invoicePdf,
		issuer: { type: 'self' },
		last_finalization_error: null,
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
		on_behalf_of: null,
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
		// No discounts are modelled, so this equals total_excluding_tax.
		subtotal_excluding_tax: totals.totalExcludingTax,
		test_clock: null,
		total: totals.total,
		total_discount_amounts: [],
		total_excluding_tax: totals.totalExcludingTax,
		total_pretax_credit_amounts: [],
		total_taxes: totals.totalTaxes,
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
