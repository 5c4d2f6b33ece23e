/**
 * The slices of Stripe's request and response shapes this package uses, at STRIPE_API_VERSION.
 * test/contract/stripeTypes.ts checks each one against the `stripe` package's own types, so a
 * drift from Stripe's API fails `npm test`. Request bodies are type aliases (not interfaces) so
 * they stay assignable to FormParams.
 */
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

/** Stripe may add statuses in later API versions; code must not assume the list is closed. */
type OpenEndedStatus = InvoiceStatus | (string & Record<never, never>);

type ExpandableId = string | { id: string };

export type Metadata = Record<string, string>;

export interface StripeInvoice {
	id: string;
	object: 'invoice';
	customer: ExpandableId | null;
	status: OpenEndedStatus | null;
	number: string | null;
	currency: string;
	amount_due: number;
	amount_paid: number;
	amount_remaining: number;
	total: number;
	attempted: boolean;
	hosted_invoice_url?: string | null;
	invoice_pdf?: string | null;
	livemode: boolean;
	metadata: Metadata | null;
}

export interface StripeInvoiceItem {
	id: string;
	object: 'invoiceitem';
	customer: ExpandableId | null;
	invoice: ExpandableId | null;
	amount: number;
	currency: string;
	description: string | null;
	livemode: boolean;
	metadata: Metadata | null;
}

export type InvoiceCreateBody = {
	customer: string;
	auto_advance?: boolean;
	currency?: string;
	description?: string;
	metadata?: Metadata;
	pending_invoice_items_behavior?: 'exclude' | 'include';
};

export type InvoiceFinalizeBody = {
	auto_advance?: boolean;
};

export type InvoicePayBody = {
	payment_method?: string;
	off_session?: boolean;
	paid_out_of_band?: boolean;
	forgive?: boolean;
};

export type InvoiceItemCreateBody = {
	customer: string;
	invoice?: string;
	amount?: number;
	unit_amount_decimal?: string;
	currency?: string;
	pricing?: { price: string };
	quantity?: number;
	description?: string;
	period?: { start: number; end: number };
	metadata?: Metadata;
	discountable?: boolean;
	tax_rates?: string[];
};
