import type { INodeProperties } from 'n8n-workflow';

import { stripeRequest } from '../../transport/stripeRequest';
import type { InvoicePayBody, StripeInvoice } from '../../transport/types';
import { invoiceIdField, paymentMethodOption, showFor, optionsCollection } from '../common/fields';
import type { RowHandler } from '../operation';

const displayOptions = showFor('invoice', ['pay']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'ID of the invoice to pay. A draft is finalized first.'),
	optionsCollection(displayOptions, [
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
		paymentMethodOption,
	]),
];

export const execute: RowHandler = async (ctx, row) => {
	const invoiceId = row.id(row.raw('invoiceId'), 'Invoice ID', 'in_');
	const options = row.options();
	const body: InvoicePayBody = {
		payment_method: row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_'),
		off_session: row.optionalBoolean(options.offSession, 'Off Session'),
		paid_out_of_band: row.optionalBoolean(options.paidOutOfBand, 'Paid Out of Band'),
		forgive: row.optionalBoolean(options.forgive, 'Forgive'),
	};
	if (body.paid_out_of_band && body.payment_method) {
		row.fail(
			'Paid Out of Band',
			'cannot be combined with a Payment Method ID: nothing is charged when paid out of band',
		);
	}
	return await stripeRequest<StripeInvoice>(ctx, {
		method: 'POST',
		path: `/v1/invoices/${invoiceId}/pay`,
		params: body,
		itemIndex: row.itemIndex,
	});
};
