import type { INode, INodeProperties } from 'n8n-workflow';

import type { RowInput } from './rowInput';
import { invalidInput } from './validation';

/**
 * A node an AI agent calls as a tool (usableAsTool) has its `$fromAI(…)` fields filled by the
 * model; the settlement switches are kept out of its reach unless the author allows them.
 */
export const allowAiSettlementOption: INodeProperties = {
	displayName: 'Let AI Choose Settlement',
	name: 'allowAiSettlement',
	type: 'boolean',
	default: false,
	description:
		'Whether settlement switches (Paid Out of Band, Forgive, If Payment Fails) may be filled by an AI agent with $fromAI. Off: a tool call cannot settle, void or write off an invoice without a payment.',
};

/** Whether a parameter, as the author configured it, is filled by an AI agent (`$fromAI(…)`). */
export function filledByAi(configured: unknown): boolean {
	return typeof configured === 'string' && /\$fromai\s*\(/i.test(configured);
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
	return invalidInput(
		where.node,
		where.itemIndex,
		field,
		message,
		refusalDescription(where.itemIndex, field, message),
	);
}

const refusalDescription = (itemIndex: number, field: string, message: string) =>
	`${field}: ${message} (item ${itemIndex}).`;

export function refuseRow(row: RowInput, field: string, message: string): never {
	row.fail(field, message, refusalDescription(row.itemIndex, field, message));
}

/**
 * Refuses settlement switches filled by `$fromAI` unless the author allowed it with a plain
 * (not expression) switch: the model must not decide that an invoice is settled without money.
 */
export function guardAiSettlement(row: RowInput, paths: Array<[path: string, field: string]>): void {
	const allowed = row.configuredValue('options.allowAiSettlement') === true;
	for (const [path, field] of paths) {
		const configured = row.configuredValue(path);
		if (!allowed && filledByAi(configured))
			refuseRow(
				row,
				field,
				'may not be filled by an AI agent ($fromAI); nothing was sent to Stripe. Settling an invoice without a payment needs a person, or the workflow\'s author switching on "Let AI Choose Settlement" on this node',
			);
	}
}
