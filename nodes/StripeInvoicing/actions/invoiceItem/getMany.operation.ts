import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceItemListQuery, StripeInvoiceItem } from '../../../shared/transport/types';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { filtersCollection, readCreatedRange, readPageLimit } from '../common/listFilters';
import { shapeInvoiceItem } from '../../../shared/simplify';
import { defineOperation } from '../operation';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoiceItem', ['getMany']);

const description: INodeProperties[] = [
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

export const operation = defineOperation({
	description,
	prepare(row) {
		const filters = row.options('filters');
		const options = row.options();
		const query: InvoiceItemListQuery = {
			customer: row.optionalId(filters.customer, 'Customer ID', STRIPE_OBJECTS.customer),
			invoice: row.optionalId(filters.invoice, 'Invoice ID', STRIPE_OBJECTS.invoice),
			pending: row.optionalBoolean(filters.pending, 'Pending Only'),
			created: readCreatedRange(row, filters),
			expand: row.expand(options, 'data.'),
		};
		return { scope: row.callScope(options), query, page: readPageLimit(row), simplify: row.simplify() };
	},
	async send(stripe, plan) {
		const items = await stripe.collect<StripeInvoiceItem>(endpoints.invoiceItems, plan.query, plan.page);
		return items.map((item) => shapeInvoiceItem(plan.simplify, item));
	},
});
