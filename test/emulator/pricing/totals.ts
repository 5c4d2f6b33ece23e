// Invoice arithmetic at API 2026-10-28.endive, on plain inputs (no records), so drafts, finalized
// invoices and create_preview share it. Sources: the SDK's field docs (Invoices.d.ts,
// InvoiceLineItems.d.ts), docs.stripe.com (invoicing/taxes, tax/tax-rates), support.stripe.com
// (per-line tax rounding), the clover changelog (line `amount` is gross, discounts are itemized).
//
// Per line, in this order:
//  1. amount: unit × quantity, already rounded per line (line-pricing.ts).
//  2. Item discounts (the line's own `discounts`), in order, each on what the previous left.
//  3. Invoice discounts, in order, over the eligible lines (discountable, and in the coupon's
//     applies_to products): percent_off per line, rounded per line [M]; amount_off capped at what
//     is left and spread in proportion to each line's remainder, whole units by largest
//     remainder [M].
//  4. Tax on the discounted amount ("net"), rounded per line and per rate: inclusive rates take
//     net × p / (100 + Σ inclusive p) out of the net; exclusive rates add base × p / 100, where
//     base is the net without inclusive tax [M for several rates on one line].
// Invoice: subtotal = Σ(amount − item discounts) ("Item discounts are already incorporated");
// total = subtotal − invoice discounts + exclusive tax; total_excluding_tax = subtotal − invoice
// discounts − inclusive tax; subtotal_excluding_tax = Σ(amount − item discounts − the inclusive tax
// that amount holds) [M]. Amounts round half away from zero.
import { addDecimals, allocate, mulDiv } from '../money';
import type { TaxabilityReason } from './automatic-tax';

export interface DiscountTerms {
	id: string;
	percentOff: string | null;
	/** amount_off in the invoice's currency (0 when the coupon has none for it). */
	amountOff: number;
	appliesTo: string[] | null;
}

export interface LineRate {
	id: string;
	percentage: string;
	inclusive: boolean;
	reason: TaxabilityReason;
}

export interface LineInput {
	id: string;
	amount: number;
	product: string;
	discountable: boolean;
	/** Item-level discounts, applied first. */
	discounts: DiscountTerms[];
	/** The rates that apply to this line (its own, the invoice defaults, or automatic tax). */
	rates: LineRate[];
}

export interface LineTax {
	amount: number;
	tax_behavior: 'exclusive' | 'inclusive';
	tax_rate_details: { tax_rate: string };
	taxability_reason: TaxabilityReason;
	taxable_amount: number;
	type: 'tax_rate_details';
}

export interface DiscountAmount {
	amount: number;
	discount: string;
}

export interface LineTotals {
	discountAmounts: DiscountAmount[];
	/** amount − item discounts (what the invoice subtotal sums). */
	subtotal: number;
	subtotalExcludingTax: number;
	/** amount − every discount: the amount tax is computed on. */
	net: number;
	taxes: LineTax[];
}

export interface Totals {
	lines: Map<string, LineTotals>;
	subtotal: number;
	subtotalExcludingTax: number;
	total: number;
	totalExcludingTax: number;
	totalDiscountAmounts: DiscountAmount[];
	totalTaxes: LineTax[];
}

interface Working {
	input: LineInput;
	remaining: number;
	discountAmounts: DiscountAmount[];
}

function eligible(line: Working, terms: DiscountTerms): boolean {
	return (
		line.input.discountable &&
		line.remaining > 0 &&
		(terms.appliesTo === null || terms.appliesTo.includes(line.input.product))
	);
}

function take(line: Working, terms: DiscountTerms, amount: number): void {
	const applied = Math.max(0, Math.min(amount, line.remaining));
	line.remaining -= applied;
	line.discountAmounts.push({ discount: terms.id, amount: applied });
}

function applyItemDiscounts(line: Working): void {
	for (const terms of line.input.discounts) {
		if (!eligible(line, terms)) {
			line.discountAmounts.push({ discount: terms.id, amount: 0 });
			continue;
		}
		take(line, terms, terms.percentOff ? mulDiv(line.remaining, terms.percentOff, '100') : terms.amountOff);
	}
}

