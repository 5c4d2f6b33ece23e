import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

export function amountUnitField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Amount Unit',
		name: 'amountUnit',
		type: 'options',
		default: 'minor',
		options: [
			{
				name: 'Smallest Unit (Stripe Integer)',
				value: 'minor',
				description: 'Cents for USD, yen for JPY, fils for KWD: 1999 = 19.99 USD',
			},
			{
				name: 'Major Unit (E.g. 19.99)',
				value: 'major',
				description:
					"Dollars, euros, yen…, converted with the currency's decimals; an amount the currency cannot represent is an error, never rounded",
			},
		],
		displayOptions,
	};
}

export function simplifyField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: "Whether to return a compact summary instead of Stripe's full object",
		displayOptions,
	};
}

/** Return All / Limit for list and search operations. */
export function paginationFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

export const expandOption: INodeProperties = {
	displayName: 'Expand',
	name: 'expand',
	type: 'string',
	default: '',
	placeholder: 'customer, payments',
	description:
		'Comma-separated fields Stripe should return as full objects instead of IDs (e.g. customer), shown when Simplify is off',
};

export const stripeAccountOption: INodeProperties = {
	displayName: 'Stripe Account',
	name: 'stripeAccount',
	type: 'string',
	default: '',
	placeholder: 'acct_1PqRsTuVwXyZ',
	description:
		'For Stripe Connect platforms: act on this connected account (sent as the Stripe-Account header)',
};
