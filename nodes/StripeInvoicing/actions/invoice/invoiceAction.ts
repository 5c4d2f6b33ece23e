import type { INodeProperties } from 'n8n-workflow';

import type { StripePath } from '../../transport/stripePath';
import type { InvoiceActionBody, StripeInvoice } from '../../transport/types';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../common/simplify';
import { defineOperation, type OperationModule } from '../operation';

/**
 * Send, Void and Mark Uncollectible are the same shape: an invoice ID, a POST to one of its
 * sub-paths, and the invoice back. Each operation file names its own path and wording.
 */
export function invoiceActionOperation(
	operation: string,
	path: (invoiceId: string) => StripePath,
	idDescription: string,
): OperationModule {
	const displayOptions = showFor('invoice', [operation]);
	const description: INodeProperties[] = [
		invoiceIdField(displayOptions, idDescription),
		simplifyField(displayOptions),
		optionsCollection(displayOptions, [], { reference: true }),
	];
	return defineOperation({
		description,
		prepare(row) {
			const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
			const options = row.options();
			const body: InvoiceActionBody = { expand: row.expand(options) };
			return {
				scope: row.callScope(options),
				request: { invoiceId, body },
				invoiceId,
				body,
				simplify: row.simplify(),
			};
		},
		async send(stripe, plan) {
			const invoice = await stripe.post<StripeInvoice>(path(plan.invoiceId), plan.body);
			return shapeInvoice(plan.simplify, invoice);
		},
	});
}
