import { invoiceActionOperation } from './invoiceAction';

export const { description, execute } = invoiceActionOperation(
	'void',
	'void',
	'Open or uncollectible invoice to void; a voided invoice can no longer be paid',
);
