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
import { CUSTOMER } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

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
			customer: row.locator(CUSTOMER),
			...readCollectionSettings(row, fields),
			currency: currency === undefined ? undefined : row.currency(currency),
			auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance') ?? false,
			default_payment_method: row.optionalId(
				fields.defaultPaymentMethod,
				'Default Payment Method ID',
				STRIPE_OBJECTS.paymentMethod,
			),
			description: row.optionalText(fields.description, 'Description'),
			footer: row.optionalText(fields.footer, 'Footer'),
			metadata: row.metadata(fields.metadata),
			pending_invoice_items_behavior:
				row.optionalChoice<'exclude' | 'include'>(fields.pendingInvoiceItemsBehavior, pendingItemsField) ??
				'exclude',
			expand: row.expand(options),
		};
		return {
			scope: row.callScope(options),
			// Which invoice this is, apart from its settings (collection, due terms, footer…): rows of one
			// order may create invoices for other customers, currencies or memos; a re-run with changed
			// settings reuses the key with other values, which Stripe refuses.
			identity: {
				customer: body.customer,
				currency: body.currency,
				description: body.description,
				metadata: body.metadata,
			},
			body,
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan) {
		return shapeInvoice(plan.simplify, await stripe.post<StripeInvoice>(endpoints.invoices, plan.body));
	},
});
