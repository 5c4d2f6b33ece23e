import type { StripePath } from '../../../shared/transport/stripePath';
import type { InvoiceActionBody, StripeInvoice } from '../../../shared/transport/types';
import { postById } from '../common/byId';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import type { OperationModule } from '../operation';
import { INVOICE } from '../common/locators';

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
	return postById<StripeInvoice>({
		description: [
			invoiceIdField(displayOptions, idDescription),
			simplifyField(displayOptions),
			optionsCollection(displayOptions, [], { reference: true }),
		],
		target: INVOICE,
		path,
		shape: shapeInvoice,
		body: (row, options): InvoiceActionBody => ({ expand: row.expand(options) }),
	});
}