function applyInvoiceDiscount(lines: Working[], terms: DiscountTerms): void {
	const targets = lines.filter((line) => eligible(line, terms));
	if (terms.percentOff) {
		for (const line of targets) take(line, terms, mulDiv(line.remaining, terms.percentOff, '100'));
		return;
	}
	const room = targets.reduce((sum, line) => sum + line.remaining, 0);
	const shares = allocate(
		Math.min(terms.amountOff, room),
		targets.map((line) => line.remaining),
	);
	targets.forEach((line, i) => take(line, terms, shares[i]));
}

/** The line's taxes on `net` (see the header: inclusive first, exclusive on the base). */
export function taxesOn(net: number, rates: LineRate[]): LineTax[] {
	if (rates.length === 0) return [];
	const inclusiveSum = addDecimals('0', ...rates.filter((r) => r.inclusive).map((r) => r.percentage));
	const divisor = addDecimals('100', inclusiveSum);
	const inclusiveTax = (rate: LineRate) => mulDiv(net, rate.percentage, divisor);
	const base = net - rates.filter((r) => r.inclusive).reduce((sum, r) => sum + inclusiveTax(r), 0);
	return rates.map((rate) => {
		const taxed = rate.reason === 'standard_rated';
		const amount = !taxed ? 0 : rate.inclusive ? inclusiveTax(rate) : mulDiv(base, rate.percentage, '100');
		return {
			amount,
			tax_behavior: rate.inclusive ? 'inclusive' : 'exclusive',
			tax_rate_details: { tax_rate: rate.id },
			taxability_reason: rate.reason,
			// [M] a line that is not taxed reports no taxable amount.
			taxable_amount: taxed ? base : 0,
			type: 'tax_rate_details',
		};
	});
}

function inclusiveTaxIn(amount: number, rates: LineRate[]): number {
	if (!rates.some((r) => r.inclusive)) return 0;
	return taxesOn(amount, rates)
		.filter((t) => t.tax_behavior === 'inclusive')
		.reduce((sum, t) => sum + t.amount, 0);
}

export function computeInvoiceTotals(inputs: LineInput[], invoiceDiscounts: DiscountTerms[]): Totals {
	const lines: Working[] = inputs.map((input) => ({ input, remaining: input.amount, discountAmounts: [] }));
	for (const line of lines) applyItemDiscounts(line);
	const afterItems = lines.map((line) => line.remaining);
	for (const terms of invoiceDiscounts) applyInvoiceDiscount(lines, terms);

	const results = new Map<string, LineTotals>();
	let subtotal = 0;
	let subtotalExcludingTax = 0;
	let exclusive = 0;
	let inclusive = 0;
	let discounted = 0;
	const allTaxes: LineTax[] = [];
	lines.forEach((line, i) => {
		const lineSubtotal = afterItems[i];
		const taxes = taxesOn(line.remaining, line.input.rates);
		const lineExcludingTax = lineSubtotal - inclusiveTaxIn(lineSubtotal, line.input.rates);
		subtotal += lineSubtotal;
		subtotalExcludingTax += lineExcludingTax;
		discounted += lineSubtotal - line.remaining;
		for (const tax of taxes) {
			if (tax.tax_behavior === 'inclusive') inclusive += tax.amount;
			else exclusive += tax.amount;
		}
		allTaxes.push(...taxes);
		results.set(line.input.id, {
			discountAmounts: line.discountAmounts,
			subtotal: lineSubtotal,
			subtotalExcludingTax: lineExcludingTax,
			net: line.remaining,
			taxes,
		});
	});

	const byDiscount = new Map<string, number>();
	for (const line of lines) {
		for (const d of line.discountAmounts)
			byDiscount.set(d.discount, (byDiscount.get(d.discount) ?? 0) + d.amount);
	}
	const byRate = new Map<string, LineTax>();
	for (const tax of allTaxes) {
		const key = `${tax.tax_rate_details.tax_rate}/${tax.taxability_reason}`;
		const agg = byRate.get(key);
		if (agg) {
			agg.amount += tax.amount;
			agg.taxable_amount += tax.taxable_amount;
		} else {
			byRate.set(key, { ...tax, tax_rate_details: { ...tax.tax_rate_details } });
		}
	}
	return {
		lines: results,
		subtotal,
		subtotalExcludingTax,
		total: subtotal - discounted + exclusive,
		totalExcludingTax: subtotal - discounted - inclusive,
		totalDiscountAmounts: [...byDiscount].map(([discount, amount]) => ({ amount, discount })),
		totalTaxes: [...byRate.values()],
	};
}
