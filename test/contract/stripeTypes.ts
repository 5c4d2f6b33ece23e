/**
 * Compile-time contract: our own small request and response shapes must agree with the `stripe`
 * SDK's types at the pinned API version. `npm test` runs `tsc` over this file first, so a field
 * that Stripe renamed, retyped or removed fails the build. Nothing here runs.
 */
import type Stripe from 'stripe';

import type { STRIPE_API_VERSION } from '../../nodes/shared/transport/apiVersion';
import type {
	InvoiceActionBody,
	InvoiceAddLinesBody,
	InvoiceCreateBody,
	InvoiceFinalizeBody,
	InvoiceItemCreateBody,
	InvoiceItemListQuery,
	InvoiceItemUpdateBody,
	InvoiceListQuery,
	InvoicePayBody,
	InvoiceUpdateBody,
	SearchQuery,
	StripeDeleted,
	StripeInvoice,
	StripeInvoiceItem,
	StripeCustomer,
	StripeLineItem,
	StripePrice,
} from '../../nodes/shared/transport/types';

/** Compiles only when A is assignable to B. */
type Assignable<A extends B, B> = A;

// The version we send is the one the SDK's types describe.
type PinnedVersion = Assignable<typeof STRIPE_API_VERSION, Stripe.LatestApiVersion>;
type SdkVersion = Assignable<Stripe.LatestApiVersion, typeof STRIPE_API_VERSION>;

// Every body we send is a valid SDK params object.
type CreateInvoice = Assignable<InvoiceCreateBody, Stripe.InvoiceCreateParams>;
type FinalizeInvoice = Assignable<InvoiceFinalizeBody, Stripe.InvoiceFinalizeInvoiceParams>;
type PayInvoice = Assignable<InvoicePayBody, Stripe.InvoicePayParams>;
type UpdateInvoice = Assignable<InvoiceUpdateBody, Stripe.InvoiceUpdateParams>;
type SendInvoice = Assignable<InvoiceActionBody, Stripe.InvoiceSendInvoiceParams>;
type VoidInvoice = Assignable<InvoiceActionBody, Stripe.InvoiceVoidInvoiceParams>;
type MarkUncollectible = Assignable<InvoiceActionBody, Stripe.InvoiceMarkUncollectibleParams>;
type ListInvoices = Assignable<InvoiceListQuery, Stripe.InvoiceListParams>;
type SearchInvoices = Assignable<SearchQuery, Stripe.InvoiceSearchParams>;
type SearchCustomers = Assignable<SearchQuery, Stripe.CustomerSearchParams>;
type AddLines = Assignable<InvoiceAddLinesBody, Stripe.InvoiceAddLinesParams>;
type ListInvoiceItems = Assignable<InvoiceItemListQuery, Stripe.InvoiceItemListParams>;
// The SDK types decimals as Stripe.Decimal, which goes on the wire as its string; we send the string.
type WithDecimal<T> = Omit<T, 'unit_amount_decimal'> & { unit_amount_decimal?: Stripe.Decimal };
type CreateInvoiceItem = Assignable<WithDecimal<InvoiceItemCreateBody>, Stripe.InvoiceItemCreateParams>;
type UpdateInvoiceItem = Assignable<WithDecimal<InvoiceItemUpdateBody>, Stripe.InvoiceItemUpdateParams>;

// Every field we read exists on Stripe's objects with a compatible type.
type InvoiceResponse = Assignable<Stripe.Invoice, StripeInvoice>;
type InvoiceItemResponse = Assignable<Stripe.InvoiceItem, StripeInvoiceItem>;
type LineItemResponse = Assignable<Stripe.InvoiceLineItem, StripeLineItem>;
type PriceResponse = Assignable<Stripe.Price, StripePrice>;
type CustomerResponse = Assignable<Stripe.Customer, StripeCustomer>;
type DeletedInvoice = Assignable<Stripe.DeletedInvoice, StripeDeleted>;
type DeletedInvoiceItem = Assignable<Stripe.DeletedInvoiceItem, StripeDeleted>;

export type StripeContract = [
	PinnedVersion,
	SdkVersion,
	CreateInvoice,
	FinalizeInvoice,
	PayInvoice,
	UpdateInvoice,
	SendInvoice,
	VoidInvoice,
	MarkUncollectible,
	ListInvoices,
	SearchInvoices,
	SearchCustomers,
	AddLines,
	ListInvoiceItems,
	CreateInvoiceItem,
	UpdateInvoiceItem,
	InvoiceResponse,
	InvoiceItemResponse,
	LineItemResponse,
	PriceResponse,
	CustomerResponse,
	DeletedInvoice,
	DeletedInvoiceItem,
];
