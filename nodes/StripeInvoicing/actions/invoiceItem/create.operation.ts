import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceItemCreateBody, StripeInvoiceItem } from '../../transport/types';
import {
	amountField,
	amountUnitField,
	currencyField,
	customerIdField,
	invoiceIdField,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoiceItem } from '../common/simplify';
import type { RowHandler } from '../operation';
import { amountAndQuantity, itemDetailOptions, readPeriod, readTaxRates } from './itemFields';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoiceItem', ['create']);
const showForAmount = { show: { ...displayOptions.show, priceSource: ['amount'] } };
const showForPrice = { show: { ...displayOptions.show, priceSource: ['price'] } };

export const description: INodeProperties[] = [
	customerIdField(displayOptions, 'Customer the item is billed to'),
	invoiceIdField(
		displayOptions,
		"Draft invoice to add the item to. Leave empty to create a pending item, picked up by the customer's next invoice.",
		false,
	),
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
		'Amount of the item in the chosen Amount Unit. With a Quantity it is the price of one unit. Negative amounts credit the customer.',
		{ allowNegative: true },
	),
	amountUnitField(showForAmount),
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
		options: itemDetailOptions,
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const fields = row.options('additionalFields');
	const options = row.options();
	const body: InvoiceItemCreateBody = {
		customer: row.locator('customer', 'Customer', 'cus_'),
		invoice: row.optionalLocator('invoiceId', 'Invoice', 'in_'),
		description: row.optionalText(fields.description),
		period: readPeriod(row, fields),
		metadata: row.metadata(fields.metadata),
		discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
		tax_rates: readTaxRates(row, fields.taxRates),
		expand: row.expand(options),
	};
	const quantity =
		fields.quantity === undefined ? undefined : row.positiveInteger(fields.quantity, 'Quantity');
	if (row.raw('priceSource', 'amount') === 'price') {
		body.pricing = { price: row.id(row.raw('priceId'), 'Price ID', 'price_') };
		body.quantity = quantity;
	} else {
		body.currency = row.currency(row.raw('currency'));
		const amount = row.money(row.raw('amount'), body.currency, row.amountUnit(), 'Amount', {
			allowNegative: true,
		});
		Object.assign(body, amountAndQuantity(amount, quantity));
	}
	const item = await row.stripe(options).post<StripeInvoiceItem>(stripePath`/v1/invoiceitems`, body);
	return shapeInvoiceItem(row.simplify(), item);
};
