import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceFinalizeBody, StripeInvoice } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import type { RowHandler } from '../operation';
import { stripePath } from '../../transport/stripePath';

const displayOptions = showFor('invoice', ['finalize']);

export const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Draft invoice to finalize'),
	simplifyField(displayOptions),
	optionsCollection(
		displayOptions,
		[
			{
				displayName: 'Auto Advance',
				name: 'autoAdvance',
				type: 'boolean',
				default: false,
				description:
					'Whether Stripe should take over collection after finalizing (email the invoice or charge it automatically about an hour later)',
			},
		],
		{ reference: true },
	),
];

export const execute: RowHandler = async (_ctx, row) => {
	const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
	const options = row.options();
	const body: InvoiceFinalizeBody = {
		auto_advance: row.optionalBoolean(options.autoAdvance, 'Auto Advance'),
		expand: row.expand(options),
	};
	const invoice = await row
		.stripe(options)
		.post<StripeInvoice>(stripePath`/v1/invoices/${invoiceId}/finalize`, body);
	return shapeInvoice(row.simplify(), invoice);
};
