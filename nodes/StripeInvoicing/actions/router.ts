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

/**
 * Invoice & Collect's dry run is the workflow's decision, made on the node: an expression (a row's
 * value, an agent's `$fromAI`) must not be able to switch between billing and not billing.
 */
function previewOnly(ctx: IExecuteFunctions): boolean {
	const value = (ctx.getNode().parameters.options as { previewOnly?: unknown } | undefined)?.previewOnly;
	if (value === undefined || typeof value === 'boolean') return value === true;
	throw new NodeOperationError(
		ctx.getNode(),
		'Preview Only must be switched on or off on the node, not set by an expression',
		{
			description: `Got ${JSON.stringify(value)}. Nothing was sent to Stripe.`,
		},
	);
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
		dryRun: name === 'invoice.invoiceAndCollect' && previewOnly(ctx),
	});
}
