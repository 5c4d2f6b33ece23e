import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripeClient } from '../../transport/stripeClient';
import type {
	InvoiceAddLinesBody,
	InvoiceCreateBody,
	InvoiceFinalizeBody,
	InvoiceItemCreateBody,
	InvoiceLine,
	InvoicePayBody,
	StripeInvoice,
} from '../../transport/types';
import { collectionMethodFields, dueDateOption, readCollectionSettings } from '../common/collection';
import {
	amountField,
	amountUnitField,
	currencyField,
	customerIdField,
	metadataOption,
	optionsCollection,
	paymentMethodOption,
	showFor,
	simplifyField,
} from '../common/fields';
import { paymentFailureFields, paymentFailureOf, paymentFailuresOption } from '../common/payment';
import { simplifyInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { asNodeError, attachPartialResult } from '../rowErrors';
import { lineFields, readLines } from './collectLines';

const displayOptions = showFor('invoice', ['invoiceAndCollect']);
const showForSingleLine = { show: { ...displayOptions.show, lineSource: ['single'] } };

/** The steps of the published "Stripe Invoice and Collect" Arazzo workflow, and their variants. */
export type CollectStep =
	| 'createDraftInvoice'
	| 'addInvoiceItem'
	| 'addInvoiceLines'
	| 'finalizeInvoice'
	| 'payInvoice'
	| 'sendInvoice'
	| 'voidInvoice'
	| 'markUncollectible';

type FailedPaymentAction = 'leaveOpen' | 'void' | 'markUncollectible';

export const description: INodeProperties[] = [
	{
		displayName:
			"Creates a draft invoice, adds the line(s), finalizes it and charges the customer's payment method (or emails the invoice), in four Stripe calls per row",
		name: 'invoiceAndCollectNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	customerIdField(displayOptions, 'Customer to invoice and charge'),
	currencyField(displayOptions),
	...lineFields(displayOptions),
	amountField(
		showForSingleLine,
		'Amount to charge, in the Amount Unit below (default: smallest unit, 1999 = 19.99 USD)',
	),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text of the invoice line, shown to the customer',
		displayOptions: showForSingleLine,
	},
	amountUnitField(displayOptions),
	...collectionMethodFields(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [
		dueDateOption,
		{
			displayName: 'If Payment Fails',
			name: 'failedPaymentAction',
			type: 'options',
			default: 'leaveOpen',
			description:
				'What happens to the invoice when the card is declined. An invoice that needs the customer to authenticate (SCA) always stays open so they can pay it.',
			options: [
				{ name: 'Leave Open', value: 'leaveOpen', description: 'Keep it open to retry or collect later' },
				{ name: 'Mark Uncollectible', value: 'markUncollectible', description: 'Write it off as bad debt' },
				{ name: 'Void', value: 'void', description: 'Cancel it; it can no longer be paid' },
			],
		},
		{ ...metadataOption, description: 'Key/value pairs stored on the invoice (up to 50 keys)' },
		paymentFailuresOption,
		paymentMethodOption,
	]),
];

function summary(invoice: StripeInvoice, stepsCompleted: CollectStep[], lineCount: number): IDataObject {
	const { id, ...simplified } = simplifyInvoice(invoice);
	return { invoiceId: id, ...simplified, lineCount, stepsCompleted };
}

function lineBody(
	customer: string,
	invoice: string,
	currency: string,
	line: InvoiceLine,
): InvoiceItemCreateBody {
	const base = { customer, invoice, description: line.description };
	if (line.pricing) return { ...base, pricing: line.pricing, quantity: line.quantity };
	if (line.price_data) {
		const unitAmount = String(line.price_data.unit_amount);
		return { ...base, unit_amount_decimal: unitAmount, quantity: line.quantity, currency };
	}
	return { ...base, amount: line.amount, currency };
}

export const execute: RowHandler = async (ctx, row) => {
	// Read and check every input before the first call, so a bad row creates nothing.
	const customer = row.locator('customer', 'Customer', 'cus_');
	const currency = row.currency(row.raw('currency'));
	const lines = readLines(row, currency);
	const options = row.options();
	const collection = readCollectionSettings(row, options);
	const chargesCard = collection.collection_method === 'charge_automatically';
	const paymentMethod = row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_');
	if (paymentMethod && !chargesCard)
		row.fail('Payment Method ID', 'applies only when the collection method is "Charge Automatically"');
	const metadata = row.metadata(options.metadata);
	const failedPaymentAction = (options.failedPaymentAction ?? 'leaveOpen') as FailedPaymentAction;
	const expand = row.expand(options);
	const stripe: StripeClient = row.stripe(options);

	const stepsCompleted: CollectStep[] = [];
	let invoice: StripeInvoice | undefined;
	let currentStep: CollectStep = 'createDraftInvoice';
	const step = async <T>(name: CollectStep, path: string, params: object): Promise<T> => {
		currentStep = name;
		const result = await stripe.post<T>(path, params);
		stepsCompleted.push(name);
		return result;
	};
	const output = (final: StripeInvoice): IDataObject => ({
		...summary(final, stepsCompleted, lines.length),
		...(row.simplify() ? {} : { invoice: final }),
	});

	try {
		const draft: InvoiceCreateBody = {
			customer,
			currency,
			auto_advance: false,
			...collection,
			// Only this row's lines go on the invoice, never other pending items of the customer.
			pending_invoice_items_behavior: 'exclude',
			metadata,
		};
		invoice = await step<StripeInvoice>('createDraftInvoice', '/v1/invoices', draft);
		const invoiceId = invoice.id;

		// One call whatever the number of lines: the Arazzo step for one line, add_lines for many.
		if (lines.length === 1) {
			await step('addInvoiceItem', '/v1/invoiceitems', lineBody(customer, invoiceId, currency, lines[0]));
		} else {
			const bulk: InvoiceAddLinesBody = { lines };
			await step('addInvoiceLines', `/v1/invoices/${invoiceId}/add_lines`, bulk);
		}

		const finalize: InvoiceFinalizeBody = { auto_advance: false, expand };
		invoice = await step<StripeInvoice>('finalizeInvoice', `/v1/invoices/${invoiceId}/finalize`, finalize);

		// A zero total settles as paid on finalize, and Stripe refuses to pay or send a paid invoice.
		if (invoice.status !== 'open') return output(invoice);
		if (!chargesCard) {
			invoice = await step<StripeInvoice>('sendInvoice', `/v1/invoices/${invoiceId}/send`, { expand });
			return output(invoice);
		}
		try {
			const pay: InvoicePayBody = { payment_method: paymentMethod, expand };
			invoice = await step<StripeInvoice>('payInvoice', `/v1/invoices/${invoiceId}/pay`, pay);
			return output(invoice);
		} catch (error) {
			const failure = paymentFailureOf(error);
			if (!failure) throw asNodeError(ctx.getNode(), error);
			if (failure.kind === 'payment_failed' && failedPaymentAction !== 'leaveOpen') {
				const [name, subPath]: [CollectStep, string] =
					failedPaymentAction === 'void'
						? ['voidInvoice', 'void']
						: ['markUncollectible', 'mark_uncollectible'];
				invoice = await step<StripeInvoice>(name, `/v1/invoices/${invoiceId}/${subPath}`, { expand });
			}
			currentStep = 'payInvoice';
			if (options.paymentFailures !== 'returnRow') throw asNodeError(ctx.getNode(), error);
			return {
				...output(invoice),
				invoiceStatus: invoice.status,
				failedStep: 'payInvoice',
				...paymentFailureFields(failure.kind, failure.details),
			};
		}
	} catch (error) {
		// Say how far the row got, so nobody has to guess whether an invoice exists.
		throw attachPartialResult(error, {
			invoiceId: invoice?.id ?? null,
			status: invoice?.status ?? null,
			paid: false,
			hostedInvoiceUrl: invoice?.hosted_invoice_url ?? null,
			failedStep: currentStep,
			stepsCompleted: [...stepsCompleted],
		});
	}
};
