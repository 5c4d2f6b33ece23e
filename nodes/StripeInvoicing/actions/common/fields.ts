import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Shows a field for one resource and some of its operations. */
export function showFor(resource: string, operations: string[]): IDisplayOptions {
	return { show: { resource: [resource], operation: operations } };
}

export function invoiceIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'in_1PqR…',
		description,
		displayOptions,
	};
}

export function customerIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customer',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'cus_NffrFeUfNV2Hib',
		description,
		displayOptions,
	};
}

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
		typeOptions: allowNegative ? { numberPrecision: 0 } : { minValue: 0, numberPrecision: 0 },
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

/** The "Options" collection of optional inputs an operation shows under its required fields. */
export function optionsCollection(
	displayOptions: IDisplayOptions,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options,
	};
}
