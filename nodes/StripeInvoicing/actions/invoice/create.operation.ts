import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceCreateBody, StripeInvoice } from '../../../shared/transport/types';
import {
	collectionMethodFields,
	defaultPaymentMethodField,
	dueDateOption,
	readCollectionSettings,
} from '../common/collectionMethod';
import {
	customerIdField,
	descriptionOption,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['create']);

const pendingItemsField: INodeProperties = {
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
};

const description: INodeProperties[] = [
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
			defaultPaymentMethodField,
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
			pendingItemsField,
		],
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const fields = row.options('additionalFields');
		const options = row.options();
		const currency = row.optionalText(fields.currency, 'Currency');
		const body: InvoiceCreateBody = {
			customer: row.locator('customer', 'Customer', 'cus_'),
			...readCollectionSettings(row, fields),
			currency: currency === undefined ? undefined : row.currency(currency),
			auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance') ?? false,
			default_payment_method: row.optionalId(fields.defaultPaymentMethod, 'Default Payment Method ID', 'pm_'),
			description: row.optionalText(fields.description, 'Description'),
			footer: row.optionalText(fields.footer, 'Footer'),
			metadata: row.metadata(fields.metadata),
			pending_invoice_items_behavior:
				row.optionalChoice<'exclude' | 'include'>(fields.pendingInvoiceItemsBehavior, pendingItemsField) ??
				'exclude',
			expand: row.expand(options),
		};
		return { scope: row.callScope(options), request: body, body, simplify: row.simplify() };
	},
	async send(stripe, plan) {
		return shapeInvoice(plan.simplify, await stripe.post<StripeInvoice>(endpoints.invoices, plan.body));
	},
});
