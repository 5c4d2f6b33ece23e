// Invoices.d.ts AutomaticTax.enabled: "incompatible invoice items (invoice items with manually
// specified tax rates, negative amounts, or tax_behavior=unspecified) cannot be added to automatic
// tax invoices." [M] wordings; `unspecified` is taken as the account's default (see
// pricing/invoice-totals.ts), so only tax rates and negative amounts are refused. Default tax rates
// and automatic tax together are refused as well [M]. Also: item-level discounts need a
// discountable item [M].
import { invalidParam } from '../api-error';

function named(prefix: string, key: string): string {
	return prefix ? `${prefix}[${key}]` : key;
}

export function checkAutomaticTaxItem(
	automaticTax: boolean,
	item: { amount: number; taxRates: string[] },
	prefix: string,
): void {
	if (!automaticTax) return;
	if (item.taxRates.length > 0) {
		throw invalidParam(
			named(prefix, 'tax_rates'),
			'Invoice items with tax rates cannot be added to an invoice with automatic tax enabled.',
		);
	}
	if (item.amount < 0) {
		throw invalidParam(
			named(prefix, 'amount'),
			'Invoice items with negative amounts cannot be added to an invoice with automatic tax enabled.',
		);
	}
}

export function checkAutomaticTaxInvoice(
	automaticTax: boolean,
	defaultTaxRates: string[],
	items: Array<{ amount: number; taxRates: string[] }>,
): void {
	if (!automaticTax) return;
	if (defaultTaxRates.length > 0) {
		throw invalidParam(
			'default_tax_rates',
			'default_tax_rates cannot be set on an invoice with automatic tax enabled.',
		);
	}
	for (const item of items) {
		if (item.taxRates.length > 0 || item.amount < 0) {
			checkAutomaticTaxItem(true, item, '');
		}
	}
}

export function checkDiscountable(discountable: boolean, discountCount: number, prefix: string): void {
	if (!discountable && discountCount > 0) {
		throw invalidParam(
			named(prefix, 'discounts'),
			'Discounts cannot be applied to an item that is not discountable.',
		);
	}
}
