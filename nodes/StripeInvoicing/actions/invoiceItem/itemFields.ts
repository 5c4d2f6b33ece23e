import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';
import type { DiscountRef, InvoiceItemCreateBody } from '../../../shared/transport/types';
import { readLineDiscounts } from '../common/discounts';
import { byDisplayName, descriptionOption, metadataOption } from '../common/fields';
import { checkWithinMaximum, unitsTotal } from '../common/parse/money';
import type { RowInput } from '../common/rowInput';

/** Tax code, tax rates and discounts of one line: items, Line Items and the one line of Invoice & Collect. */
export function lineTaxOptions(prefix = ''): INodeProperties[] {
	const named = (name: string) => (prefix ? `${prefix}${name[0].toUpperCase()}${name.slice(1)}` : name);
	const shown = (displayName: string) => (prefix ? `Line ${displayName}` : displayName);
	return [
		{
			displayName: shown('Discounts'),
			name: named('discounts'),
			type: 'string',
			default: '',
			placeholder: 'SUMMER25, promo_1…, di_1…',
			description:
				'Discounts on this line only, comma-separated: coupon IDs, promotion code IDs (promo_…) or discount IDs (di_…)',
		},
		{
			displayName: shown('Tax Code'),
			name: named('taxCode'),
			type: 'string',
			default: '',
			placeholder: 'txcd_10000000',
			description: "Stripe Tax's product tax code for this line (with Automatic Tax)",
		},
		{
			displayName: shown('Tax Rate IDs'),
			name: named('taxRates'),
			type: 'string',
			default: '',
			placeholder: 'txr_1…, txr_2…',
			description: 'Comma-separated IDs of tax rates to apply to this line',
		},
	];
}

/** The optional invoice-item fields Create and Update share. */
export const itemDetailOptions: INodeProperties[] = (
	[
		descriptionOption,
		{
			displayName: 'Discountable',
			name: 'discountable',
			type: 'boolean',
			default: true,
			description: 'Whether invoice-level discounts apply to this item',
		},
		metadataOption,
		{
			displayName: 'Period End',
			name: 'periodEnd',
			type: 'dateTime',
			default: '',
			description: 'End of the service period this item covers (needs Period Start)',
		},
		{
			displayName: 'Period Start',
			name: 'periodStart',
			type: 'dateTime',
			default: '',
			description: 'Start of the service period this item covers (needs Period End)',
		},
		{
			displayName: 'Quantity',
			name: 'quantity',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: 'Number of units. With a custom amount, the amount is the price of one unit.',
		},
		...lineTaxOptions(),
	] as INodeProperties[]
).sort(byDisplayName);

export function readPeriod(row: RowInput, fields: Record<string, unknown>): InvoiceItemCreateBody['period'] {
	const start = row.optionalUnixSeconds(fields.periodStart, 'Period Start');
	const end = row.optionalUnixSeconds(fields.periodEnd, 'Period End');
	if (start === undefined && end === undefined) return undefined;
	if (start === undefined || end === undefined) {
		row.fail(
			start === undefined ? 'Period Start' : 'Period End',
			'is needed when the other period date is set',
		);
	}
	if (end < start) row.fail('Period End', 'must not be before Period Start');
	return { start, end };
}

/** Tax and discounts of one line or item: what Stripe applies to it beyond its amount. */
export interface LineExtras {
	tax_rates?: string[];
	tax_code?: string;
	discounts?: DiscountRef[];
	discountable?: boolean;
}

/**
 * A line's or item's tax rates, tax code, discounts and discountable switch, from fields named
 * `taxRates`, `taxCode`, `discounts`, `discountable` (a collection or a line of Lines (JSON)).
 * `label` prefixes the field names in errors ("Line 2 tax code").
 */
export function readLineExtras(row: RowInput, fields: IDataObject, label = ''): LineExtras {
	const field = (name: string) => (label ? `${label} ${name.toLowerCase()}` : name);
	return {
		tax_rates: row.idList(fields.taxRates, field('Tax Rate IDs'), STRIPE_OBJECTS.taxRate),
		tax_code: row.optionalId(fields.taxCode, field('Tax Code'), STRIPE_OBJECTS.taxCode),
		discounts: readLineDiscounts(row, fields.discounts, field('Discounts')),
		discountable: row.optionalBoolean(fields.discountable, field('Discountable')),
	};
}

/** Stripe's cap on an item's quantity is not documented; this keeps unit × quantity checkable. */
export const MAX_QUANTITY = 99_999_999;

export function readQuantity(row: RowInput, value: unknown, field = 'Quantity'): number | undefined {
	return value === undefined ? undefined : row.integer(value, field, 1, MAX_QUANTITY);
}

/**
 * A custom amount as Stripe wants it: a line total, or a unit price times a quantity. The total
 * must stay within Stripe's maximum, which a unit price alone does not show.
 */
export function amountAndQuantity(
	amount: number,
	quantity: number | undefined,
): Pick<InvoiceItemCreateBody, 'amount' | 'unit_amount_decimal' | 'quantity'> {
	checkWithinMaximum(unitsTotal(amount, quantity), 'amount × quantity');
	// Stripe takes either `amount` (the total) or a unit price with a quantity, never amount + quantity.
	if (quantity !== undefined && quantity !== 1) return { unit_amount_decimal: String(amount), quantity };
	return { amount };
}

/** The total a custom-amount item bills: its amount, or unit amount × quantity. */
export function amountOfUnits(
	body: Pick<InvoiceItemCreateBody, 'amount' | 'unit_amount_decimal' | 'quantity'>,
): number | undefined {
	if (body.amount !== undefined) return body.amount;
	if (body.unit_amount_decimal === undefined) return undefined;
	return unitsTotal(Number(body.unit_amount_decimal), body.quantity);
}
