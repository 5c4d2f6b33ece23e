import type { IDataObject } from 'n8n-workflow';

import type { StripeClient } from '../../transport/stripeClient';
import type { InvoiceLine, StripeInvoice } from '../../transport/types';
import type { RowInput } from '../common/rowInput';
import { stripePath } from '../../transport/stripePath';

/** The metadata key Invoice & Collect tags its invoices with, and looks them up by. */
export const REFERENCE_METADATA_KEY = 'n8n_reference';

// The further along an invoice is, the more of the billing event already happened.
const PROGRESS = ['void', 'uncollectible', 'draft', 'open', 'paid'];

/**
 * The customer's invoice carrying this reference, if any. Uses the list endpoint, which reads
 * what was just written, not the search API, which lags by up to a minute; and it works long
 * after Stripe has forgotten the idempotency keys (24 hours).
 */
export async function findInvoiceByReference(
	stripe: StripeClient,
	customer: string,
	reference: string,
): Promise<StripeInvoice | undefined> {
	for await (const invoices of stripe.pages<StripeInvoice>(stripePath`/v1/invoices`, { customer })) {
		const matches = invoices.filter((invoice) => invoice.metadata?.[REFERENCE_METADATA_KEY] === reference);
		if (matches.length > 0) return matches.sort((a, b) => progress(b) - progress(a))[0];
	}
	return undefined;
}

function progress(invoice: StripeInvoice): number {
	return PROGRESS.indexOf(invoice.status ?? '');
}

export function hasLines(invoice: StripeInvoice): boolean {
	return (invoice.lines?.data.length ?? 0) > 0 || invoice.subtotal !== 0;
}

/** The lines' subtotal when every line is a custom amount (a price's amount is Stripe's to know). */
function expectedSubtotal(lines: InvoiceLine[]): number | undefined {
	let sum = 0;
	for (const line of lines) {
		if (line.amount !== undefined) sum += line.amount;
		else if (line.price_data) sum += line.price_data.unit_amount * (line.quantity ?? 1);
		else return undefined;
	}
	return sum;
}

/**
 * A reference names one billing event. If the invoice found for it bills a different currency or
 * amount than this row asks for, the row is not the same event: stop rather than guess.
 */
export function checkSameBillingEvent(
	row: RowInput,
	invoice: StripeInvoice,
	reference: string,
	currency: string,
	lines: InvoiceLine[],
): void {
	const clash = (what: string) =>
		row.fail(
			'Reference',
			`"${reference}" already names invoice ${invoice.id} (${invoice.status}) with ${what}. Use a new reference to bill something else.`,
			`Nothing was changed at Stripe for item ${row.itemIndex}.`,
		);
	if (invoice.currency !== currency) clash(`currency ${invoice.currency}, not ${currency}`);
	const expected = expectedSubtotal(lines);
	if (hasLines(invoice) && expected !== undefined && invoice.subtotal !== expected) {
		clash(`a subtotal of ${invoice.subtotal}, not ${expected}`);
	}
}

/** What a row reports about the reference it was given. */
export function resumeFields(reference: string | undefined, found: StripeInvoice | undefined): IDataObject {
	return {
		reference: reference ?? null,
		// The state the invoice was in when this run found it; null when this run created it.
		resumedFrom: found?.status ?? null,
		alreadyPaid: found?.status === 'paid',
	};
}
