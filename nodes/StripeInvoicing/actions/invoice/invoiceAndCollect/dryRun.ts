import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { invoiceFigures } from '../../common/preview';
import type { CollectPlan } from './collectRun';

/**
 * Invoice & Collect's dry run. It takes no expression (the router refuses one): whether a run
 * bills must be the workflow's decision, never a row's or a model's.
 */
export const previewOnlyOption: INodeProperties = {
	displayName: 'Preview Only (Dry Run)',
	name: 'previewOnly',
	type: 'boolean',
	default: false,
	noDataExpression: true,
	description:
		"Whether to only show what each row would do, writing nothing to Stripe: every row is checked and looked up as in a real run, then priced with Stripe's invoice preview (discounts, tax and the customer's balance included). A row that would fail comes out with its error instead of stopping the run.",
};

/** What a row would do, from its lookup phase: nothing is written in a dry run. */
export function dryRunOutput(plan: CollectPlan): IDataObject {
	const found = plan.lookedUp?.invoice;
	const foreseen = plan.foreseen!;
	const settled = found !== undefined && found.status !== 'draft' && found.status !== 'open';
	const figures = foreseen.invoice
		? invoiceFigures(foreseen.invoice)
		: { currency: plan.currency, total: foreseen.total, amountDue: foreseen.amountDue };
	return {
		previewOnly: true,
		invoiceId: found?.id ?? null,
		status: found?.status ?? null,
		paid: found?.status === 'paid',
		wouldDo: !found ? 'create' : settled ? 'nothing' : `resume ${found.status}`,
		reference: plan.event?.reference ?? null,
		alreadyPaid: found?.status === 'paid',
		collectionMethod: plan.draft.collection_method,
		lineCount: plan.lines.length,
		...figures,
		// What the run would take from the card now: nothing for an emailed invoice or a settled one.
		wouldCharge: settled || plan.draft.collection_method === 'send_invoice' ? 0 : foreseen.amountDue,
		...(plan.notice ? { notice: plan.notice } : {}),
	};
}
