import { invoiceActionOperation } from './invoiceAction';

export const { description, execute } = invoiceActionOperation(
	'markUncollectible',
	'mark_uncollectible',
	'Open invoice to mark as uncollectible (bad debt); it can still be paid or voided later',
);
