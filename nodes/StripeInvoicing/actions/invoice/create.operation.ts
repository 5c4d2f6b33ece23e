import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceCreateBody, StripeInvoice } from '../../transport/types';
import { collectionMethodFields, dueDateOption, readCollectionSettings } from '../common/collection';
import {
	customerIdField,
	descriptionOption,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['create']);

export const description: INodeProperties[] = [
	customerIdField(displayOptions, 'Customer to invoice'),
	...collectionMethodFields(displayOptions),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Auto Advance',
				name: 'autoAdvance',
				type: 'boolean',
				default: false,
				description:
					'Whether Stripe finalizes the draft about an hour after creation and then collects it automatically',
			},
			{
				displayName: 'Currency',
				name: 'currency',
				type: 'string',
				default: '',
				placeholder: 'usd',
				description: "Three-letter ISO code; defaults to the customer's currency",
			},
			{
				displayName: 'Default Payment Method ID',
				name: 'defaultPaymentMethod',
				type: 'string',
				default: '',
				placeholder: 'pm_1PqR…',
				description: "Payment method to charge for this invoice instead of the customer's default",
			},
			{ ...descriptionOption, description: 'Memo shown on the invoice' },
			dueDateOption,
			{
				displayName: 'Footer',
				name: 'footer',
				type: 'string',
				default: '',
				description: 'Footer shown on the invoice',
			},
			metadataOption,
			{
				displayName: 'Pending Invoice Items',
				name: 'pendingInvoiceItemsBehavior',
				type: 'options',
				default: 'exclude',
				options: [
					{ name: 'Exclude', value: 'exclude', description: 'Start with an empty invoice' },
					{
						name: 'Include',
						value: 'include',
						description: "Pull in the customer's pending invoice items in the invoice's currency",
					},
				],
			},
		],
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

export const execute: RowHandler = async (_ctx, row) => {
	const fields = row.options('additionalFields');
	const options = row.options();
	const currency = row.optionalText(fields.currency);
	const body: InvoiceCreateBody = {
		customer: row.locator('customer', 'Customer', 'cus_'),
		...readCollectionSettings(row, fields),
		currency: currency === undefined ? undefined : row.currency(currency),
		auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance') ?? false,
		default_payment_method: row.optionalId(fields.defaultPaymentMethod, 'Default Payment Method ID', 'pm_'),
		description: row.optionalText(fields.description),
		footer: row.optionalText(fields.footer),
		metadata: row.metadata(fields.metadata),
		pending_invoice_items_behavior: fields.pendingInvoiceItemsBehavior === 'include' ? 'include' : 'exclude',
		expand: row.expand(options),
	};
	const invoice = await row.stripe(options).post<StripeInvoice>(stripePath`/v1/invoices`, body);
	return shapeInvoice(row.simplify(), invoice);
};
