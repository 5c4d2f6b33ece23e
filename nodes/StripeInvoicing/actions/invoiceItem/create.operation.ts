import type { INodeProperties } from 'n8n-workflow';

import { stripeRequest } from '../../transport/stripeRequest';
import type { InvoiceItemCreateBody, StripeInvoiceItem } from '../../transport/types';
import {
	amountField,
	currencyField,
	customerIdField,
	descriptionOption,
	metadataOption,
	showFor,
} from '../common/fields';
import type { RowInput } from '../common/rowInput';
import type { RowHandler } from '../operation';

const displayOptions = showFor('invoiceItem', ['create']);
const showForAmount = { show: { ...displayOptions.show, priceSource: ['amount'] } };
const showForPrice = { show: { ...displayOptions.show, priceSource: ['price'] } };

export const description: INodeProperties[] = [
	customerIdField(displayOptions, 'ID of the customer the item is billed to'),
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		default: '',
		placeholder: 'in_1PqR…',
		description:
			"Draft invoice to add the item to. Leave empty to create a pending item, picked up by the customer's next invoice.",
		displayOptions,
	},
	{
		displayName: 'Price Source',
		name: 'priceSource',
		type: 'options',
		noDataExpression: true,
		default: 'amount',
		options: [
			{ name: 'Custom Amount', value: 'amount', description: 'An amount and currency you give here' },
			{ name: 'Price ID', value: 'price', description: 'An existing Stripe price (price_…)' },
		],
		displayOptions,
	},
	amountField(
		showForAmount,
		'Amount in the smallest currency unit (1999 = 19.99 USD; 500 = ¥500). With a Quantity it is the price of one unit. Negative amounts credit the customer.',
		{ allowNegative: true },
	),
	currencyField(showForAmount),
	{
		displayName: 'Price ID',
		name: 'priceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'price_1PqR…',
		displayOptions: showForPrice,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
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
				description: 'Number of units. The line total is the unit amount times this.',
			},
			{
				displayName: 'Tax Rate IDs',
				name: 'taxRates',
				type: 'string',
				default: '',
				placeholder: 'txr_1…, txr_2…',
				description: 'Comma-separated IDs of tax rates to apply to this item',
			},
		],
	},
];

function readPeriod(row: RowInput, fields: Record<string, unknown>): InvoiceItemCreateBody['period'] {
	const hasStart = row.optionalText(fields.periodStart) !== undefined;
	const hasEnd = row.optionalText(fields.periodEnd) !== undefined;
	if (!hasStart && !hasEnd) return undefined;
	if (!hasStart || !hasEnd)
		row.fail(hasStart ? 'Period End' : 'Period Start', 'is needed when the other period date is set');
	const start = row.unixSeconds(fields.periodStart, 'Period Start');
	const end = row.unixSeconds(fields.periodEnd, 'Period End');
	if (end < start) row.fail('Period End', 'must not be before Period Start');
	return { start, end };
}

function readTaxRates(row: RowInput, value: unknown): string[] | undefined {
	const text = row.optionalText(value);
	if (!text) return undefined;
	return text
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => row.id(id, 'Tax Rate IDs', 'txr_'));
}

/** Builds the body shared by this operation and Invoice & Collect's line step. */
export function readInvoiceItemBody(row: RowInput): InvoiceItemCreateBody {
	const fields = row.options('additionalFields');
	const body: InvoiceItemCreateBody = {
		customer: row.id(row.raw('customer'), 'Customer ID', 'cus_'),
		invoice: row.optionalId(row.raw('invoiceId', ''), 'Invoice ID', 'in_'),
		description: row.optionalText(fields.description),
		period: readPeriod(row, fields),
		metadata: row.metadata(fields.metadata),
		discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
		tax_rates: readTaxRates(row, fields.taxRates),
	};
	const quantity =
		fields.quantity === undefined ? undefined : row.positiveInteger(fields.quantity, 'Quantity');
	if (row.raw('priceSource', 'amount') === 'price') {
		body.pricing = { price: row.id(row.raw('priceId'), 'Price ID', 'price_') };
		body.quantity = quantity;
		return body;
	}
	const amount = row.minorAmount(row.raw('amount'), 'Amount', { allowNegative: true });
	body.currency = row.currency(row.raw('currency'));
	// Stripe takes either a line total (amount) or a unit price times a quantity, never both.
	if (quantity !== undefined && quantity !== 1) {
		body.unit_amount_decimal = String(amount);
		body.quantity = quantity;
	} else {
		body.amount = amount;
	}
	return body;
}

export const execute: RowHandler = async (ctx, row) => {
	const body = readInvoiceItemBody(row);
	return await stripeRequest<StripeInvoiceItem>(ctx, {
		method: 'POST',
		path: '/v1/invoiceitems',
		params: body,
		itemIndex: row.itemIndex,
	});
};
