import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { StripeDeleted } from '../../transport/types';
import { invoiceItemIdField, optionsCollection, showFor } from '../common/fields';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoiceItem', ['delete']);

const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Pending item, or an item on a draft invoice, to delete'),
	optionsCollection(displayOptions, [], { expand: false }),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		return { scope: row.callScope(options), itemId: row.locator('invoiceItemId', 'Invoice Item', 'ii_') };
	},
	async send(stripe, plan) {
		return { ...(await stripe.del<StripeDeleted>(stripePath`/v1/invoiceitems/${plan.itemId}`)) };
	},
});
