import type { INodeProperties } from 'n8n-workflow';

import { stripePath } from '../../transport/stripePath';
import type { StripeDeleted } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor } from '../common/fields';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['delete']);

const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Draft invoice to delete; finalized invoices can only be voided'),
	optionsCollection(displayOptions, [], { expand: false }),
];

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		return { scope: row.callScope(options), invoiceId: row.locator('invoiceId', 'Invoice', 'in_') };
	},
	async send(stripe, plan) {
		return { ...(await stripe.del<StripeDeleted>(stripePath`/v1/invoices/${plan.invoiceId}`)) };
	},
});
