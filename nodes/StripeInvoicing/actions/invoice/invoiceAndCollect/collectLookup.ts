import { endpoints } from '../../../../shared/transport/endpoints';
import type { StripeCustomer, StripeInvoice, StripeLineItem } from '../../../../shared/transport/types';
import { enforceCap } from '../../common/cap';
import { unitAmountOf } from '../../common/prices';
import { asNodeError, invalidInput } from '../../common/validation';
import type { LookupOutcome, LookupPace, LookupRow, SendContext, StripeReader } from '../../operation';
import { runPool } from '../../pool';
import { attachPartialResult } from '../../rowErrors';
import type { CollectPlan } from './collectRun';
import { linesTotal, previewItems, pricesOf } from './lines';
import { lookUpReferences, NOTHING_DONE } from './referenceLookup';
import { billingEventDifference, hasLines } from './resume';
import { resolveDiscounts } from '../../common/discounts';
import { previewInvoice } from '../../common/preview';

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
	const discounts = await resolveDiscounts(stripe, plan.discounts, context);
	const finished: CollectPlan = { ...plan, draft: { ...plan.draft, discounts } };
	if (plan.cap === undefined && !plan.previewOnly) return finished;
	const foreseen = await foresee(stripe, finished, invoice, context);
	// A paid, void or uncollectible invoice bills nothing more.
	const settled = invoice !== undefined && invoice.status !== 'draft' && invoice.status !== 'open';
	if (!settled) {
		enforceCap(context, plan.cap, foreseen.total, 'the invoice total');
		enforceCap(context, plan.cap, foreseen.amountDue, foreseen.dueSaid);
	}
	return { ...finished, foreseen };
}

/** The invoice as Stripe will make it (or has made it), foreseen before any row writes. */
export interface Foreseen {
	/** Where the figures come from: the invoice the reference names, Stripe's preview, or the lines. */
	source: 'invoice' | 'preview' | 'lines';
	total: number;
	amountDue: number;
	/** How the amount due reads in a cap error. */
	dueSaid: string;
	/** Stripe's invoice or preview, when there is one. */
	invoice?: StripeInvoice;
}

const dueOf = (total: string, balance: number) =>
	balance === 0 ? 'the invoice total' : `the amount due (${total} and the customer's balance of ${balance})`;

/**
 * What the invoice will come to and ask the customer for, as Stripe will compute it: an invoice
 * the reference already names, as it stands; with discounts or tax, or in a dry run, Stripe's own
 * preview; otherwise the lines (Prices read from Stripe) plus the customer's balance (Stripe adds
 * what they owe and takes off their credit when it finalizes). The figures are checked again, as
 * Stripe's own, right after finalizing and before any charge.
 */
async function foresee(
	stripe: StripeReader,
	plan: CollectPlan,
	invoice: StripeInvoice | undefined,
	context: SendContext,
): Promise<Foreseen> {
	if (invoice && (invoice.status !== 'draft' || hasLines(invoice))) {
		const due = invoice.status === 'draft' || invoice.status === 'open' ? invoice.amount_due : 0;
		return {
			source: 'invoice',
			total: invoice.total,
			amountDue: due,
			dueSaid: `the amount due of invoice ${invoice.id} (${invoice.status})`,
			invoice,
		};
	}
	if (plan.adjusted || plan.previewOnly) {
		const preview = await previewInvoice(stripe, {
			customer: plan.customer,
			currency: plan.currency,
			items: previewItems(plan.lines, plan.currency, plan.draft.default_tax_rates),
			discounts: plan.draft.discounts,
			automaticTax: plan.draft.automatic_tax?.enabled,
			onBehalfOf: plan.draft.on_behalf_of,
			includePending: false,
		});
		const { total, amount_due: due, starting_balance: balance } = preview;
		return {
			source: 'preview',
			total,
			amountDue: due,
			dueSaid: dueOf(`the total ${total}`, balance),
			invoice: preview,
		};
	}
	const unitAmounts = new Map<string, number>();
	for (const price of pricesOf(plan.lines))
		unitAmounts.set(price, await unitAmountOf(stripe, price, context));
	const total = linesTotal(plan.lines, unitAmounts)!;
	const { balance } = await stripe.get<StripeCustomer>(endpoints.customer(plan.customer));
	return {
		source: 'lines',
		total,
		amountDue: Math.max(0, total + balance),
		dueSaid: dueOf(`the lines' ${total}`, balance),
	};
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
