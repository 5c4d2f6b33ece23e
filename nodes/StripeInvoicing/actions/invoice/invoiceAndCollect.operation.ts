import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { stripeRequest } from '../../transport/stripeRequest';
import type {
	InvoiceCreateBody,
	InvoiceFinalizeBody,
	InvoiceItemCreateBody,
	InvoicePayBody,
	StripeInvoice,
} from '../../transport/types';
import {
	amountField,
	currencyField,
	customerIdField,
	metadataOption,
	optionsCollection,
	paymentMethodOption,
	showFor,
} from '../common/fields';
import type { RowHandler } from '../operation';
import { attachPartialResult } from '../rowErrors';

const displayOptions = showFor('invoice', ['invoiceAndCollect']);

/** The steps of the published "Stripe Invoice and Collect" Arazzo workflow, in order. */
export type CollectStep = 'createDraftInvoice' | 'addInvoiceItem' | 'finalizeInvoice' | 'payInvoice';

export const description: INodeProperties[] = [
	{
		displayName:
			"Creates a draft invoice, adds the line, finalizes it and charges the customer's default payment method, in one step per row",
		name: 'invoiceAndCollectNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	customerIdField(displayOptions, 'ID of the customer to invoice and charge'),
	amountField(
		displayOptions,
		'Amount to charge in the smallest currency unit (1999 = 19.99 USD; 500 = ¥500)',
	),
	currencyField(displayOptions),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text of the invoice line, shown to the customer',
		displayOptions,
	},
	optionsCollection(displayOptions, [
		{
			...metadataOption,
			description: 'Key/value pairs stored on the invoice (up to 50 keys)',
		},
		paymentMethodOption,
	]),
];

function invoiceSummary(invoice: StripeInvoice, stepsCompleted: CollectStep[]): IDataObject {
	return {
		invoiceId: invoice.id,
		status: invoice.status,
		// Stripe removed Invoice.paid in 2025-03-31.basil: derive it from the status.
		paid: invoice.status === 'paid',
		number: invoice.number,
		customer: typeof invoice.customer === 'string' ? invoice.customer : (invoice.customer?.id ?? null),
		amountDue: invoice.amount_due,
		amountPaid: invoice.amount_paid,
		amountRemaining: invoice.amount_remaining,
		currency: invoice.currency,
		hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
		invoicePdf: invoice.invoice_pdf ?? null,
		livemode: invoice.livemode,
		stepsCompleted,
	};
}

export const execute: RowHandler = async (ctx, row) => {
	// Read and check every input before the first call, so a bad row creates nothing.
	const customer = row.id(row.raw('customer'), 'Customer ID', 'cus_');
	const amount = row.minorAmount(row.raw('amount'), 'Amount');
	const currency = row.currency(row.raw('currency'));
	const lineDescription = row.optionalText(row.raw('description', ''));
	const options = row.options();
	const paymentMethod = row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_');
	const metadata = row.metadata(options.metadata);

	const stepsCompleted: CollectStep[] = [];
	let invoice: StripeInvoice | undefined;
	let currentStep: CollectStep = 'createDraftInvoice';
	const post = async <T>(step: CollectStep, path: string, params: object): Promise<T> => {
		currentStep = step;
		const result = await stripeRequest<T>(ctx, {
			method: 'POST',
			path,
			params: params as never,
			itemIndex: row.itemIndex,
		});
		stepsCompleted.push(step);
		return result;
	};

	try {
		const draft: InvoiceCreateBody = {
			customer,
			currency,
			auto_advance: false,
			// Only this row's line goes on the invoice, never other pending items of the customer.
			pending_invoice_items_behavior: 'exclude',
			metadata,
		};
		invoice = await post<StripeInvoice>('createDraftInvoice', '/v1/invoices', draft);

		const line: InvoiceItemCreateBody = {
			customer,
			invoice: invoice.id,
			amount,
			currency,
			description: lineDescription,
		};
		await post('addInvoiceItem', '/v1/invoiceitems', line);

		const finalize: InvoiceFinalizeBody = { auto_advance: false };
		invoice = await post<StripeInvoice>('finalizeInvoice', `/v1/invoices/${invoice.id}/finalize`, finalize);

		// A zero total settles as paid on finalize, and Stripe refuses to pay a paid invoice.
		if (invoice.status === 'open') {
			const pay: InvoicePayBody = { payment_method: paymentMethod };
			invoice = await post<StripeInvoice>('payInvoice', `/v1/invoices/${invoice.id}/pay`, pay);
		}
		return invoiceSummary(invoice, stepsCompleted);
	} catch (error) {
		// Say how far the row got, so nobody has to guess whether an invoice exists.
		throw attachPartialResult(error, {
			invoiceId: invoice?.id ?? null,
			status: invoice?.status ?? null,
			paid: false,
			failedStep: currentStep,
			stepsCompleted: [...stepsCompleted],
		});
	}
};
