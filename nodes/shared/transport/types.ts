/**
 * The slices of Stripe's request and response shapes this package uses, at STRIPE_API_VERSION.
 * test/contract/stripeTypes.ts checks each one against the `stripe` package's own types, so a
 * drift from Stripe's API fails `npm test`. Request bodies are type aliases (not interfaces) so
 * they stay assignable to FormParams.
 */
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';

/** Stripe may add values to its enums in later API versions; code must not assume a closed list. */
type OpenEnded<T extends string> = T | (string & Record<never, never>);

type ExpandableId = string | { id: string };

export type Metadata = Record<string, string>;

export type CollectionMethod = 'charge_automatically' | 'send_invoice';

export interface StripeInvoice {
	id: string;
	object: 'invoice';
	customer: ExpandableId | null;
	status: OpenEnded<InvoiceStatus> | null;
	number: string | null;
	currency: string;
	amount_due: number;
	amount_paid: number;
	amount_remaining: number;
	total: number;
	subtotal: number;
	attempted: boolean;
	/** The first lines of the invoice (Stripe embeds a page of them). */
	lines?: { data: StripeLineItem[]; has_more: boolean };
	/** The customer's balance when finalized; on a draft, the customer's balance now. */
	starting_balance: number;
	hosted_invoice_url?: string | null;
	invoice_pdf?: string | null;
	livemode: boolean;
	metadata: Metadata | null;
	collection_method: OpenEnded<CollectionMethod>;
	due_date: number | null;
	created: number;
	description: string | null;
	auto_advance?: boolean;
}

/** A decimal as text on the wire ("1999.5"); the SDK's types describe its own Decimal class instead. */
type WireDecimal = string | { toString(): string };

/** How an invoice line or invoice item is priced: a Price, or a custom unit amount. */
type Pricing = {
	price_details?: { price: string | { id: string } };
	unit_amount_decimal: WireDecimal | null;
} | null;

/** One line of an invoice (`invoice.lines.data`, `GET /v1/invoices/:id/lines`). */
export interface StripeLineItem {
	id: string;
	object: 'line_item';
	/** The line's amount before discounts and tax. */
	amount: number;
	currency: string;
	description: string | null;
	quantity: number | null;
	pricing: Pricing;
}

export interface StripePrice {
	id: string;
	object: 'price';
	currency: string;
	/** Null for tiered or custom-unit prices, whose amount depends on more than a quantity. */
	unit_amount: number | null;
	unit_amount_decimal: WireDecimal | null;
	billing_scheme: OpenEnded<'per_unit' | 'tiered'>;
}

export interface StripeCustomer {
	id: string;
	object: 'customer';
	/** What the customer owes (positive) or has as credit (negative), added to their next invoice. */
	balance: number;
	livemode: boolean;
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
	quantity: number;
	date: number;
	discountable: boolean;
	period: { start: number; end: number };
	pricing: Pricing;
}

export interface StripeDeleted {
	id: string;
	object: string;
	deleted: true;
}

/** `expand[]` on any call that returns objects. */
type Expand = { expand?: string[] };

/** Invoice settings both create and update take. */
type InvoiceSettings = {
	auto_advance?: boolean;
	collection_method?: CollectionMethod;
	days_until_due?: number;
	due_date?: number;
	default_payment_method?: string;
	description?: string;
	footer?: string;
};

export type InvoiceCreateBody = Expand &
	InvoiceSettings & {
		customer: string;
		currency?: string;
		metadata?: Metadata;
		pending_invoice_items_behavior?: 'exclude' | 'include';
	};

/** Metadata on update: an empty value removes the key. */
export type MetadataUpdate = Record<string, string | null>;

export type InvoiceUpdateBody = Expand & InvoiceSettings & { metadata?: MetadataUpdate };

export type InvoiceFinalizeBody = Expand & {
	auto_advance?: boolean;
};

export type InvoicePayBody = Expand & {
	payment_method?: string;
	off_session?: boolean;
	paid_out_of_band?: boolean;
	forgive?: boolean;
};

/** Send, void and mark uncollectible take nothing but `expand`. */
export type InvoiceActionBody = Expand;

export type RangeFilter = { gte?: number; lte?: number };

export type InvoiceListQuery = Expand & {
	customer?: string;
	status?: InvoiceStatus;
	collection_method?: CollectionMethod;
	created?: RangeFilter;
	limit?: number;
	starting_after?: string;
};

export type SearchQuery = Expand & {
	query: string;
	limit?: number;
	page?: string;
};

/** What an invoice item bills: a custom amount, a unit amount × quantity, or a price. */
type InvoiceItemDetails = {
	amount?: number;
	unit_amount_decimal?: string;
	pricing?: { price: string };
	quantity?: number;
	description?: string;
	period?: { start: number; end: number };
	discountable?: boolean;
	tax_rates?: string[];
};

export type InvoiceItemCreateBody = Expand &
	InvoiceItemDetails & {
		customer: string;
		invoice?: string;
		currency?: string;
		metadata?: Metadata;
	};

export type InvoiceItemUpdateBody = Expand & InvoiceItemDetails & { metadata?: MetadataUpdate };

export type InvoiceItemListQuery = Expand & {
	customer?: string;
	invoice?: string;
	pending?: boolean;
	created?: RangeFilter;
	limit?: number;
	starting_after?: string;
};

export type InvoiceLine = {
	amount?: number;
	description?: string;
	pricing?: { price: string };
	/** A custom unit amount times a quantity: add_lines takes it as an inline price. */
	price_data?: { currency: string; product_data: { name: string }; unit_amount: number };
	quantity?: number;
	metadata?: Metadata;
	period?: { start: number; end: number };
	discountable?: boolean;
	tax_rates?: string[];
};

export type InvoiceAddLinesBody = Expand & {
	lines: InvoiceLine[];
};
