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
	/** The total without tax, after discounts. */
	total_excluding_tax: number | null;
	/** Every discount's amount on the invoice. */
	total_discount_amounts: Array<{ amount: number }> | null;
	/** Tax per rate. */
	total_taxes: Array<{ amount: number }> | null;
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

/** One discount: a coupon, a promotion code or an existing discount (`discounts[]`). */
export type DiscountRef = { coupon: string } | { promotion_code: string } | { discount: string };

export type BankTransferType =
	| 'eu_bank_transfer'
	| 'gb_bank_transfer'
	| 'jp_bank_transfer'
	| 'mx_bank_transfer'
	| 'us_bank_transfer';

/** How a Send Invoice may be paid: by card, by bank transfer into the customer's cash balance. */
export type PaymentSettings = {
	payment_method_types?: Array<'card' | 'customer_balance'>;
	payment_method_options?: {
		customer_balance?: {
			funding_type: 'bank_transfer';
			bank_transfer: { type: BankTransferType; eu_bank_transfer?: { country: string } };
		};
	};
};

/** Invoice settings both create and update take. */
type InvoiceSettings = {
	auto_advance?: boolean;
	collection_method?: CollectionMethod;
	days_until_due?: number;
	due_date?: number;
	default_payment_method?: string;
	description?: string;
	footer?: string;
	discounts?: DiscountRef[];
	default_tax_rates?: string[];
	automatic_tax?: { enabled: boolean };
	account_tax_ids?: string[];
	custom_fields?: Array<{ name: string; value: string }>;
	statement_descriptor?: string;
	payment_settings?: PaymentSettings;
	on_behalf_of?: string;
	application_fee_amount?: number;
	transfer_data?: { destination: string; amount?: number };
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
	tax_code?: string;
	discounts?: DiscountRef[];
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
	/**
	 * A custom unit amount times a quantity, or a custom amount with a tax code: add_lines takes
	 * them as an inline price (a line has no tax code of its own at this API version).
	 */
	price_data?: {
		currency: string;
		product_data: { name: string; tax_code?: string };
		unit_amount: number;
	};
	quantity?: number;
	metadata?: Metadata;
	period?: { start: number; end: number };
	discountable?: boolean;
	tax_rates?: string[];
	discounts?: DiscountRef[];
};

export type InvoiceAddLinesBody = Expand & {
	lines: InvoiceLine[];
};

/** One line of a preview (`invoice_items[]`): a custom amount, a unit amount × quantity, or a price. */
export type PreviewItem = {
	amount?: number;
	unit_amount?: number;
	price?: string;
	quantity?: number;
	currency?: string;
	description?: string;
	discountable?: boolean;
	discounts?: DiscountRef[];
	tax_rates?: string[];
	tax_code?: string;
	/** A pending item of the customer's that the preview changes (here: to nothing). */
	invoiceitem?: string;
};

/** `POST /v1/invoices/create_preview`: the invoice a customer would get, creating nothing. */
export type InvoicePreviewBody = Expand & {
	customer: string;
	currency: string;
	invoice_items: PreviewItem[];
	discounts?: DiscountRef[];
	automatic_tax?: { enabled: boolean };
	on_behalf_of?: string;
};

export interface StripePromotionCode {
	id: string;
	object: 'promotion_code';
	code: string;
	active: boolean;
}

export type PromotionCodeListQuery = { code: string; active?: boolean; limit?: number };

export type LineListQuery = Expand & { limit?: number; starting_after?: string };
