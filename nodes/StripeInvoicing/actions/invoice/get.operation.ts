import type { INodeProperties } from 'n8n-workflow';

import type { StripeInvoice } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['get']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Invoice to retrieve'),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const execute: RowHandler = async (_ctx, row) => {
	const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
	const options = row.options();
	const invoice = await row
		.stripe(options)
		.get<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}`, { expand: row.expand(options) });
	return shapeInvoice(row.simplify(), invoice);
};
