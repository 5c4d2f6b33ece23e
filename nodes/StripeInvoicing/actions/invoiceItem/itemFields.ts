import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceItemCreateBody } from '../../../shared/transport/types';
import { descriptionOption, metadataOption } from '../common/fields';
import { checkWithinMaximum, unitsTotal } from '../common/parse/money';
import type { RowInput } from '../common/rowInput';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

/** The optional invoice-item fields Create and Update share. */
export const itemDetailOptions: INodeProperties[] = [
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
	{
		displayName: 'Tax Rate IDs',
		name: 'taxRates',
		type: 'string',
		default: '',
		placeholder: 'txr_1…, txr_2…',
		description: 'Comma-separated IDs of tax rates to apply to this item',
	},
];

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

export function readTaxRates(row: RowInput, value: unknown): string[] | undefined {
	const text = row.optionalText(value, 'Tax Rate IDs');
	if (!text) return undefined;
	return text
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => row.id(id, 'Tax Rate IDs', STRIPE_OBJECTS.taxRate));
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
