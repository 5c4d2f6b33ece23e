import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { STRIPE_OBJECTS, type StripeObjectKind } from '../../../shared/stripeObjects';
import { idPatternSource } from '../../../shared/transport/stripePath';

// Anchored at the start: a link that merely contains a dashboard URL (evil.example/?next=…) is refused.
const DASHBOARD = '^https://dashboard\\.stripe\\.com/(?:acct_[A-Za-z0-9]+/)?(?:test/)?';

/** The connected account a dashboard link is for (`/acct_…/`), if it names one. */
export function dashboardAccount(url: string): string | undefined {
	return /^https:\/\/dashboard\.stripe\.com\/(acct_[A-Za-z0-9]+)\//.exec(url)?.[1];
}

/** A locator parameter: its name, the object it names, the picker that lists them. */
export interface LocatorSpec {
	name: string;
	kind: StripeObjectKind;
	placeholder: string;
	/** listSearch method in methods/listSearch.ts. */
	searchListMethod: string;
}

/** A "From List / By ID / By URL" picker for a Stripe object; the ID's prefix is validated. */
function stripeLocator(
	spec: LocatorSpec,
	displayOptions: IDisplayOptions,
	description: string,
	required: boolean,
): INodeProperties {
	const { prefix, label, dashboard } = spec.kind;
	const idPattern = idPatternSource(prefix);
	const urlPattern = `${DASHBOARD}${dashboard}/(${idPattern})(?:[/?#]|$)`;
	return {
		displayName: label,
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
							errorMessage: `Must be a Stripe ID starting with ${prefix}`,
						},
					},
				],
			},
			// Objects without a dashboard page of their own (invoice items) have no URL mode.
			...(dashboard
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: `https://dashboard.stripe.com/test/${dashboard}/${spec.placeholder}`,
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

export const CUSTOMER: LocatorSpec = {
	name: 'customer',
	kind: STRIPE_OBJECTS.customer,
	placeholder: 'cus_NffrFeUfNV2Hib',
	searchListMethod: 'searchCustomers',
};

export const INVOICE: LocatorSpec = {
	name: 'invoiceId',
	kind: STRIPE_OBJECTS.invoice,
	placeholder: 'in_1PqRsTuVwXyZ',
	searchListMethod: 'searchInvoices',
};

export const INVOICE_ITEM: LocatorSpec = {
	name: 'invoiceItemId',
	kind: STRIPE_OBJECTS.invoiceItem,
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
