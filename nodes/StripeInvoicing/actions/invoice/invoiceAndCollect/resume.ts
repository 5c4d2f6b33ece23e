import type { IDataObject, INode } from 'n8n-workflow';

import { quoteSearchValue } from '../../../transport/searchQuery';
import type { StripeList } from '../../../transport/stripeClient';
import { stripeErrorKind } from '../../../transport/stripeError';
import { stripePath } from '../../../transport/stripePath';
import type { InvoiceLine, StripeInvoice } from '../../../transport/types';
import { asNodeError, invalidInput } from '../../common/validation';
import type { StripeReader, SendContext } from '../../operation';
import { customTotal } from './lines';

/** The metadata key Invoice & Collect tags its invoices with, and looks them up by. */
export const REFERENCE_METADATA_KEY = 'n8n_reference';

// The further along an invoice is, the more of the billing event already happened.
const PROGRESS = ['void', 'uncollectible', 'draft', 'open', 'paid'];

/**
 * The invoice carrying this reference, whichever customer it bills (a reference reused for
 * another customer is a clash, not a new billing event). Stripe's search finds it in one call
 * however long the customer's history; it lags writes by up to a minute (an hour in outages), a
 * window the deterministic idempotency keys (kept 24 h) cover. Where search is not offered (e.g.
 * accounts in India) the customer's invoices are listed instead.
 */
export async function findInvoiceByReference(
	stripe: StripeReader,
	customer: string,
	reference: string,
	node: INode,
): Promise<StripeInvoice | undefined> {
	const tagged = (invoices: StripeInvoice[]) =>
		invoices.filter((invoice) => invoice.metadata?.[REFERENCE_METADATA_KEY] === reference);
	let results: StripeInvoice[] | undefined;
	try {
		const query = `metadata['${REFERENCE_METADATA_KEY}']:${quoteSearchValue(reference)}`;
		const page = await stripe.get<StripeList<StripeInvoice>>(stripePath`/v1/invoices/search`, {
			query,
			limit: 100,
		});
		results = tagged(page.data);
	} catch (error) {
		const kind = stripeErrorKind(error);
		if (kind !== 'invalid_request' && kind !== 'not_found') throw asNodeError(node, error);
	}
	if (results === undefined) {
		results = [];
		for await (const invoices of stripe.pages<StripeInvoice>(stripePath`/v1/invoices`, { customer })) {
			results.push(...tagged(invoices));
			if (results.length > 0) break;
		}
	}
	return results.sort((a, b) => progress(b) - progress(a))[0];
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
