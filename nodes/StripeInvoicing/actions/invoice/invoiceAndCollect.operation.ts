import { randomUUID } from 'crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { referenceIdempotencyKey } from '../../transport/idempotencyKey';
import { readStripeDetails } from '../../transport/stripeError';

import type { StripeClient } from '../../transport/stripeClient';
import type {
	InvoiceAddLinesBody,
	InvoiceCreateBody,
	InvoiceFinalizeBody,
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
	referenceDescription,
	showFor,
	simplifyField,
} from '../common/fields';
import { paymentFailureFields, paymentFailureOf, paymentFailuresOption } from '../common/payment';
import { simplifyInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { asNodeError, attachPartialResult } from '../rowErrors';
import { lineBody, lineFields, readLines } from './collectLines';
import {
	checkSameBillingEvent,
	findInvoiceByReference,
	hasLines,
	REFERENCE_METADATA_KEY,
	resumeFields,
} from './collectResume';
import { stripePath, type StripePath } from '../../transport/stripePath';

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
			"Creates a draft invoice, adds the line(s), finalizes it and charges the customer's payment method (or emails the invoice): four Stripe calls per row, plus one lookup when the row has a Reference",
		name: 'invoiceAndCollectNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	customerIdField(displayOptions, 'Customer to invoice and charge'),
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description: `${referenceDescription}. The invoice is tagged with it (metadata "${REFERENCE_METADATA_KEY}"), so a re-run finds it at any later time and resumes it or reports it as already paid, never billing twice. Strongly recommended.`,
		displayOptions,
	},
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

/** Stripe refuses to pay an invoice another run has just paid; the caller checks, since that is success. */
function mayBeAlreadyPaid(error: unknown): boolean {
	const details = readStripeDetails(error);
	return details?.httpStatus === 400 && details.type === 'invalid_request_error';
}

export const execute: RowHandler = async (ctx, row) => {
	// Read and check every input before the first call, so a bad row creates nothing.
	const customer = row.locator('customer', 'Customer', 'cus_');
	const reference = row.reference(row.raw('reference', ''));
	const currency = row.currency(row.raw('currency'));
	const lines = readLines(row, currency);
	const options = row.options();
	const collection = readCollectionSettings(row, options);
	const paymentMethod = row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_');
	if (paymentMethod && collection.collection_method !== 'charge_automatically')
		row.fail('Payment Method ID', 'applies only when the collection method is "Charge Automatically"');
	const metadata = row.metadata(options.metadata);
	if (reference && metadata && REFERENCE_METADATA_KEY in metadata)
		row.fail('Metadata', `"${REFERENCE_METADATA_KEY}" is set from the Reference field; remove it here`);
	const failedPaymentAction = (options.failedPaymentAction ?? 'leaveOpen') as FailedPaymentAction;
	const expand = row.expand(options);
	const stripe: StripeClient = row.stripe(options);
	// With a reference every write has a key derived from it: a re-run asks Stripe for the same thing.
	const keyFor = (...parts: string[]) =>
		reference ? referenceIdempotencyKey(reference, 'invoiceAndCollect', ...parts) : undefined;

	const stepsCompleted: CollectStep[] = [];
	let invoice: StripeInvoice | undefined;
	let found: StripeInvoice | undefined;
	let currentStep: CollectStep | 'findByReference' = 'createDraftInvoice';
	const step = async <T>(name: CollectStep, path: StripePath, params: object, key: string | undefined) => {
		currentStep = name;
		const result = await stripe.post<T>(path, params, key);
		stepsCompleted.push(name);
		return result;
	};
	const output = (final: StripeInvoice): IDataObject => ({
		...summary(final, stepsCompleted, lines.length),
		...resumeFields(reference, found),
		...(row.simplify() ? {} : { invoice: final }),
	});

	try {
		if (reference) {
			currentStep = 'findByReference';
			found = await findInvoiceByReference(stripe, customer, reference);
			if (found) checkSameBillingEvent(row, found, reference, currency, lines);
			invoice = found;
		}
		if (!invoice) {
			const draft: InvoiceCreateBody = {
				customer,
				currency,
				auto_advance: false,
				...collection,
				// Only this row's lines go on the invoice, never other pending items of the customer.
				pending_invoice_items_behavior: 'exclude',
				metadata: reference ? { ...metadata, [REFERENCE_METADATA_KEY]: reference } : metadata,
			};
			invoice = await step<StripeInvoice>(
				'createDraftInvoice',
				stripePath`/v1/invoices`,
				draft,
				keyFor('create'),
			);
		}
		const invoiceId = invoice.id;

		// One call whatever the number of lines: the Arazzo step for one line, add_lines for many.
		if (invoice.status === 'draft' && !hasLines(invoice)) {
			if (lines.length === 1) {
				const body = lineBody(customer, invoiceId, currency, lines[0]);
				await step('addInvoiceItem', stripePath`/v1/invoiceitems`, body, keyFor(invoiceId, 'line', '0'));
			} else {
				const bulk: InvoiceAddLinesBody = { lines };
				const path = stripePath`/v1/invoices/${invoiceId}/add_lines`;
				await step('addInvoiceLines', path, bulk, keyFor(invoiceId, 'lines'));
			}
		}

		if (invoice.status === 'draft') {
			const finalize: InvoiceFinalizeBody = { auto_advance: false, expand };
			const path = stripePath`/v1/invoices/${invoiceId}/finalize`;
			invoice = await step<StripeInvoice>('finalizeInvoice', path, finalize, keyFor(invoiceId, 'finalize'));
		}

		// Paid (a zero total settles on finalize), void or uncollectible: nothing left to do, and
		// Stripe refuses to pay or send such an invoice. The row says what it found.
		if (invoice.status !== 'open') return output(invoice);
		if (invoice.collection_method === 'send_invoice') {
			// Re-sending an open invoice on a resume only emails it again; it charges nothing.
			const path = stripePath`/v1/invoices/${invoiceId}/send`;
			invoice = await step<StripeInvoice>('sendInvoice', path, { expand }, keyFor(invoiceId, 'send'));
			return output(invoice);
		}
		// Within a run every retry repeats one key. A payment Stripe already tried and declined is
		// tried afresh on a re-run (the customer may have fixed their card) rather than replaying
		// the stored decline; an invoice can be paid only once, so this cannot charge twice.
		const payKey = keyFor(invoiceId, 'pay', invoice.attempted ? `retry-${randomUUID()}` : 'first');
		try {
			const pay: InvoicePayBody = { payment_method: paymentMethod, expand };
			invoice = await step<StripeInvoice>(
				'payInvoice',
				stripePath`/v1/invoices/${invoiceId}/pay`,
				pay,
				payKey,
			);
			return output(invoice);
		} catch (error) {
			if (mayBeAlreadyPaid(error)) {
				const current = await stripe.get<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}`, { expand });
				if (current.status === 'paid') return { ...output(current), alreadyPaid: true };
			}
			const failure = paymentFailureOf(error);
			if (!failure) throw asNodeError(ctx.getNode(), error);
			if (failure.kind === 'payment_failed' && failedPaymentAction !== 'leaveOpen') {
				const [name, subPath, path]: [CollectStep, string, StripePath] =
					failedPaymentAction === 'void'
						? ['voidInvoice', 'void', stripePath`/v1/invoices/${invoiceId}/void`]
						: [
								'markUncollectible',
								'mark_uncollectible',
								stripePath`/v1/invoices/${invoiceId}/mark_uncollectible`,
							];
				invoice = await step<StripeInvoice>(name, path, { expand }, keyFor(invoiceId, subPath));
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
			...resumeFields(reference, found),
		});
	}
};
