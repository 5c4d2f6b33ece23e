import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runRows } from './batchRunner';
import { invoiceOperations } from './invoice';
import { invoiceItemOperations } from './invoiceItem';
import type { OperationModule } from './operation';

export const operationsByResource: Record<string, Record<string, OperationModule>> = {
	invoice: invoiceOperations,
	invoiceItem: invoiceItemOperations,
};

/** Invoice & Collect keeps the key scope its keys have always had, so re-runs across versions agree. */
const KEY_SCOPE: Record<string, string> = { 'invoice.invoiceAndCollect': 'invoiceAndCollect' };

/**
 * Resource and Operation decide which calls a row makes, so they take no expressions: a workflow
 * imported or built by an agent (`={{ $fromAI('operation') }}`) must not turn a Search into a
 * Delete. Their typed value is read as is, never evaluated.
 */
function fixedChoice(
	ctx: IExecuteFunctions,
	name: 'resource' | 'operation',
	field: string,
	allowed: string[],
): string {
	// A parameter left at its default may be absent from the saved node; n8n supplies the default.
	const value = ctx.getNode().parameters[name] ?? ctx.getNodeParameter(name, 0);
	const expression = typeof value === 'string' && (value.startsWith('=') || value.includes('{{'));
	if (typeof value !== 'string' || expression || !allowed.includes(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			expression
				? `${field} must be chosen from the list, not set by an expression`
				: `${field} must be one of ${allowed.join(', ')}`,
			{ description: `Got ${JSON.stringify(value)}. Nothing was sent to Stripe.` },
		);
	}
	return value;
}

export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = fixedChoice(ctx, 'resource', 'Resource', Object.keys(operationsByResource));
	const operations = operationsByResource[resource];
	const operation = fixedChoice(ctx, 'operation', 'Operation', Object.keys(operations));
	const module = operations[operation];
	const name = `${resource}.${operation}`;
	return await runRows(ctx, {
		module,
		keyScope: KEY_SCOPE[name] ?? name,
		referencePerRow: operation === 'invoiceAndCollect',
	});
}
