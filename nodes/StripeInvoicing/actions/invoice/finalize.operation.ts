import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceFinalizeBody, StripeInvoice } from '../../../shared/transport/types';
import { postById } from '../common/byId';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { INVOICE } from '../common/locators';

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

export const operation = postById<StripeInvoice>({
	description,
	target: INVOICE,
	path: (id) => endpoints.invoiceAction(id, 'finalize'),
	shape: shapeInvoice,
	body: (row, options): InvoiceFinalizeBody => ({
		auto_advance: row.optionalBoolean(options.autoAdvance, 'Auto Advance'),
		expand: row.expand(options),
	}),
});
