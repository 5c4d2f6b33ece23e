import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceListQuery, InvoiceStatus, StripeInvoice } from '../../../shared/transport/types';
import { collectionMethodField } from '../common/collectionMethod';
import { optionsCollection, paginationFields, showFor, simplifyField } from '../common/fields';
import { filtersCollection, readCreatedRange, readPageLimit } from '../common/listFilters';
import { shapeInvoice } from '../../../shared/simplify';
import { defineOperation } from '../operation';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['getMany']);

export const invoiceStatusFilter: INodeProperties = {
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
};

const description: INodeProperties[] = [
	...paginationFields(displayOptions),
	filtersCollection(displayOptions, [collectionMethodField, invoiceStatusFilter]),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const filters = row.options('filters');
		const options = row.options();
		const query: InvoiceListQuery = {
			customer: row.optionalId(filters.customer, 'Customer ID', STRIPE_OBJECTS.customer),
			status: row.optionalChoice<InvoiceStatus>(filters.status, invoiceStatusFilter),
			collection_method: row.optionalChoice(filters.collectionMethod, collectionMethodField),
			created: readCreatedRange(row, filters),
			expand: row.expand(options, 'data.'),
		};
		return { scope: row.callScope(options), query, page: readPageLimit(row), simplify: row.simplify() };
	},
	async send(stripe, plan) {
		const invoices = await stripe.collect<StripeInvoice>(endpoints.invoices, plan.query, plan.page);
		return invoices.map((invoice) => shapeInvoice(plan.simplify, invoice));
	},
});
