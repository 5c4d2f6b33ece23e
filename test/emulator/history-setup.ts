// Bulk set-up of past invoices (no API calls, no request log), for benchmarks that need customers
// with a long invoice history. Each invoice is made by the POST /v1/invoices handler itself, so it
// is shaped exactly like one made through the API.
import { ROUTES } from './routes';
import { matchRoute } from './routing';
import type { AccountState } from './store';

/** Bulk set-up cap: 100 customers × 5,000 past invoices. */
export const MAX_BULK_INVOICES = 500_000;

/**
 * Adds `perCustomer` draft invoices (answering their IDs) to each customer, tagged `n8n_reference: past-<customer>-<n>`
 * so a reference lookup has a history to look past. Searchable at once, as if made long ago.
 */
export function addPastInvoices(account: AccountState, customers: string[], perCustomer: number): string[] {
	const create = matchRoute(ROUTES, 'POST', '/v1/invoices')!.route;
	const ids: string[] = [];
	for (const customer of customers) {
		for (let n = 1; n <= perCustomer; n++) {
			const params = { customer, currency: 'usd', metadata: { n8n_reference: `past-${customer}-${n}` } };
			ids.push((create.handle({ account, params, id: '', searchable: () => true }) as { id: string }).id);
		}
	}
	return ids;
}
