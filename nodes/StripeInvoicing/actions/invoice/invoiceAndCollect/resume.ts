import type { IDataObject } from 'n8n-workflow';

import { idOf } from '../../../../shared/stripeObjects';
import type {
	CollectionMethod,
	InvoiceLine,
	StripeInvoice,
	StripeLineItem,
} from '../../../../shared/transport/types';
import { describeDifference, lineDifference } from './lineMatch';

// The further along an invoice is, the more of the billing event already happened.
const PROGRESS = ['void', 'uncollectible', 'draft', 'open', 'paid'];

/**
 * Of the invoices tagged with one reference, the one furthest along (a paid one over a void one),
 * which is the one that says what already happened.
 */
export function mostAdvanced(invoices: StripeInvoice[]): StripeInvoice | undefined {
	return [...invoices].sort((a, b) => progress(b) - progress(a))[0];
}

function progress(invoice: StripeInvoice): number {
	return PROGRESS.indexOf(invoice.status ?? '');
}

export function hasLines(invoice: StripeInvoice): boolean {
	return (invoice.lines?.data.length ?? 0) > 0 || invoice.subtotal !== 0;
}

/** What a reference names: one billing event, as the row that carries it asks for it. */
export interface BillingEvent {
	reference: string;
	customer: string;
	currency: string;
	lines: InvoiceLine[];
	collectionMethod: CollectionMethod;
}

/**
 * How the invoice a reference already names differs from what the row asks for: another customer,
 * currency or collection method, or other lines (amounts, prices, quantities). Undefined when it
 * is the same billing event, so it may be resumed or reported as paid. A draft without lines is
 * the same event half-done: its lines are added next. `lines` are all the invoice's lines.
 */
export function billingEventDifference(
	invoice: StripeInvoice,
	lines: StripeLineItem[],
	event: BillingEvent,
): string | undefined {
	const customer = idOf(invoice.customer);
	if (customer !== null && customer !== event.customer) return `customer ${customer}, not ${event.customer}`;
	if (invoice.currency !== event.currency) return `currency ${invoice.currency}, not ${event.currency}`;
	if (invoice.collection_method !== event.collectionMethod)
		return `collection method ${invoice.collection_method}, not ${event.collectionMethod}`;
	if (invoice.status === 'draft' && lines.length === 0) return undefined;
	const difference = lineDifference(event.lines, lines, invoice.currency);
	return difference && `lines that differ: it ${describeDifference(difference)}`;
}

/** What a row reports about the reference it was given. */
export function resumeFields(
	reference: string | undefined,
	found: StripeInvoice | undefined,
	paidEarlier: boolean,
): IDataObject {
	return {
		reference: reference ?? null,
		// The state the invoice was in when this run found it; null when this run created it.
		resumedFrom: found?.status ?? null,
		// Paid before this row asked: found paid, or the payment was another request's (a replay).
		alreadyPaid: found?.status === 'paid' || paidEarlier,
	};
}
