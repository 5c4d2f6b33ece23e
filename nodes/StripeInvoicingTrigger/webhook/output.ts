import type { IDataObject } from 'n8n-workflow';

import { REFERENCE_METADATA_KEY } from '../../shared/constants';
import { formatMoney } from '../../shared/currency';
import { simplifyInvoice, simplifyInvoiceItem } from '../../shared/simplify';
import type { StripeInvoice, StripeInvoiceItem } from '../../shared/transport/types';
import type { StripeEvent } from './event';

function withoutId(summary: IDataObject): IDataObject {
	const rest = { ...summary };
	delete rest.id;
	return rest;
}

/** Compact view of the event's object: the action node's summaries, keyed by the object's kind. */
function objectSummary(object: IDataObject): IDataObject {
	switch (object.object) {
		case 'invoice': {
			const summary = simplifyInvoice(object as unknown as StripeInvoice);
			const metadata = (summary.metadata ?? {}) as IDataObject;
			return {
				invoiceId: object.id,
				...withoutId(summary),
				reference: metadata[REFERENCE_METADATA_KEY] ?? null,
			};
		}
		case 'invoiceitem':
			return {
				invoiceItemId: object.id,
				...withoutId(simplifyInvoiceItem(object as unknown as StripeInvoiceItem)),
			};
		case 'invoice_payment': {
			const currency = String(object.currency ?? '');
			const amountPaid = typeof object.amount_paid === 'number' ? object.amount_paid : null;
			return {
				invoicePaymentId: object.id,
				invoiceId: object.invoice,
				status: object.status,
				currency,
				amountPaid,
				amountPaidFormatted: amountPaid === null ? null : formatMoney(amountPaid, currency),
			};
		}
		default:
			return { objectId: object.id ?? null, object: object.object ?? null };
	}
}

export interface OutputOptions {
	simplify: boolean;
	/** The invoice as Stripe has it now, when Fetch Current Invoice retrieved it. */
	currentInvoice?: StripeInvoice;
}

/** One output item per event. */
export function eventItem(event: StripeEvent, { simplify, currentInvoice }: OutputOptions): IDataObject {
	const fetched = currentInvoice !== undefined;
	if (!simplify) {
		return fetched
			? {
					...(event as unknown as IDataObject),
					fetchedCurrent: true,
					currentInvoice: currentInvoice as unknown as IDataObject,
				}
			: (event as unknown as IDataObject);
	}
	const object = (currentInvoice ?? event.data.object) as unknown as IDataObject;
	return {
		eventId: event.id,
		eventType: event.type,
		eventCreated: new Date(event.created * 1000).toISOString(),
		livemode: event.livemode,
		account: event.account ?? null,
		apiVersion: event.api_version ?? null,
		...(event.data.previous_attributes
			? { previousAttributes: event.data.previous_attributes as IDataObject }
			: {}),
		...objectSummary(object),
		fetchedCurrent: fetched,
	};
}
