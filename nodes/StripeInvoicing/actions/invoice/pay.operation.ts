import type { INodeProperties } from 'n8n-workflow';

import type { InvoicePayBody, StripeInvoice } from '../../transport/types';
import {
	invoiceIdField,
	optionsCollection,
	paymentMethodOption,
	showFor,
	simplifyField,
} from '../common/fields';
import { paymentFailureFields, paymentFailureOf, paymentFailuresOption } from '../common/payment';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { asNodeError } from '../rowErrors';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['pay']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Invoice to pay. A draft is finalized first.'),
	simplifyField(displayOptions),
	optionsCollection(
		displayOptions,
		[
			{
				displayName: 'Forgive',
				name: 'forgive',
				type: 'boolean',
				default: false,
				description:
					'Whether to settle the invoice as paid even if the payment covers only part of the amount due',
			},
			{
				displayName: 'Off Session',
				name: 'offSession',
				type: 'boolean',
				default: true,
				description: "Whether the customer is absent while you charge them (Stripe's default for invoices)",
			},
			{
				displayName: 'Paid Out of Band',
				name: 'paidOutOfBand',
				type: 'boolean',
				default: false,
				description:
					'Whether to mark the invoice paid because the money arrived outside Stripe (cash, bank transfer); no charge is made',
			},
			paymentFailuresOption,
			paymentMethodOption,
		],
		{ reference: true },
	),
];

export const execute: RowHandler = async (ctx, row) => {
	const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
	const options = row.options();
	const body: InvoicePayBody = {
		payment_method: row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_'),
		off_session: row.optionalBoolean(options.offSession, 'Off Session'),
		paid_out_of_band: row.optionalBoolean(options.paidOutOfBand, 'Paid Out of Band'),
		forgive: row.optionalBoolean(options.forgive, 'Forgive'),
		expand: row.expand(options),
	};
	if (body.paid_out_of_band && body.payment_method) {
		row.fail(
			'Paid Out of Band',
			'cannot be combined with a Payment Method ID: nothing is charged when paid out of band',
		);
	}
	const stripe = row.stripe(options);
	try {
		const invoice = await stripe.post<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}/pay`, body);
		return shapeInvoice(row.simplify(), invoice);
	} catch (error) {
		const failure = paymentFailureOf(error);
		if (!failure || options.paymentFailures !== 'returnRow') throw asNodeError(ctx.getNode(), error);
		// The 402 does not carry the invoice; read it for the hosted URL the customer can pay at.
		const invoice = await stripe.get<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}`, {
			expand: body.expand,
		});
		return {
			...shapeInvoice(row.simplify(), invoice),
			invoiceStatus: invoice.status,
			hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
			...paymentFailureFields(failure.kind, failure.details),
		};
	}
};
