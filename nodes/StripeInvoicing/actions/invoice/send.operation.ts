import { endpoints } from '../../../shared/transport/endpoints';
import { invoiceActionOperation } from './invoiceAction';

// Stripe finalizes a draft before emailing it; only send_invoice invoices can be sent.
export const operation = invoiceActionOperation(
	'send',
	(invoiceId) => endpoints.invoiceAction(invoiceId, 'send'),
	'Invoice to email to the customer (collection method "send invoice"); a draft is finalized first',
);
