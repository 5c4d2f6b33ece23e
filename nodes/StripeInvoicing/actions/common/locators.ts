import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { idPatternSource } from '../../../shared/transport/stripePath';

// Anchored at the start: a link that merely contains a dashboard URL (evil.example/?next=…) is refused.
const DASHBOARD = '^https://dashboard\\.stripe\\.com/(?:acct_[A-Za-z0-9]+/)?(?:test/)?';

/** The connected account a dashboard link is for (`/acct_…/`), if it names one. */
export function dashboardAccount(url: string): string | undefined {
	return /^https:\/\/dashboard\.stripe\.com\/(acct_[A-Za-z0-9]+)\//.exec(url)?.[1];
}

interface LocatorSpec {
	name: string;
	displayName: string;
	prefix: string;
	placeholder: string;
	/** listSearch method in methods/listSearch.ts. */
	searchListMethod: string;
	/** Dashboard path segment, e.g. "customers", when the object has a dashboard page. */
	dashboardPath?: string;
}

/** A "From List / By ID / By URL" picker for a Stripe object; the ID's prefix is validated. */
function stripeLocator(
	spec: LocatorSpec,
	displayOptions: IDisplayOptions,
	description: string,
	required: boolean,
): INodeProperties {
	const idPattern = idPatternSource(spec.prefix);
	const urlPattern = `${DASHBOARD}${spec.dashboardPath}/(${idPattern})(?:[/?#]|$)`;
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description,
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: spec.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: spec.placeholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^${idPattern}$`,
							errorMessage: `Must be a Stripe ID starting with ${spec.prefix}`,
						},
					},
				],
			},
			// Invoice items have no dashboard page of their own, so no URL mode.
			...(spec.dashboardPath
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: `https://dashboard.stripe.com/test/${spec.dashboardPath}/${spec.placeholder}`,
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: `${urlPattern}.*`, errorMessage: 'Not a Stripe dashboard link' },
								},
							],
							extractValue: { type: 'regex' as const, regex: urlPattern },
						},
					]
				: []),
		],
	};
}

const CUSTOMER: LocatorSpec = {
	name: 'customer',
	displayName: 'Customer',
	prefix: 'cus_',
	placeholder: 'cus_NffrFeUfNV2Hib',
	searchListMethod: 'searchCustomers',
	dashboardPath: 'customers',
};

const INVOICE: LocatorSpec = {
	name: 'invoiceId',
	displayName: 'Invoice',
	prefix: 'in_',
	placeholder: 'in_1PqRsTuVwXyZ',
	searchListMethod: 'searchInvoices',
	dashboardPath: 'invoices',
};

const INVOICE_ITEM: LocatorSpec = {
	name: 'invoiceItemId',
	displayName: 'Invoice Item',
	prefix: 'ii_',
	placeholder: 'ii_1PqRsTuVwXyZ',
	searchListMethod: 'searchInvoiceItems',
};

export function customerIdField(
	displayOptions: IDisplayOptions,
	description: string,
	required = true,
): INodeProperties {
	return stripeLocator(CUSTOMER, displayOptions, description, required);
}

export function invoiceIdField(
	displayOptions: IDisplayOptions,
	description: string,
	required = true,
): INodeProperties {
	return stripeLocator(INVOICE, displayOptions, description, required);
}

export function invoiceItemIdField(displayOptions: IDisplayOptions, description: string): INodeProperties {
	return stripeLocator(INVOICE_ITEM, displayOptions, description, true);
}
