import type { INodeProperties } from 'n8n-workflow';

import type { CollectionMethod, InvoiceUpdateBody, StripeInvoice } from '../../transport/types';
import { COLLECTION_METHOD_OPTIONS, dueDateOption } from '../common/collection';
import {
	descriptionOption,
	invoiceIdField,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['update']);

export const description: INodeProperties[] = [
	invoiceIdField(
		displayOptions,
		'Invoice to update. Drafts take every field; finalized invoices only metadata and a few others.',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{ displayName: 'Auto Advance', name: 'autoAdvance', type: 'boolean', default: false },
			{
				displayName: 'Collection Method',
				name: 'collectionMethod',
				type: 'options',
				default: 'charge_automatically',
				options: COLLECTION_METHOD_OPTIONS,
			},
			{
				displayName: 'Days Until Due',
				name: 'daysUntilDue',
				type: 'number',
				default: 30,
				typeOptions: { minValue: 0, numberPrecision: 0 },
			},
			{
				displayName: 'Default Payment Method ID',
				name: 'defaultPaymentMethod',
				type: 'string',
				default: '',
				placeholder: 'pm_1PqR…',
			},
			{ ...descriptionOption, description: 'Memo shown on the invoice' },
			dueDateOption,
			{ displayName: 'Footer', name: 'footer', type: 'string', default: '' },
			{
				...metadataOption,
				description:
					'Keys to set; an entry with an empty value removes that key. Other keys stay as they are.',
			},
		],
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
	const fields = row.options('updateFields');
	const options = row.options();
	if (Object.keys(fields).length === 0) row.fail('Update Fields', 'add at least one field to change');
	const body: InvoiceUpdateBody = {
		auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance'),
		collection_method: fields.collectionMethod as CollectionMethod | undefined,
		days_until_due:
			fields.daysUntilDue === undefined
				? undefined
				: row.nonNegativeInteger(fields.daysUntilDue, 'Days Until Due'),
		due_date: row.optionalUnixSeconds(fields.dueDate, 'Due Date'),
		default_payment_method: row.optionalId(fields.defaultPaymentMethod, 'Default Payment Method ID', 'pm_'),
		description: row.optionalText(fields.description),
		footer: row.optionalText(fields.footer),
		metadata: row.metadataUpdate(fields.metadata),
		expand: row.expand(options),
	};
	const invoice = await row.stripe(options).post<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}`, body);
	return shapeInvoice(row.simplify(), invoice);
};
