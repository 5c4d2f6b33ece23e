import type { INodeProperties } from 'n8n-workflow';

import type { StripeDeleted } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor } from '../common/fields';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['delete']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Draft invoice to delete; finalized invoices can only be voided'),
	optionsCollection(displayOptions, [], { expand: false }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
	return await row.stripe(row.options()).del<StripeDeleted>(stripePath`/v1/invoices/${invoiceId}`);
};
