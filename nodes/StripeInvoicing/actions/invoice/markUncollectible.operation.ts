import { stripePath } from '../../transport/stripePath';
import { invoiceActionOperation } from './invoiceAction';

export const operation = invoiceActionOperation(
	'markUncollectible',
	(invoiceId) => stripePath`/v1/invoices/${invoiceId}/mark_uncollectible`,
	'Open invoice to mark as uncollectible (bad debt); it can still be paid or voided later',
);
