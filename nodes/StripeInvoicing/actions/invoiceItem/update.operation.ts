import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceItemUpdateBody, StripeInvoiceItem } from '../../transport/types';
import {
	amountUnitField,
	byDisplayName,
	invoiceItemIdField,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoiceItem } from '../common/simplify';
import type { RowHandler } from '../operation';
import { amountAndQuantity, itemDetailOptions, readPeriod, readTaxRates } from './itemFields';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoiceItem', ['update']);

export const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Pending item, or an item on a draft invoice, to change'),
	amountUnitField(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: (
			[
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					default: 0,
					description: 'New amount in the Amount Unit above (per unit when a Quantity is set)',
				},
				...itemDetailOptions,
				{
					displayName: 'Price ID',
					name: 'priceId',
					type: 'string',
					default: '',
					placeholder: 'price_1PqR…',
					description: 'Bill this price instead of a custom amount',
				},
			] as INodeProperties[]
		).sort(byDisplayName),
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const itemId = row.locator('invoiceItemId', 'Invoice Item', 'ii_');
	const fields = row.options('updateFields');
	const options = row.options();
	if (Object.keys(fields).length === 0) row.fail('Update Fields', 'add at least one field to change');
	if (fields.amount !== undefined && row.optionalText(fields.priceId)) {
		row.fail('Price ID', 'cannot be combined with an Amount: bill either a price or a custom amount');
	}
	const body: InvoiceItemUpdateBody = {
		description: row.optionalText(fields.description),
		period: readPeriod(row, fields),
		metadata: row.metadataUpdate(fields.metadata),
		discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
		tax_rates: readTaxRates(row, fields.taxRates),
		pricing: row.optionalText(fields.priceId)
			? { price: row.id(fields.priceId, 'Price ID', 'price_') }
			: undefined,
		expand: row.expand(options),
	};
	const quantity =
		fields.quantity === undefined ? undefined : row.positiveInteger(fields.quantity, 'Quantity');
	const stripe = row.stripe(options);
	if (fields.amount === undefined) {
		body.quantity = quantity;
	} else {
		// Updates carry no currency: read the item's, so major units convert with the right decimals.
		const current = await stripe.get<StripeInvoiceItem>(stripePath`/v1/invoiceitems/${itemId}`);
		const amount = row.money(fields.amount, current.currency, row.amountUnit(), 'Amount', {
			allowNegative: true,
		});
		Object.assign(body, amountAndQuantity(amount, quantity));
	}
	const item = await stripe.post<StripeInvoiceItem>(stripePath`/v1/invoiceitems/${itemId}`, body);
	return shapeInvoiceItem(row.simplify(), item);
};
