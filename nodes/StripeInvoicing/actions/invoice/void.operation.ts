import { stripePath } from '../../transport/stripePath';
import { invoiceActionOperation } from './invoiceAction';

export const operation = invoiceActionOperation(
	'void',
	(invoiceId) => stripePath`/v1/invoices/${invoiceId}/void`,
	'Open or uncollectible invoice to void; a voided invoice can no longer be paid',
);
