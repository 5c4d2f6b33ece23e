import type { INodeProperties } from 'n8n-workflow';

import type { StripeDeleted } from '../../transport/types';
import { invoiceItemIdField, optionsCollection, showFor } from '../common/fields';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoiceItem', ['delete']);

export const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Pending item, or an item on a draft invoice, to delete'),
	optionsCollection(displayOptions, [], { expand: false }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const itemId = row.locator('invoiceItemId', 'Invoice Item', 'ii_');
	return await row.stripe(row.options()).del<StripeDeleted>(stripePath`/v1/invoiceitems/${itemId}`);
};
