import type { INodeProperties } from 'n8n-workflow';

import type { SearchQuery, StripeInvoice } from '../../transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { readPageLimit } from '../common/listFilters';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['search']);

export const description: INodeProperties[] = [
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: "status:'open' AND total>1000 AND metadata['order']:'A-17'",
		description:
			"Stripe search query language. Fields: created, currency, customer, metadata['key'], number, status, subscription, total. Stripe's search index can lag writes by about a minute.",
		displayOptions,
	},
	...paginationFields(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const execute: RowHandler = async (_ctx, row) => {
	const options = row.options();
	const query =
		row.optionalText(row.raw('query')) ?? row.fail('Search Query', "is required, e.g. status:'open'");
	const params: SearchQuery = { query, expand: row.expand(options, 'data.') };
	const invoices = await row
		.stripe(options)
		.collect<StripeInvoice>(stripePath`/v1/invoices/search`, params, readPageLimit(row));
	return invoices.map((invoice) => shapeInvoice(row.simplify(), invoice));
};
