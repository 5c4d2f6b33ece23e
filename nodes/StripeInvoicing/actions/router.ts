import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runRows } from './batchRunner';
import * as invoiceAndCollect from './invoice/invoiceAndCollect.operation';
import * as finalize from './invoice/finalize.operation';
import * as pay from './invoice/pay.operation';
import * as createInvoiceItem from './invoiceItem/create.operation';
import type { OperationModule } from './operation';

export const operationsByResource: Record<string, Record<string, OperationModule>> = {
	invoice: { invoiceAndCollect, finalize, pay },
	invoiceItem: { create: createInvoiceItem },
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
