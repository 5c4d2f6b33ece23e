import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { CollectionMethod } from '../../transport/types';
import type { RowInput } from './rowInput';

/** Stripe's two ways of collecting an invoice, as option values. */
export const COLLECTION_METHOD_OPTIONS = [
	{
		name: 'Charge Automatically',
		value: 'charge_automatically',
		description: "Charge the customer's payment method",
	},
	{
		name: 'Send Invoice',
		value: 'send_invoice',
		description: 'Email the invoice; the customer pays it on the hosted invoice page',
	},
];

export function collectionMethodFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Collection Method',
			name: 'collectionMethod',
			type: 'options',
			default: 'charge_automatically',
			options: COLLECTION_METHOD_OPTIONS,
			displayOptions,
		},
		{
			displayName: 'Days Until Due',
			name: 'daysUntilDue',
			type: 'number',
			default: 30,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description: 'Days the customer has to pay an emailed invoice (ignored when a Due Date is set)',
			displayOptions: { show: { ...displayOptions.show, collectionMethod: ['send_invoice'] } },
		},
	];
}

export const dueDateOption: INodeProperties = {
	displayName: 'Due Date',
	name: 'dueDate',
	type: 'dateTime',
	default: '',
	description: 'When an emailed invoice (collection method "send invoice") is due, instead of Days Until Due',
};

export interface CollectionSettings {
	collection_method: CollectionMethod;
	days_until_due?: number;
	due_date?: number;
}

/** Collection method with its due terms; Stripe wants them only for emailed invoices. */
export function readCollectionSettings(row: RowInput, extra: IDataObject): CollectionSettings {
	const method = row.raw('collectionMethod', 'charge_automatically') as CollectionMethod;
	const dueDate = row.optionalUnixSeconds(extra.dueDate, 'Due Date');
	if (method !== 'send_invoice') {
		if (dueDate !== undefined)
			row.fail('Due Date', 'applies only when the collection method is "Send Invoice"');
		return { collection_method: 'charge_automatically' };
	}
	if (dueDate !== undefined) return { collection_method: method, due_date: dueDate };
	return {
		collection_method: method,
		days_until_due: row.nonNegativeInteger(row.raw('daysUntilDue', 30), 'Days Until Due'),
	};
}
