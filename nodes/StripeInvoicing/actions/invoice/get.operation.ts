import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { StripeInvoice } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['get']);

const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Invoice to retrieve'),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		return {
			scope: row.callScope(options),
			invoiceId: row.locator('invoiceId', 'Invoice', 'in_'),
			expand: row.expand(options),
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan) {
		const path = stripePath`/v1/invoices/${plan.invoiceId}`;
		return shapeInvoice(plan.simplify, await stripe.get<StripeInvoice>(path, { expand: plan.expand }));
	},
});
