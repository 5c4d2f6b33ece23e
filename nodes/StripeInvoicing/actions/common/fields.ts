import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { batchOptions } from './batchOptions';
import { expandOption, stripeAccountOption } from './generalFields';

/** Shows a field for one resource and some of its operations. */
export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export { customerIdField, invoiceIdField, invoiceItemIdField } from './locators';
export { amountUnitField, paginationFields, simplifyField } from './generalFields';

export function amountField(
	displayOptions: IDisplayOptions,
	description: string,
	{ allowNegative = false } = {},
): INodeProperties {
	return {
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		required: true,
		default: 0,
		// No numberPrecision: in major units an amount has decimals (19.99, 5.120); the row's
		// validation checks them against the currency instead.
		typeOptions: allowNegative ? {} : { minValue: 0 },
		description,
		displayOptions,
	};
}

export function currencyField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		required: true,
		default: 'usd',
		placeholder: 'usd',
		description: 'Three-letter ISO currency code, e.g. usd, eur, jpy (any case)',
		displayOptions,
	};
}

export const descriptionOption: INodeProperties = {
	displayName: 'Description',
	name: 'description',
	type: 'string',
	default: '',
	description: 'Text shown on the invoice line',
};

export const metadataOption: INodeProperties = {
	displayName: 'Metadata',
	name: 'metadata',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	default: {},
	placeholder: 'Add Metadata',
	description: 'Key/value pairs stored on the Stripe object (up to 50 keys)',
	options: [
		{
			name: 'entries',
			displayName: 'Entry',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const paymentMethodOption: INodeProperties = {
	displayName: 'Payment Method ID',
	name: 'paymentMethod',
	type: 'string',
	default: '',
	placeholder: 'pm_1PqR…',
	description:
		"Charge this payment method (it must belong to the customer). Leave empty to use the invoice's or the customer's default payment method.",
};

export const referenceDescription =
	"A value unique to this billing event, such as an order ID. Stripe's idempotency keys are derived from it, so re-running the workflow or retrying a call returns the first result instead of doing it again";

/** The Reference of a single write operation (Invoice & Collect shows its own, more prominently). */
export const referenceOption: INodeProperties = {
	displayName: 'Reference (Idempotency)',
	name: 'reference',
	type: 'string',
	default: '',
	placeholder: 'e.g. order-1001',
	description: `${referenceDescription} (Stripe keeps keys for 24 hours)`,
};

/**
 * Orders options by display name as n8n's editor lists them. A plain comparison, not
 * localeCompare: the first localeCompare in a process starts ICU's collator, which would cost
 * n8n ~14 ms at start-up when it loads this node.
 */
export function byDisplayName(a: INodeProperties, b: INodeProperties): number {
	const [x, y] = [a.displayName.toLowerCase(), b.displayName.toLowerCase()];
	return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The "Options" collection of optional inputs an operation shows under its required fields; every
 * operation also takes a Connect account and the batch settings, those returning objects take
 * Expand, and writes take a Reference.
 */
export function optionsCollection(
	displayOptions: IDisplayOptions,
	options: INodeProperties[],
	{ expand = true, reference = false } = {},
): INodeProperties {
	const shared = [
		...(expand ? [expandOption] : []),
		...(reference ? [referenceOption] : []),
		stripeAccountOption,
		...batchOptions,
	];
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [...options, ...shared].sort(byDisplayName),
	};
}
