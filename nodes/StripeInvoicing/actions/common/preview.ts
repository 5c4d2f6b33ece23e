import type { IDataObject } from 'n8n-workflow';

import { formatMoney } from '../../../shared/currency';
import { endpoints } from '../../../shared/transport/endpoints';
import type {
	DiscountRef,
	InvoicePreviewBody,
	PreviewItem,
	StripeInvoice,
	StripeInvoiceItem,
} from '../../../shared/transport/types';
import type { StripeReader } from '../operation';

export interface PreviewRequest {
	customer: string;
	currency: string;
	items: PreviewItem[];
	discounts?: DiscountRef[];
	automaticTax?: boolean;
	onBehalfOf?: string;
	/** Whether the customer's pending invoice items join the invoice (Stripe's preview always adds them). */
	includePending: boolean;
}

/**
 * The invoice Stripe would make (`create_preview`), creating nothing. Stripe's preview always adds
 * the customer's pending invoice items in that currency; where the real invoice leaves them out
 * (Invoice & Collect does), each is set to quantity 0 in the preview, so it bills nothing there
 * either and every total is the real invoice's. [M] Stripe documents no "exclude" for a preview;
 * quantity 0 is what it documents for a pending item that adds nothing.
 */
export async function previewInvoice(stripe: StripeReader, request: PreviewRequest): Promise<StripeInvoice> {
	const leftOut: PreviewItem[] = [];
	if (!request.includePending) {
		const pending = await stripe.collect<StripeInvoiceItem>(
			endpoints.invoiceItems,
			{ customer: request.customer, pending: true },
			{ returnAll: true, limit: 0 },
		);
		for (const item of pending)
			if (item.currency === request.currency) leftOut.push({ invoiceitem: item.id, quantity: 0 });
	}
	const body: InvoicePreviewBody = {
		customer: request.customer,
		currency: request.currency,
		invoice_items: [...request.items, ...leftOut],
		discounts: request.discounts,
		automatic_tax: request.automaticTax ? { enabled: true } : undefined,
		on_behalf_of: request.onBehalfOf,
	};
	return await stripe.preview<StripeInvoice>(body);
}

const sum = (entries: Array<{ amount: number }> | null | undefined) =>
	(entries ?? []).reduce((total, entry) => total + entry.amount, 0);

/** What an invoice comes to, as people read it: before and after discounts and tax, and what is due. */
export function invoiceFigures(invoice: StripeInvoice): IDataObject {
	const money = (amount: number) => formatMoney(amount, invoice.currency);
	const figures = {
		subtotal: invoice.subtotal,
		discount: sum(invoice.total_discount_amounts),
		tax: sum(invoice.total_taxes),
		total: invoice.total,
		// What the customer is asked to pay: the total with their balance (owed added, credit taken off).
		amountDue: invoice.amount_due,
		startingBalance: invoice.starting_balance,
	};
	return {
		currency: invoice.currency,
		...figures,
		...Object.fromEntries(Object.entries(figures).map(([key, amount]) => [`${key}Formatted`, money(amount)])),
	};
}
