import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { StripeInvoiceItem } from '../../transport/types';
import { invoiceItemIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoiceItem } from '../common/simplify';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoiceItem', ['get']);

const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Invoice item to retrieve'),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		return {
			scope: row.callScope(options),
			itemId: row.locator('invoiceItemId', 'Invoice Item', 'ii_'),
			expand: row.expand(options),
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan) {
		const path = stripePath`/v1/invoiceitems/${plan.itemId}`;
		return shapeInvoiceItem(
			plan.simplify,
			await stripe.get<StripeInvoiceItem>(path, { expand: plan.expand }),
		);
	},
});
