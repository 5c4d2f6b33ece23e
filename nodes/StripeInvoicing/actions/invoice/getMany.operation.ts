import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceListQuery, InvoiceStatus, StripeInvoice } from '../../transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { filtersCollection, readCreatedRange, readPageLimit } from '../common/listFilters';
import { COLLECTION_METHOD_OPTIONS } from '../common/collection';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['getMany']);

export const description: INodeProperties[] = [
	...paginationFields(displayOptions),
	filtersCollection(displayOptions, [
		{
			displayName: 'Collection Method',
			name: 'collectionMethod',
			type: 'options',
			default: 'charge_automatically',
			options: COLLECTION_METHOD_OPTIONS,
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			default: 'open',
			options: [
				{ name: 'Draft', value: 'draft' },
				{ name: 'Open', value: 'open' },
				{ name: 'Paid', value: 'paid' },
				{ name: 'Uncollectible', value: 'uncollectible' },
				{ name: 'Void', value: 'void' },
			],
		},
	]),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const execute: RowHandler = async (_ctx, row) => {
	const filters = row.options('filters');
	const options = row.options();
	const query: InvoiceListQuery = {
		customer: row.optionalId(filters.customer, 'Customer ID', 'cus_'),
		status: filters.status as InvoiceStatus | undefined,
		collection_method: filters.collectionMethod as InvoiceListQuery['collection_method'],
		created: readCreatedRange(row, filters),
		expand: row.expand(options, 'data.'),
	};
	const invoices = await row
		.stripe(options)
		.collect<StripeInvoice>(stripePath`/v1/invoices`, query, readPageLimit(row));
	return invoices.map((invoice) => shapeInvoice(row.simplify(), invoice));
};
