import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { quoteSearchValue } from '../../../shared/transport/searchQuery';
import { metadataOption } from '../common/fields';
import { MAX_AMOUNT } from '../common/parse/money';
import type { RowInput } from '../common/rowInput';
import { invoiceStatusFilter } from './getMany.operation';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

/** Stripe combines at most 10 clauses in one search query. */
const MAX_CLAUSES = 10;

/** "Search By: Fields": each value is quoted for Stripe's query language, so none can add a clause. */
export const searchFieldsCollection: INodeProperties = {
	displayName: 'Search Fields',
	name: 'searchFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{ displayName: 'Currency', name: 'currency', type: 'string', default: '', placeholder: 'usd' },
		{
			displayName: 'Customer ID',
			name: 'customer',
			type: 'string',
			default: '',
			placeholder: 'cus_NffrFeUfNV2Hib',
		},
		{ ...metadataOption, description: 'Invoices whose metadata has all of these key/value pairs' },
		{ displayName: 'Number', name: 'number', type: 'string', default: '', placeholder: 'A1B2C3D4-0001' },
		invoiceStatusFilter,
		{
			displayName: 'Total at Least',
			name: 'totalMin',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: "In the currency's smallest unit (1000 = 10.00 USD)",
		},
		{
			displayName: 'Total at Most',
			name: 'totalMax',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: "In the currency's smallest unit (1000 = 10.00 USD)",
		},
	],
};

/** The search query built from the Search Fields collection, with every value quoted. */
export function queryFromFields(row: RowInput, fields: IDataObject): string {
	const clauses: string[] = [];
	const metadata = row.metadata(fields.metadata) ?? {};
	for (const [key, value] of Object.entries(metadata)) {
		clauses.push(`metadata[${quoteSearchValue(key)}]:${quoteSearchValue(value)}`);
	}
	const customer = row.optionalId(fields.customer, 'Customer ID', STRIPE_OBJECTS.customer);
	if (customer) clauses.push(`customer:${quoteSearchValue(customer)}`);
	const status = row.optionalChoice(fields.status, invoiceStatusFilter);
	if (status) clauses.push(`status:${quoteSearchValue(status)}`);
	const currency = row.optionalText(fields.currency, 'Currency');
	if (currency) clauses.push(`currency:${quoteSearchValue(row.currency(currency))}`);
	const number = row.optionalText(fields.number, 'Number', 100);
	if (number) clauses.push(`number:${quoteSearchValue(number)}`);
	if (fields.totalMin !== undefined)
		clauses.push(`total>=${row.integer(fields.totalMin, 'Total at Least', 0, MAX_AMOUNT)}`);
	if (fields.totalMax !== undefined)
		clauses.push(`total<=${row.integer(fields.totalMax, 'Total at Most', 0, MAX_AMOUNT)}`);
	if (clauses.length === 0) row.fail('Search Fields', 'add at least one field to search by');
	if (clauses.length > MAX_CLAUSES)
		row.fail('Search Fields', `make ${clauses.length} conditions; Stripe combines at most ${MAX_CLAUSES}`);
	return clauses.join(' AND ');
}
