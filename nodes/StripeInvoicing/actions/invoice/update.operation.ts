import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { CollectionMethod, InvoiceUpdateBody, StripeInvoice } from '../../../shared/transport/types';
import {
	collectionMethodField,
	daysUntilDueField,
	defaultPaymentMethodField,
	dueDateOption,
	readDaysUntilDue,
	readDueDate,
} from '../common/collectionMethod';
import { postById } from '../common/byId';
import {
	descriptionOption,
	invoiceIdField,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { INVOICE } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['update']);

const description: INodeProperties[] = [
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
			collectionMethodField,
			daysUntilDueField,
			defaultPaymentMethodField,
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

export const operation = postById<StripeInvoice>({
	description,
	target: INVOICE,
	path: (id) => endpoints.invoice(id),
	shape: shapeInvoice,
	body(row, options): InvoiceUpdateBody {
		const fields = row.options('updateFields');
		if (Object.keys(fields).length === 0) row.fail('Update Fields', 'add at least one field to change');
		return {
			auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance'),
			collection_method: row.optionalChoice<CollectionMethod>(fields.collectionMethod, collectionMethodField),
			days_until_due:
				fields.daysUntilDue === undefined ? undefined : readDaysUntilDue(row, fields.daysUntilDue),
			due_date: readDueDate(row, fields.dueDate),
			default_payment_method: row.optionalId(
				fields.defaultPaymentMethod,
				'Default Payment Method ID',
				STRIPE_OBJECTS.paymentMethod,
			),
			description: row.optionalText(fields.description, 'Description'),
			footer: row.optionalText(fields.footer, 'Footer'),
			metadata: row.metadataUpdate(fields.metadata),
			expand: row.expand(options),
		};
	},
});
