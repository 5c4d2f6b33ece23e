// GET /v1/invoices/search and /v1/customers/search (Stripe Search Query Language subset).
// Stripe's search is eventually consistent (new or changed objects can take up to a minute to be
// searchable, up to an hour in outages [D]). The emulator hides an object from search until the
// search lag (default 0) has passed since its last write, and then shows its current state.
// These routes must be matched before `/v1/…/:id`, which would otherwise take `search` as an id.
import { p } from '../param-schema';
import type { CustomerRec, InvoiceRec } from '../records';
import { computeTotals, serializeCustomer, serializeInvoice } from '../render';
import type { RouteDef } from '../routing';
import { checkQuery, matchesQuery, parseQuery, type SearchResource } from '../search-query';
import type { AccountState } from '../store';
import { itemExpansions, searchPage } from './pagination';

const searchSchema = {
	fields: { query: p.string(), limit: p.int(1, 100), page: p.string(), expand: p.expand() },
	required: ['query'],
};

/** Query fields for invoices [D search#query-fields-for-invoices], as far as the emulator models them. */
function invoiceResource(account: AccountState): SearchResource<InvoiceRec> {
	return {
		name: 'invoices',
		fields: {
			created: 'numeric',
			currency: 'token',
			customer: 'token',
			metadata: 'string',
			number: 'string',
			status: 'token',
			subscription: 'token',
			total: 'numeric',
		},
		valueOf(invoice, field) {
			switch (field) {
				case 'created':
					return invoice.created;
				case 'currency':
					return invoice.currency;
				case 'customer':
					return invoice.customer;
				case 'number':
					return invoice.number;
				case 'status':
					return invoice.status;
				case 'total':
					return computeTotals(account, invoice).total;
				default:
					// `subscription`: subscriptions are not modelled, so no invoice has one.
					return null;
			}
		},
		metadataOf: (invoice) => invoice.metadata,
	};
}

/** Query fields for customers [D search#query-fields-for-customers]. */
const customerResource: SearchResource<CustomerRec> = {
	name: 'customers',
	fields: { created: 'numeric', email: 'string', metadata: 'string', name: 'string', phone: 'string' },
	valueOf(customer, field) {
		switch (field) {
			case 'created':
				return customer.created;
			case 'email':
				return customer.email;
			case 'name':
				return customer.name;
			default:
				return customer.phone;
		}
	},
	metadataOf: (customer) => customer.metadata,
};

function runQuery<T extends { id: string }>(
	records: Iterable<T>,
	text: string,
	resource: SearchResource<T>,
	searchable: (id: string) => boolean,
): T[] {
	const query = parseQuery(text);
	checkQuery(query, resource);
	return [...records].filter((record) => searchable(record.id) && matchesQuery(record, query, resource));
}

export const searchRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/v1/invoices/search',
		object: 'invoice',
		list: true,
		schema: searchSchema,
		handle({ account, params, searchable }) {
			const expand = itemExpansions(params, ['total_count']);
			const matches = runQuery(
				account.invoices.values(),
				String(params.query),
				invoiceResource(account),
				searchable,
			);
			return searchPage(matches, params, '/v1/invoices/search', (invoice) =>
				serializeInvoice(account, invoice, expand),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/customers/search',
		object: 'customer',
		list: true,
		schema: searchSchema,
		handle({ account, params, searchable }) {
			const expand = itemExpansions(params, ['total_count']);
			const matches = runQuery(
				account.customers.values(),
				String(params.query),
				customerResource,
				searchable,
			);
			return searchPage(matches, params, '/v1/customers/search', (customer) =>
				serializeCustomer(account, customer, expand),
			);
		},
	},
];
