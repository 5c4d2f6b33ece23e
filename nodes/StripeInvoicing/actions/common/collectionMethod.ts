import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { CollectionMethod } from '../../../shared/transport/types';
import { isEmpty } from './parse/invalid';
import type { RowInput } from './rowInput';

/** Stripe takes due dates and terms up to five years ahead (chosen limit; Stripe documents none). */
export const MAX_DAYS_UNTIL_DUE = 1825;

/** Stripe's two ways of collecting an invoice. */
export const collectionMethodField: INodeProperties = {
	displayName: 'Collection Method',
	name: 'collectionMethod',
	type: 'options',
	default: 'charge_automatically',
	options: [
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
	],
};

export const daysUntilDueField: INodeProperties = {
	displayName: 'Days Until Due',
	name: 'daysUntilDue',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 0, maxValue: MAX_DAYS_UNTIL_DUE, numberPrecision: 0 },
	description: `Days the customer has to pay an emailed invoice, 0 to ${MAX_DAYS_UNTIL_DUE} (ignored when a Due Date is set)`,
};

export const dueDateOption: INodeProperties = {
	displayName: 'Due Date',
	name: 'dueDate',
	type: 'dateTime',
	default: '',
	description:
		'When an emailed invoice (collection method "send invoice") is due, instead of Days Until Due; must be in the future',
};

export const defaultPaymentMethodField: INodeProperties = {
	displayName: 'Default Payment Method ID',
	name: 'defaultPaymentMethod',
	type: 'string',
	default: '',
	placeholder: 'pm_1PqR…',
	description:
		"Payment method to charge for this invoice instead of the customer's default (it must belong to the customer)",
};

/** Adds conditions to a field's display options, in n8n's style. */
export function showWhen(displayOptions: IDisplayOptions, conditions: IDataObject): IDisplayOptions {
	return { show: { ...displayOptions.show, ...conditions } } as IDisplayOptions;
}

/** Collection method and Days Until Due as top-level fields of an operation. */
export function collectionMethodFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{ ...collectionMethodField, displayOptions },
		{
			...daysUntilDueField,
			displayOptions: showWhen(displayOptions, { collectionMethod: ['send_invoice'] }),
		},
	];
}

export interface CollectionSettings {
	collection_method: CollectionMethod;
	days_until_due?: number;
	due_date?: number;
}

export function readDaysUntilDue(row: RowInput, value: unknown): number {
	return row.integer(value, 'Days Until Due', 0, MAX_DAYS_UNTIL_DUE);
}

/** A due date in the future and at most five years ahead. */
export function readDueDate(row: RowInput, value: unknown): number | undefined {
	const dueDate = row.optionalDueDate(value);
	const limit = Math.floor(Date.now() / 1000) + MAX_DAYS_UNTIL_DUE * 86_400;
	if (dueDate !== undefined && dueDate > limit) row.fail('Due Date', 'must be at most five years ahead');
	return dueDate;
}

/** Collection method with its due terms; Stripe wants them only for emailed invoices. */
export function readCollectionSettings(row: RowInput, extra: IDataObject): CollectionSettings {
	const method = row.choice<CollectionMethod>(
		row.param('collectionMethod', 'charge_automatically'),
		collectionMethodField,
	);
	if (method !== 'send_invoice') {
		if (!isEmpty(extra.dueDate))
			row.fail('Due Date', 'applies only when the collection method is "Send Invoice"');
		return { collection_method: 'charge_automatically' };
	}
	const dueDate = readDueDate(row, extra.dueDate);
	if (dueDate !== undefined) return { collection_method: method, due_date: dueDate };
	return { collection_method: method, days_until_due: readDaysUntilDue(row, row.param('daysUntilDue', 30)) };
}
