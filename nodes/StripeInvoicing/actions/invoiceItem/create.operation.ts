import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceItemCreateBody, StripeInvoiceItem } from '../../../shared/transport/types';
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
import { shapeInvoiceItem } from '../../../shared/simplify';
import { checkMaxAmount, maxAmountOption, readMaxAmount } from '../common/agentLimits';
import { defineOperation } from '../operation';
import {
	amountAndQuantity,
	amountOfUnits,
	itemDetailOptions,
	readPeriod,
	readQuantity,
	readTaxRates,
} from './itemFields';

const displayOptions = showFor('invoiceItem', ['create']);
const showForAmount = { show: { ...displayOptions.show, priceSource: ['amount'] } };
const showForPrice = { show: { ...displayOptions.show, priceSource: ['price'] } };

const priceSourceField: INodeProperties = {
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
};

const description: INodeProperties[] = [
	customerIdField(displayOptions, 'Customer the item is billed to'),
	invoiceIdField(
		displayOptions,
		"Draft invoice to add the item to. Leave empty to create a pending item, picked up by the customer's next invoice.",
		false,
	),
	priceSourceField,
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
	optionsCollection(displayOptions, [maxAmountOption], { reference: true }),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const fields = row.options('additionalFields');
		const options = row.options();
		const body: InvoiceItemCreateBody = {
			customer: row.locator('customer', 'Customer', 'cus_'),
			invoice: row.optionalLocator('invoiceId', 'Invoice', 'in_'),
			description: row.optionalText(fields.description, 'Description'),
			period: readPeriod(row, fields),
			metadata: row.metadata(fields.metadata),
			discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
			tax_rates: readTaxRates(row, fields.taxRates),
			expand: row.expand(options),
		};
		const quantity = readQuantity(row, fields.quantity);
		if (row.choice(row.raw('priceSource', 'amount'), priceSourceField) === 'price') {
			body.pricing = { price: row.id(row.raw('priceId'), 'Price ID', 'price_') };
			body.quantity = quantity;
		} else {
			body.currency = row.currency(row.raw('currency'));
			const amount = row.money(row.raw('amount'), body.currency, row.amountUnit(), 'Amount', {
				allowNegative: true,
			});
			Object.assign(
				body,
				row.check('Amount', () => amountAndQuantity(amount, quantity)),
			);
		}
		const total = body.pricing ? undefined : amountOfUnits(body);
		checkMaxAmount(row, readMaxAmount(row, options), total, 'the item total');
		return { scope: row.callScope(options), request: body, body, simplify: row.simplify() };
	},
	async send(stripe, plan) {
		const item = await stripe.post<StripeInvoiceItem>(endpoints.invoiceItems, plan.body);
		return shapeInvoiceItem(plan.simplify, item);
	},
});
