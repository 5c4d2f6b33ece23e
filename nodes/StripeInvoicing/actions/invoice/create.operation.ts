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
	byDisplayName,
	customerIdField,
	descriptionOption,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { resolveDiscounts } from '../common/discounts';
import { invoiceExtraOptions, pendingItemsField, readInvoiceExtras } from '../common/invoiceExtras';
import { defineOperation } from '../operation';
import { CUSTOMER } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['create']);

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
		options: (
			[
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
				metadataOption,
				pendingItemsField,
				...invoiceExtraOptions,
			] as INodeProperties[]
		).sort(byDisplayName),
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
		const scope = row.callScope(options);
		const collection = readCollectionSettings(row, fields);
		const { discounts, ...extras } = readInvoiceExtras(row, fields, {
			collectionMethod: collection.collection_method,
			stripeAccount: scope.stripeAccount,
		});
		const body: InvoiceCreateBody = {
			customer: row.locator(CUSTOMER),
			...collection,
			...extras,
			currency: currency === undefined ? undefined : row.currency(currency),
			auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance') ?? false,
			default_payment_method: row.optionalId(
				fields.defaultPaymentMethod,
				'Default Payment Method ID',
				STRIPE_OBJECTS.paymentMethod,
			),
			description: row.optionalText(fields.description, 'Description'),
			metadata: row.metadata(fields.metadata),
			pending_invoice_items_behavior:
				row.optionalChoice<'exclude' | 'include'>(fields.pendingInvoiceItemsBehavior, pendingItemsField) ??
				'exclude',
			expand: row.expand(options),
		};
		return {
			scope,
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
			discounts,
			simplify: row.simplify(),
		};
	},
	/** A promotion code a customer typed is looked up before the batch writes anything. */
	async lookup(stripe, plan, context) {
		const discounts = await resolveDiscounts(stripe, plan.discounts, context);
		return { ...plan, body: { ...plan.body, discounts }, discounts: undefined };
	},
	async send(stripe, plan) {
		return shapeInvoice(plan.simplify, await stripe.post<StripeInvoice>(endpoints.invoices, plan.body));
	},
});
