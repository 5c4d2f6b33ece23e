import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { SearchQuery, StripeInvoice } from '../../../shared/transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { readPageLimit } from '../common/listFilters';
import { shapeInvoice } from '../../../shared/simplify';
import { defineOperation } from '../operation';
import { queryFromFields, searchFieldsCollection } from './searchQuery';

const displayOptions = showFor('invoice', ['search']);
const showWhen = (searchBy: string) => ({ show: { ...displayOptions.show, searchBy: [searchBy] } });

const searchByField: INodeProperties = {
	displayName: 'Search By',
	name: 'searchBy',
	type: 'options',
	noDataExpression: true,
	default: 'query',
	options: [
		{
			name: 'Fields',
			value: 'fields',
			description:
				'Metadata, customer, status, currency, number, total; values from earlier nodes are safe here',
		},
		{ name: 'Query', value: 'query', description: "A query in Stripe's search language, written by you" },
	],
	displayOptions,
};

const description: INodeProperties[] = [
	searchByField,
	{
		displayName: 'Search Query',
		name: 'query',
		type: 'string',
		required: true,
		default: '',
		placeholder: "status:'open' AND total>1000 AND metadata['order']:'A-17'",
		description:
			"Stripe search query language. Fields: created, currency, customer, metadata['key'], number, status, subscription, total. Don't put values from earlier nodes into this text (a value holding a quote can add its own conditions, e.g. another order's invoice); use Search By: Fields for that. Stripe's search index can lag writes by about a minute.",
		displayOptions: showWhen('query'),
	},
	{ ...searchFieldsCollection, displayOptions: showWhen('fields') },
	...paginationFields(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		const query =
			row.choice(row.param('searchBy', 'query'), searchByField) === 'fields'
				? queryFromFields(row, row.options('searchFields'))
				: (row.optionalText(row.param('query'), 'Search Query') ??
					row.fail('Search Query', "is required, e.g. status:'open'"));
		const params: SearchQuery = { query, expand: row.expand(options, 'data.') };
		return { scope: row.callScope(options), params, page: readPageLimit(row), simplify: row.simplify() };
	},
	async send(stripe, plan) {
		const invoices = await stripe.collect<StripeInvoice>(endpoints.invoiceSearch, plan.params, plan.page);
		return invoices.map((invoice) => shapeInvoice(plan.simplify, invoice));
	},
});
