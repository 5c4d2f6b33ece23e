import { endpoints } from '../../../shared/transport/endpoints';
import { invoiceActionOperation } from './invoiceAction';

export const operation = invoiceActionOperation(
	'void',
	(invoiceId) => endpoints.invoiceAction(invoiceId, 'void'),
	'Open or uncollectible invoice to void; a voided invoice can no longer be paid',
);
