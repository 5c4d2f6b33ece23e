// Feeds an invoice's records (or a preview's transient ones) to the arithmetic in totals.ts.
import type {
	AddressRec,
	DiscountRec,
	InvoiceItemRec,
	InvoiceRec,
	ShippingRec,
	TaxExempt,
	TaxRateRec,
} from '../records';
import type { AccountState } from '../store';
import { automaticTaxFor, taxLocation, type TaxLocation } from './automatic-tax';
import { computeInvoiceTotals, type DiscountTerms, type LineRate, type Totals } from './totals';

/** Who automatic tax looks at: the customer, or a preview's customer_details. */
export interface TaxParty {
	address: AddressRec | null;
	shipping: ShippingRec | null;
	taxExempt: TaxExempt;
}

/** Overrides for an invoice that is not stored (create_preview). */
export interface PricingContext {
	items?: InvoiceItemRec[];
	discounts?: Map<string, DiscountRec>;
	taxParty?: TaxParty;
}

export type AutomaticTaxStatus = 'complete' | 'requires_location_inputs' | null;

export interface InvoiceTotals extends Totals {
	automaticTaxStatus: AutomaticTaxStatus;
	location: TaxLocation | null;
}

export function invoiceItems(
	account: AccountState,
	invoice: InvoiceRec,
	ctx: PricingContext = {},
): InvoiceItemRec[] {
	if (ctx.items) return ctx.items;
	return invoice.itemIds
		.map((id) => account.invoiceItems.get(id))
		.filter((i): i is InvoiceItemRec => i !== undefined);
}

export function findDiscount(
	account: AccountState,
	id: string,
	ctx: PricingContext = {},
): DiscountRec | undefined {
	return ctx.discounts?.get(id) ?? account.discounts.get(id);
}

/** A coupon's terms in `currency`: amount_off from currency_options when the coupon is in another one. */
export function discountTerms(
	account: AccountState,
	id: string,
	currency: string,
	ctx: PricingContext = {},
): DiscountTerms | undefined {
	const discount = findDiscount(account, id, ctx);
	const coupon = discount && account.coupons.get(discount.coupon);
	if (!coupon) return undefined;
	const amountOff =
		coupon.amountOff === null
			? 0
			: coupon.currency === currency
				? coupon.amountOff
				: (coupon.currencyOptions[currency] ?? 0);
	return { id, percentOff: coupon.percentOff, amountOff, appliesTo: coupon.appliesTo };
}

/** Draft: the customer as it is now; finalized: the snapshot taken at finalization. */
export function taxParty(account: AccountState, invoice: InvoiceRec, ctx: PricingContext = {}): TaxParty {
	if (ctx.taxParty) return ctx.taxParty;
	if (invoice.status !== 'draft') {
		return {
			address: invoice.customerAddress,
			shipping: invoice.customerShipping,
			taxExempt: invoice.customerTaxExempt,
		};
	}
	const customer = account.customers.get(invoice.customer);
	return {
		address: customer?.address ?? null,
		shipping: customer?.shipping ?? null,
		taxExempt: customer?.taxExempt ?? 'none',
	};
}

function manualRate(rate: TaxRateRec): LineRate {
	return { id: rate.id, percentage: rate.percentage, inclusive: rate.inclusive, reason: 'standard_rated' };
}

/**
 * [M] The account's Stripe Tax settings are taken to have "exclusive" as the default tax behaviour,
 * so a line whose price says `unspecified` is taxed exclusive (a real account without a default
 * refuses such lines on automatic-tax invoices).
 */
function inclusiveBehaviour(account: AccountState, item: InvoiceItemRec): boolean {
	const behaviour = item.taxBehavior ?? account.prices.get(item.price)?.taxBehavior ?? 'unspecified';
	return behaviour === 'inclusive';
}

function itemTaxCode(account: AccountState, item: InvoiceItemRec): string | null {
	return item.taxCode ?? account.products.get(item.product)?.taxCode ?? null;
}

export function computeTotals(
	account: AccountState,
	invoice: InvoiceRec,
	ctx: PricingContext = {},
): InvoiceTotals {
	const party = taxParty(account, invoice, ctx);
	const location = invoice.automaticTax ? taxLocation(party) : null;
	const terms = (ids: string[]) =>
		ids
			.map((id) => discountTerms(account, id, invoice.currency, ctx))
			.filter((t): t is DiscountTerms => t !== undefined);
	const lines = invoiceItems(account, invoice, ctx).map((item) => {
		let rates: LineRate[];
		if (invoice.automaticTax) {
			rates = location
				? [
						automaticTaxFor(
							account,
							location,
							party.taxExempt,
							itemTaxCode(account, item),
							inclusiveBehaviour(account, item),
						),
					].map((d) => ({ ...manualRate(d.rate), reason: d.reason }))
				: [];
		} else {
			const ids = item.taxRates.length > 0 ? item.taxRates : invoice.defaultTaxRates;
			rates = ids
				.map((id) => account.taxRates.get(id))
				.filter((r): r is TaxRateRec => r !== undefined)
				.map(manualRate);
		}
		return {
			id: item.id,
			amount: item.amount,
			product: item.product,
			discountable: item.discountable,
			discounts: terms(item.discountIds),
			rates,
		};
	});
	const totals = computeInvoiceTotals(lines, terms(invoice.discountIds));
	const automaticTaxStatus: AutomaticTaxStatus = !invoice.automaticTax
		? null
		: location
			? 'complete'
			: 'requires_location_inputs';
	return { ...totals, automaticTaxStatus, location };
}
