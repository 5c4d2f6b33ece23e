import type { INodeProperties } from 'n8n-workflow';

import type { StripeInvoice } from '../../../shared/transport/types';
import type { SendContext } from '../operation';

import { agentRefusal, filledByAi, overCapMessage, refuseRow } from './agentLimits';
import { describeValue, InvalidValue } from './parse/invalid';
import { MAX_AMOUNT, minorUnits } from './parse/money';
import type { RowInput } from './rowInput';

export const CAP_FIELD = 'Max Amount per Row';

/**
 * The most one row may bill or charge: a limit the workflow author sets for an AI agent that uses
 * this node as a tool (or for any mapped amount). It bounds Stripe's own figure right before the
 * money moves — the finalized invoice's amount due (customer balance, and later tax, included)
 * before it is paid or sent, an item's resulting unit amount × quantity before it is written.
 */
export const maxAmountOption: INodeProperties = {
	displayName: CAP_FIELD,
	name: 'maxAmount',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 0 },
	description:
		"Refuse a row that would bill or charge more than this, in the currency's smallest unit, as Stripe computes it (the invoice's amount due, with the customer's balance; an item's unit amount × quantity). 0 = no cap. Set it when an AI agent uses this node as a tool; the cap itself never takes $fromAI.",
};

/**
 * The row's cap in the smallest unit, or undefined when there is none: the option not added, or a
 * plain 0 typed into it. A cap from an expression must come out a whole number of at least 1 —
 * empty, 0, text or a decimal is an error, never "no cap". `$fromAI` is refused outright: the agent
 * must not choose its own limit.
 */
export function readCap(row: RowInput): number | undefined {
	const configured = row.configuredValue('options.maxAmount');
	if (configured === undefined) return undefined;
	const expression =
		typeof configured === 'string' && (configured.startsWith('=') || configured.includes('{{'));
	if (filledByAi(configured))
		row.fail(
			CAP_FIELD,
			'may not be filled by an AI agent ($fromAI): it is the limit the workflow sets for the agent',
		);
	if (!expression && configured === 0) return undefined;
	const value = row.options().maxAmount;
	return row.check(CAP_FIELD, () => {
		const cap = minorUnits(value);
		if (cap < 1 || cap > MAX_AMOUNT)
			throw new InvalidValue(
				`must be a whole number from 1 to ${MAX_AMOUNT} (or a typed 0 for no cap), got ${describeValue(value)}`,
			);
		return cap;
	});
}

/**
 * The one cap check: Stripe's figure for what the row bills, against the row's cap. A refusal
 * says what to change in its message and its description alike, because an AI Agent hands the
 * model only one of them (which one depends on n8n's version; see agentRefusal).
 */
export function enforceCap(
	where: RowInput | SendContext,
	cap: number | undefined,
	billed: number,
	what: string,
): void {
	if (cap === undefined || Math.abs(billed) <= cap) return;
	const message = overCapMessage(what, billed, cap);
	if ('fail' in where) refuseRow(where, CAP_FIELD, message);
	throw agentRefusal(where, CAP_FIELD, message);
}

/**
 * The cap on Stripe's own figures, right before the money moves: the finalized invoice's total
 * (after discounts, with tax) and its amount due (the customer's balance included). Its refusal
 * says that nothing was charged, what is left open, and what to change.
 */
export function checkFinalizedInvoice(
	context: SendContext,
	cap: number | undefined,
	invoice: StripeInvoice,
): void {
	if (cap === undefined) return;
	const { id, total, amount_due: due, starting_balance: balance } = invoice;
	if (due <= cap && total <= cap) return;
	const withBalance = balance ? ` (with the customer's balance of ${balance})` : '';
	const what =
		total > cap
			? `the finalized invoice ${id} totals ${total} (after discounts, with tax)`
			: `the finalized invoice ${id} asks for ${due}${withBalance}`;
	const message = `${what}, above the cap of ${cap}; nothing was charged or sent: ${id} is ${invoice.status ?? 'open'}, with automatic collection off. Void it in Stripe, or have a person raise the cap on the node and run the row again`;
	throw agentRefusal(context, CAP_FIELD, message);
}
