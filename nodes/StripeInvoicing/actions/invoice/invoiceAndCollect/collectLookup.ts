import { endpoints } from '../../../../shared/transport/endpoints';
import type { StripeCustomer, StripeInvoice, StripeLineItem } from '../../../../shared/transport/types';
import { CAP_FIELD, checkCap } from '../../common/cap';
import { unitAmountOf } from '../../common/prices';
import { asNodeError, checkField, invalidInput } from '../../common/validation';
import type { LookupOutcome, LookupPace, LookupRow, SendContext, StripeReader } from '../../operation';
import { runPool } from '../../pool';
import { attachPartialResult } from '../../rowErrors';
import type { CollectPlan } from './collectRun';
import { linesTotal, pricesOf } from './lines';
import { lookUpReferences, NOTHING_DONE } from './referenceLookup';
import { billingEventDifference } from './resume';

type Row = LookupRow<CollectPlan>;

/**
 * Invoice & Collect's lookup phase, for every row before any row writes: each Reference is found
 * (ten to a search), then what was found is checked against what the row asks for, and a capped
 * row's amount due is foreseen. A clash or an amount above the cap stops the row here — and,
 * without continue-on-fail, the run — exactly like a validation error, with nothing written.
 */
export async function collectLookup(
	rows: Row[],
	pace: LookupPace,
): Promise<Array<LookupOutcome<CollectPlan>>> {
	const found = await lookUpReferences(rows, pace);
	const outcomes: Array<LookupOutcome<CollectPlan>> = [];
	await runPool(found, pace, async (outcome) => {
		if ('error' in outcome) return void outcomes.push(outcome);
		const { row, plan } = outcome;
		try {
			outcomes.push({ row, plan: await checkRow(row.stripe, plan, row.context) });
		} catch (error) {
			const problem = attachPartialResult(asNodeError(row.context.node, error), NOTHING_DONE);
			outcomes.push({ row, error: problem });
		}
	});
	return outcomes;
}

async function checkRow(stripe: StripeReader, plan: CollectPlan, context: SendContext): Promise<CollectPlan> {
	const invoice = plan.lookedUp?.invoice;
	if (invoice && plan.event) {
		const difference = billingEventDifference(invoice, await linesOf(stripe, invoice), plan.event);
		if (difference) throw referenceClash(context, plan.event.reference, invoice, difference);
	}
	if (plan.cap !== undefined) {
		const { due, what } = await foreseenAmountDue(stripe, plan, invoice, context);
		checkField(context, CAP_FIELD, () => checkCap(plan.cap, due, what));
	}
	return plan;
}

export function referenceClash(
	context: SendContext,
	reference: string,
	invoice: StripeInvoice,
	difference: string,
) {
	return invalidInput(
		context.node,
		context.itemIndex,
		'Reference',
		`"${reference}" already names invoice ${invoice.id} (${invoice.status}) with ${difference}. A reference names one billing event: to bill something else use a new reference; to change this one, edit or void ${invoice.id} in Stripe.`,
		`Nothing was changed at Stripe for item ${context.itemIndex}.`,
	);
}

/** Every line of an invoice: the page Stripe embeds, and the rest when there are more. */
export async function linesOf(stripe: StripeReader, invoice: StripeInvoice): Promise<StripeLineItem[]> {
	if (!invoice.lines?.has_more) return invoice.lines?.data ?? [];
	return await stripe.collect<StripeLineItem>(
		endpoints.invoiceLines(invoice.id),
		{},
		{
			returnAll: true,
			limit: 0,
		},
	);
}

/**
 * What the invoice will ask the customer for, as Stripe will compute it: an open invoice's amount
 * due as it stands; otherwise the lines (Prices read from Stripe) plus the customer's balance
 * (Stripe adds what they owe and takes off their credit when it finalizes). The figure is checked
 * again, as Stripe's own, right after finalizing and before any charge.
 */
async function foreseenAmountDue(
	stripe: StripeReader,
	plan: CollectPlan,
	invoice: StripeInvoice | undefined,
	context: SendContext,
): Promise<{ due: number; what: string }> {
	if (invoice && invoice.status !== 'draft')
		return { due: invoice.amount_due, what: `the amount due of invoice ${invoice.id} (${invoice.status})` };
	const unitAmounts = new Map<string, number>();
	for (const price of pricesOf(plan.lines))
		unitAmounts.set(price, await unitAmountOf(stripe, price, context));
	const total = linesTotal(plan.lines, unitAmounts)!;
	const { balance } = await stripe.get<StripeCustomer>(endpoints.customer(plan.customer));
	const due = Math.max(0, total + balance);
	const what =
		balance === 0
			? 'the invoice total'
			: `the amount due (the lines' ${total} and the customer's balance of ${balance})`;
	return { due, what };
}
