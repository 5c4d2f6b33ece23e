/**
 * Compile-time contract: our own small request and response shapes must agree with the `stripe`
 * SDK's types at the pinned API version. `npm test` runs `tsc` over this file first, so a field
 * that Stripe renamed, retyped or removed fails the build. Nothing here runs.
 */
import type Stripe from 'stripe';

import type { STRIPE_API_VERSION } from '../../nodes/StripeInvoicing/transport/apiVersion';
import type {
	InvoiceCreateBody,
	InvoiceFinalizeBody,
	InvoiceItemCreateBody,
	InvoicePayBody,
	StripeInvoice,
	StripeInvoiceItem,
} from '../../nodes/StripeInvoicing/transport/types';

/** Compiles only when A is assignable to B. */
type Assignable<A extends B, B> = A;

// The version we send is the one the SDK's types describe.
type PinnedVersion = Assignable<typeof STRIPE_API_VERSION, Stripe.LatestApiVersion>;
type SdkVersion = Assignable<Stripe.LatestApiVersion, typeof STRIPE_API_VERSION>;

// Every body we send is a valid SDK params object.
type CreateInvoice = Assignable<InvoiceCreateBody, Stripe.InvoiceCreateParams>;
type FinalizeInvoice = Assignable<InvoiceFinalizeBody, Stripe.InvoiceFinalizeInvoiceParams>;
type PayInvoice = Assignable<InvoicePayBody, Stripe.InvoicePayParams>;
// The SDK types decimals as Stripe.Decimal, which goes on the wire as its string; we send the string.
type CreateInvoiceItem = Assignable<
	Omit<InvoiceItemCreateBody, 'unit_amount_decimal'> & { unit_amount_decimal?: Stripe.Decimal },
	Stripe.InvoiceItemCreateParams
>;

// Every field we read exists on Stripe's objects with a compatible type.
type InvoiceResponse = Assignable<Stripe.Invoice, StripeInvoice>;
type InvoiceItemResponse = Assignable<Stripe.InvoiceItem, StripeInvoiceItem>;

export type StripeContract = [
	PinnedVersion,
	SdkVersion,
	CreateInvoice,
	FinalizeInvoice,
	PayInvoice,
	CreateInvoiceItem,
	InvoiceResponse,
	InvoiceItemResponse,
];
