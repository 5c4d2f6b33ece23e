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

export async function route(ctx: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Resource and operation take no expressions, so item 0 speaks for every row.
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const module = operationsByResource[resource]?.[operation];
	if (!module) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The operation "${operation}" is not known for resource "${resource}"`,
		);
	}
	return await runRows(ctx, module.execute);
}
