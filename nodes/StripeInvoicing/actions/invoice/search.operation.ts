import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { SearchQuery, StripeInvoice } from '../../transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { readPageLimit } from '../common/listFilters';
import { shapeInvoice } from '../common/simplify';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['search']);

const description: INodeProperties[] = [
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

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		const query =
			row.optionalText(row.raw('query'), 'Search Query') ??
			row.fail('Search Query', "is required, e.g. status:'open'");
		const params: SearchQuery = { query, expand: row.expand(options, 'data.') };
		return { scope: row.callScope(options), params, page: readPageLimit(row), simplify: row.simplify() };
	},
	async send(stripe, plan) {
		const invoices = await stripe.collect<StripeInvoice>(
			stripePath`/v1/invoices/search`,
			plan.params,
			plan.page,
		);
		return invoices.map((invoice) => shapeInvoice(plan.simplify, invoice));
	},
});
