import type { IDataObject } from 'n8n-workflow';

import type { InvoiceLine, StripeInvoice } from '../../../../shared/transport/types';
import { invalidInput } from '../../common/validation';
import type { SendContext } from '../../operation';
import { customTotal } from './lines';


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

function customerOf(invoice: StripeInvoice): string | null {
	const customer = invoice.customer as string | { id: string } | null;
	return typeof customer === 'string' ? customer : (customer?.id ?? null);
}

export interface BillingEvent {
	reference: string;
	customer: string;
	currency: string;
	lines: InvoiceLine[];
}

/**
 * A reference names one billing event. If the invoice found for it (or replayed for it) bills
 * another customer, currency or amount than this row asks for, the row is not the same event:
 * stop rather than guess.
 */
export function checkSameBillingEvent(where: SendContext, invoice: StripeInvoice, event: BillingEvent): void {
	const clash = (what: string) => {
		throw invalidInput(
			where.node,
			where.itemIndex,
			'Reference',
			`"${event.reference}" already names invoice ${invoice.id} (${invoice.status}) with ${what}. Use a new reference to bill something else.`,
			`Nothing was changed at Stripe for item ${where.itemIndex}.`,
		);
	};
	const customer = customerOf(invoice);
	if (customer !== null && customer !== event.customer) clash(`customer ${customer}, not ${event.customer}`);
	if (invoice.currency !== event.currency) clash(`currency ${invoice.currency}, not ${event.currency}`);
	const expected = customTotal(event.lines);
	if (hasLines(invoice) && expected !== undefined && invoice.subtotal !== expected) {
		clash(`a subtotal of ${invoice.subtotal}, not ${expected}`);
	}
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
