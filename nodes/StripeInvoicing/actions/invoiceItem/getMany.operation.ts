import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceItemListQuery, StripeInvoiceItem } from '../../transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { filtersCollection, readCreatedRange, readPageLimit } from '../common/listFilters';
import { shapeInvoiceItem } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoiceItem', ['getMany']);

export const description: INodeProperties[] = [
	...paginationFields(displayOptions),
	filtersCollection(displayOptions, [
		{
			displayName: 'Invoice ID',
			name: 'invoice',
			type: 'string',
			default: '',
			placeholder: 'in_1PqR…',
		},
		{
			displayName: 'Pending Only',
			name: 'pending',
			type: 'boolean',
			default: true,
			description: 'Whether to return only items not yet on an invoice (true) or only invoiced ones (false)',
		},
	]),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const execute: RowHandler = async (_ctx, row) => {
	const filters = row.options('filters');
	const options = row.options();
	const query: InvoiceItemListQuery = {
		customer: row.optionalId(filters.customer, 'Customer ID', 'cus_'),
		invoice: row.optionalId(filters.invoice, 'Invoice ID', 'in_'),
		pending: row.optionalBoolean(filters.pending, 'Pending Only'),
		created: readCreatedRange(row, filters),
		expand: row.expand(options, 'data.'),
	};
	const items = await row
		.stripe(options)
		.collect<StripeInvoiceItem>(stripePath`/v1/invoiceitems`, query, readPageLimit(row));
	return items.map((item) => shapeInvoiceItem(row.simplify(), item));
};
