import { formatMoney } from '../../../../shared/currency';
import { idOf } from '../../../../shared/stripeObjects';
import type { InvoiceLine, StripeLineItem } from '../../../../shared/transport/types';
import { unitsTotal } from '../../common/parse/money';

/**
 * What one line bills, in the terms both sides share: a Price and a quantity, or a custom total
 * and a quantity. Descriptions are not compared: fixing a typo in one does not make another order.
 */
type Billed = { price: string; quantity: number } | { total: number; quantity: number };

function asked(line: InvoiceLine): Billed {
	const quantity = line.quantity ?? 1;
	if (line.pricing) return { price: line.pricing.price, quantity };
	if (line.price_data) return { total: unitsTotal(line.price_data.unit_amount, quantity), quantity };
	return { total: line.amount ?? 0, quantity };
}

function matches(want: Billed, line: StripeLineItem): boolean {
	const quantity = line.quantity ?? 1;
	if ('price' in want)
		return idOf(line.pricing?.price_details?.price ?? null) === want.price && quantity === want.quantity;
	// A custom amount with a quantity goes to Stripe as an inline price, so only the figures count.
	return line.amount === want.total && quantity === want.quantity;
}

function describe(billed: Billed, currency: string): string {
	const what =
		'price' in billed ? billed.price : (formatMoney(billed.total, currency) ?? String(billed.total));
	return billed.quantity === 1 ? what : `${what} (quantity ${billed.quantity})`;
}

export interface LineDifference {
	/** What the row asks for that the invoice lacks. */
	missing: string[];
	/** What the invoice has that the row does not ask for. */
	extra: string[];
}

/** How an invoice's lines differ from the row's, or undefined when they bill the same. */
export function lineDifference(
	wanted: InvoiceLine[],
	lines: StripeLineItem[],
	currency: string,
): LineDifference | undefined {
	const left = [...lines];
	const missing: string[] = [];
	// Price lines first: a custom-amount line must not take a line a price names exactly.
	const ordered = [...wanted.map(asked)].sort((a, b) => Number('total' in a) - Number('total' in b));
	for (const want of ordered) {
		const index = left.findIndex((line) => matches(want, line));
		if (index === -1) missing.push(describe(want, currency));
		else left.splice(index, 1);
	}
	const extra = left.map((line) => describe({ total: line.amount, quantity: line.quantity ?? 1 }, currency));
	return missing.length === 0 && extra.length === 0 ? undefined : { missing, extra };
}

export function describeDifference({ missing, extra }: LineDifference): string {
	return [
		missing.length ? `lacks ${missing.join(', ')}` : '',
		extra.length ? `has ${extra.join(', ')} that the row does not ask for` : '',
	]
		.filter(Boolean)
		.join(' and ');
}
