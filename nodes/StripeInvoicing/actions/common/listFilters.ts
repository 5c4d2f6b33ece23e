import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { RangeFilter } from '../../../shared/transport/types';
import { byDisplayName } from './fields';
import type { RowInput } from './rowInput';

export const createdAfterFilter: INodeProperties = {
	displayName: 'Created After',
	name: 'createdAfter',
	type: 'dateTime',
	default: '',
	description: 'Only objects created at or after this moment',
};

export const createdBeforeFilter: INodeProperties = {
	displayName: 'Created Before',
	name: 'createdBefore',
	type: 'dateTime',
	default: '',
	description: 'Only objects created at or before this moment',
};

/** Stripe's `created[gte]` / `created[lte]` from the two date filters. */
export function readCreatedRange(row: RowInput, filters: Record<string, unknown>): RangeFilter | undefined {
	const gte = row.optionalUnixSeconds(filters.createdAfter, 'Created After');
	const lte = row.optionalUnixSeconds(filters.createdBefore, 'Created Before');
	if (gte === undefined && lte === undefined) return undefined;
	if (gte !== undefined && lte !== undefined && lte < gte)
		row.fail('Created Before', 'must not be before Created After');
	return { gte, lte };
}

/** Stripe lists at most 100 per page; a limit above this many results is surely a typo. */
const MAX_LIMIT = 100_000;

export function readPageLimit(row: RowInput): { returnAll: boolean; limit: number } {
	const returnAll = row.optionalBoolean(row.param('returnAll', false), 'Return All') ?? false;
	return { returnAll, limit: returnAll ? 0 : row.integer(row.param('limit', 50), 'Limit', 1, MAX_LIMIT) };
}

/** The "Filters" collection of a list operation: customer and creation date, plus its own. */
export function filtersCollection(
	displayOptions: IDisplayOptions,
	filters: INodeProperties[],
): INodeProperties {
	const shared: INodeProperties[] = [
		createdAfterFilter,
		createdBeforeFilter,
		{
			displayName: 'Customer ID',
			name: 'customer',
			type: 'string',
			default: '',
			placeholder: 'cus_NffrFeUfNV2Hib',
			description: "Only this customer's objects",
		},
	];
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions,
		options: [...shared, ...filters].sort(byDisplayName),
	};
}
