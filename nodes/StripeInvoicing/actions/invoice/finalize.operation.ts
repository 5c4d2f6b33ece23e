import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { InvoiceFinalizeBody, StripeInvoice } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['finalize']);

const description: INodeProperties[] = [
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

export const operation = defineOperation({
	description,
	prepare(row) {
		const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
		const options = row.options();
		const body: InvoiceFinalizeBody = {
			auto_advance: row.optionalBoolean(options.autoAdvance, 'Auto Advance'),
			expand: row.expand(options),
		};
		return {
			scope: row.callScope(options),
			request: { invoiceId, body },
			invoiceId,
			body,
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan) {
		const path = stripePath`/v1/invoices/${plan.invoiceId}/finalize`;
		return shapeInvoice(plan.simplify, await stripe.post<StripeInvoice>(path, plan.body));
	},
});
