import type { INodeProperties } from 'n8n-workflow';

import { stripeRequest } from '../../transport/stripeRequest';
import type { InvoiceFinalizeBody, StripeInvoice } from '../../transport/types';
import { invoiceIdField, showFor, optionsCollection } from '../common/fields';
import type { RowHandler } from '../operation';

const displayOptions = showFor('invoice', ['finalize']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'ID of the draft invoice to finalize'),
	optionsCollection(displayOptions, [
		{
			displayName: 'Auto Advance',
			name: 'autoAdvance',
			type: 'boolean',
			default: false,
			description:
				'Whether Stripe should take over collection after finalizing (email the invoice or charge it automatically about an hour later)',
		},
	]),
];

export const execute: RowHandler = async (ctx, row) => {
	const invoiceId = row.id(row.raw('invoiceId'), 'Invoice ID', 'in_');
	const options = row.options();
	const body: InvoiceFinalizeBody = {
		auto_advance: row.optionalBoolean(options.autoAdvance, 'Auto Advance'),
	};
	return await stripeRequest<StripeInvoice>(ctx, {
		method: 'POST',
		path: `/v1/invoices/${invoiceId}/finalize`,
		params: body,
		itemIndex: row.itemIndex,
	});
};
