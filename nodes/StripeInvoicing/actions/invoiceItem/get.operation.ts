import type { INodeProperties } from 'n8n-workflow';

import type { StripeInvoiceItem } from '../../transport/types';
import { invoiceItemIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoiceItem } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoiceItem', ['get']);

export const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Invoice item to retrieve'),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const execute: RowHandler = async (_ctx, row) => {
	const itemId = row.locator('invoiceItemId', 'Invoice Item', 'ii_');
	const options = row.options();
	const item = await row
		.stripe(options)
		.get<StripeInvoiceItem>(stripePath`/v1/invoiceitems/${itemId}`, { expand: row.expand(options) });
	return shapeInvoiceItem(row.simplify(), item);
};
