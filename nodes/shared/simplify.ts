import type { IDataObject } from 'n8n-workflow';

import type { StripeInvoice, StripeInvoiceItem } from './transport/types';
import { formatMoney } from './currency';
import { idOf } from './stripeObjects';

function isoDate(seconds: number | null | undefined): string | null {
	return typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : null;
}

/** The invoice fields people branch and report on, with amounts both as Stripe integers and formatted. */
export function simplifyInvoice(invoice: StripeInvoice): IDataObject {
	const money = (amount: number) => formatMoney(amount, invoice.currency);
	return {
		id: invoice.id,
		number: invoice.number,
		status: invoice.status,
		// Stripe removed Invoice.paid in 2025-03-31.basil: derive it from the status.
		paid: invoice.status === 'paid',
		customer: idOf(invoice.customer),
		currency: invoice.currency,
		total: invoice.total,
		amountDue: invoice.amount_due,
		amountPaid: invoice.amount_paid,
		amountRemaining: invoice.amount_remaining,
		totalFormatted: money(invoice.total),
		amountDueFormatted: money(invoice.amount_due),
		amountPaidFormatted: money(invoice.amount_paid),
		amountRemainingFormatted: money(invoice.amount_remaining),
		collectionMethod: invoice.collection_method,
		dueDate: isoDate(invoice.due_date),
		description: invoice.description,
		hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
		invoicePdf: invoice.invoice_pdf ?? null,
		created: isoDate(invoice.created),
		livemode: invoice.livemode,
		metadata: invoice.metadata ?? {},
	};
}

export function simplifyInvoiceItem(item: StripeInvoiceItem): IDataObject {
	return {
		id: item.id,
		customer: idOf(item.customer),
		invoice: idOf(item.invoice),
		description: item.description,
		amount: item.amount,
		amountFormatted: formatMoney(item.amount, item.currency),
		currency: item.currency,
		quantity: item.quantity,
		price: idOf(item.pricing?.price_details?.price ?? null),
		periodStart: isoDate(item.period?.start),
		periodEnd: isoDate(item.period?.end),
		discountable: item.discountable,
		date: isoDate(item.date),
		livemode: item.livemode,
		metadata: item.metadata ?? {},
	};
}

/** Simplified summary or Stripe's full object, as the row's Simplify switch says. */
export function shapeInvoice(simplify: boolean, invoice: StripeInvoice): IDataObject {
	return simplify ? simplifyInvoice(invoice) : (invoice as unknown as IDataObject);
}

export function shapeInvoiceItem(simplify: boolean, item: StripeInvoiceItem): IDataObject {
	return simplify ? simplifyInvoiceItem(item) : (item as unknown as IDataObject);
}
