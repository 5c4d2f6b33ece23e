import { endpoints } from '../../../shared/transport/endpoints';
import { invoiceActionOperation } from './invoiceAction';

export const operation = invoiceActionOperation(
	'markUncollectible',
	(invoiceId) => endpoints.invoiceAction(invoiceId, 'mark_uncollectible'),
	'Open invoice to mark as uncollectible (bad debt); it can still be paid or voided later',
);
