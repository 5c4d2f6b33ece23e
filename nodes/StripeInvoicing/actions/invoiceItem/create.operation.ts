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
import { enforceCap, maxAmountOption, readCap } from '../common/cap';
import { unitAmountOf } from '../common/prices';
import { unitsTotal } from '../common/parse/money';
import { defineOperation, type Plan } from '../operation';
import {
	amountAndQuantity,
	amountOfUnits,
	itemDetailOptions,
	readPeriod,
	readQuantity,
	readLineExtras,
} from './itemFields';
import { CUSTOMER, INVOICE } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

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

interface CreateItemPlan extends Plan {
	body: InvoiceItemCreateBody;
	cap: number | undefined;
	simplify: boolean;
}

export const operation = defineOperation<CreateItemPlan>({
	description,
	prepare(row) {
		const fields = row.options('additionalFields');
		const options = row.options();
		const body: InvoiceItemCreateBody = {
			customer: row.locator(CUSTOMER),
			invoice: row.optionalLocator(INVOICE),
			description: row.optionalText(fields.description, 'Description'),
			period: readPeriod(row, fields),
			metadata: row.metadata(fields.metadata),
			discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
			...readLineExtras(row, fields),
			expand: row.expand(options),
		};
		const quantity = readQuantity(row, fields.quantity);
		if (row.choice(row.param('priceSource', 'amount'), priceSourceField) === 'price') {
			body.pricing = { price: row.id(row.param('priceId'), 'Price ID', STRIPE_OBJECTS.price) };
			body.quantity = quantity;
		} else {
			body.currency = row.currency(row.param('currency'));
			const amount = row.money(row.param('amount'), body.currency, row.amountUnit(), 'Amount', {
				allowNegative: true,
			});
			Object.assign(
				body,
				row.check('Amount', () => amountAndQuantity(amount, quantity)),
			);
		}
		const cap = readCap(row);
		// A custom amount is checked now; a price's amount is read in the lookup.
		if (!body.pricing) enforceCap(row, cap, amountOfUnits(body)!, 'the item total');
		return {
			scope: row.callScope(options),
			// What the item is, apart from how much (amount, quantity, tax, discounts): a changed amount
			// on a re-run reuses the key with other values, which Stripe refuses rather than adding a
			// second item. Metadata counts: it is where a line's own ID goes.
			identity: {
				customer: body.customer,
				invoice: body.invoice,
				currency: body.currency,
				description: body.description,
				price: body.pricing?.price,
				period: body.period,
				metadata: body.metadata,
			},
			body,
			cap,
			simplify: row.simplify(),
		};
	},
	async lookup(stripe, plan, context) {
		if (plan.cap === undefined || !plan.body.pricing) return plan;
		const unit = await unitAmountOf(stripe, plan.body.pricing.price, context);
		enforceCap(context, plan.cap, unitsTotal(unit, plan.body.quantity), 'the item total');
		return plan;
	},
	async send(stripe, plan) {
		const item = await stripe.post<StripeInvoiceItem>(endpoints.invoiceItems, plan.body);
		return shapeInvoiceItem(plan.simplify, item);
	},
});
