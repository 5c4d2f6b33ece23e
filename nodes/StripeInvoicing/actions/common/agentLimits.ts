import type { INode, INodeProperties } from 'n8n-workflow';

import { MAX_AMOUNT } from './parse/money';
import type { RowInput } from './rowInput';
import { invalidInput } from './validation';

/**
 * Limits for a node an AI agent calls as a tool (usableAsTool): a model filling `$fromAI(…)`
 * fields chooses the amounts and could choose the settlement switches, so the workflow author
 * can cap what one call bills and keep "settle without payment" out of the model's reach.
 */
export const maxAmountOption: INodeProperties = {
	displayName: 'Max Amount per Row',
	name: 'maxAmount',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_AMOUNT, numberPrecision: 0 },
	description:
		"Refuse a row that would bill more than this, in the currency's smallest unit (0 = no cap). Set it when an AI agent uses this node as a tool, so the model cannot pick any amount.",
};

export const allowAiSettlementOption: INodeProperties = {
	displayName: 'Let AI Choose Settlement',
	name: 'allowAiSettlement',
	type: 'boolean',
	default: false,
	description:
		'Whether settlement switches (Paid Out of Band, Forgive, If Payment Fails) may be filled by an AI agent with $fromAI. Off: a tool call cannot settle, void or write off an invoice without a payment.',
};

const FROM_AI = /\$fromai\s*\(/i;

/** The row's cap in the smallest unit, or undefined when there is none. */
export function readMaxAmount(row: RowInput, options: Record<string, unknown>): number | undefined {
	if (options.maxAmount === undefined || options.maxAmount === null || options.maxAmount === '')
		return undefined;
	const cap = row.integer(options.maxAmount, 'Max Amount per Row', 0, MAX_AMOUNT);
	return cap === 0 ? undefined : cap;
}

/**
 * Why a row is over the cap and what would let it through: the words a model acting as a tool
 * reads, so they say what to change (see agentRefusal).
 */
export function overCapMessage(what: string, amount: number, cap: number): string {
	return `${what} is ${amount}, above the cap of ${cap} (amounts in the currency's smallest unit); nothing was billed. This node bills at most ${cap} per row: a larger amount needs a person, or a higher cap set on the node`;
}

/**
 * A refusal by one of the agent limits, its words in the message and in the description alike:
 * an AI Agent hands the failed tool's model only one of them — the message on n8n 2.x, the
 * description on n8n 1.85 (AI Agent 1.8: "Error during node execution: <description>").
 */
export function agentRefusal(where: { node: INode; itemIndex: number }, field: string, message: string) {
	return invalidInput(where.node, where.itemIndex, field, message, refusalDescription(where.itemIndex, field, message));
}

const refusalDescription = (itemIndex: number, field: string, message: string) =>
	`${field}: ${message} (item ${itemIndex}).`;

function refuse(row: RowInput, field: string, message: string): never {
	row.fail(field, message, refusalDescription(row.itemIndex, field, message));
}

export function checkMaxAmount(
	row: RowInput,
	cap: number | undefined,
	amount: number | undefined,
	what: string,
): void {
	if (cap === undefined) return;
	if (amount === undefined)
		row.fail(
			'Max Amount per Row',
			`cannot be checked: ${what} is a price, whose amount only Stripe knows; use custom amounts`,
		);
	if (Math.abs(amount) > cap) refuse(row, 'Max Amount per Row', overCapMessage(what, amount, cap));
}

/**
 * Refuses settlement switches filled by `$fromAI` unless the author allowed it with a plain
 * (not expression) switch: the model must not decide that an invoice is settled without money.
 */
export function guardAiSettlement(row: RowInput, paths: Array<[path: string, field: string]>): void {
	const allowed = row.configuredValue('options.allowAiSettlement') === true;
	for (const [path, field] of paths) {
		const configured = row.configuredValue(path);
		if (!allowed && typeof configured === 'string' && FROM_AI.test(configured))
			refuse(
				row,
				field,
				'may not be filled by an AI agent ($fromAI); nothing was sent to Stripe. Settling an invoice without a payment needs a person, or the workflow\'s author switching on "Let AI Choose Settlement" on this node',
			);
	}
}
