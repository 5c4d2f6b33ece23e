/**
 * The Stripe objects this package names, each fact written once: the ID prefix, what a person
 * calls it, its API collection (the only place an ID may sit in a path) and its dashboard page.
 * The locators, the pickers, the path builder and every ID check read them from here.
 */
export interface StripeObjectKind {
	/** The ID prefix, e.g. `in_`. */
	prefix: string;
	/** The object as a person names it, e.g. "Invoice Item". */
	label: string;
	/** The API collection an ID of this kind follows in a path, e.g. `/v1/invoices`. */
	collection?: string;
	/** The dashboard path segment of the object's page, when it has one. */
	dashboard?: string;
}

export const STRIPE_OBJECTS = {
	account: { prefix: 'acct_', label: 'Connected Account' },
	customer: { prefix: 'cus_', label: 'Customer', collection: '/v1/customers', dashboard: 'customers' },
	discount: { prefix: 'di_', label: 'Discount' },
	invoice: { prefix: 'in_', label: 'Invoice', collection: '/v1/invoices', dashboard: 'invoices' },
	// Invoice items have no dashboard page of their own.
	invoiceItem: { prefix: 'ii_', label: 'Invoice Item', collection: '/v1/invoiceitems' },
	paymentMethod: { prefix: 'pm_', label: 'Payment Method' },
	price: { prefix: 'price_', label: 'Price', collection: '/v1/prices', dashboard: 'prices' },
	promotionCode: {
		prefix: 'promo_',
		label: 'Promotion Code',
		collection: '/v1/promotion_codes',
		dashboard: 'promotion_codes',
	},
	/** Stripe Tax's product tax codes (`txcd_10000000`). */
	taxCode: { prefix: 'txcd_', label: 'Tax Code' },
	/** The account's own tax IDs, shown on its invoices. */
	taxId: { prefix: 'txi_', label: 'Account Tax ID' },
	taxRate: { prefix: 'txr_', label: 'Tax Rate', collection: '/v1/tax_rates', dashboard: 'tax-rates' },
	webhookEndpoint: {
		prefix: 'we_',
		label: 'Webhook Endpoint',
		collection: '/v1/webhook_endpoints',
		dashboard: 'webhooks',
	},
} as const satisfies Record<string, StripeObjectKind>;

/** An expandable field (`customer`, `invoice`): the ID whether Stripe sent the ID or the object. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
	return typeof value === 'string' ? value : (value?.id ?? null);
}

/** The object's page in the Stripe dashboard (test-mode pages live under /test/). */
export function dashboardUrl(kind: StripeObjectKind, id: string, livemode: boolean): string | undefined {
	if (!kind.dashboard) return undefined;
	return `https://dashboard.stripe.com/${livemode ? '' : 'test/'}${kind.dashboard}/${id}`;
}
