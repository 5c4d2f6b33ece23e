import type { INodeProperties } from 'n8n-workflow';

import type { RowInput } from './rowInput';

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
 * Refuses settlement switches filled by `$fromAI` unless the author allowed it with a plain
 * (not expression) switch: the model must not decide that an invoice is settled without money.
 */
export function guardAiSettlement(row: RowInput, paths: Array<[path: string, field: string]>): void {
	const allowed = row.configuredValue('options.allowAiSettlement') === true;
	for (const [path, field] of paths) {
		const configured = row.configuredValue(path);
		if (!allowed && filledByAi(configured))
			row.fail(field, 'may not be filled by an AI agent ($fromAI) unless "Let AI Choose Settlement" is on');
	}
}
