import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { RowInput } from './common/rowInput';
import type { RowHandler } from './operation';
import { errorForRow, errorRowJson } from './rowErrors';

/**
 * The single owner of the item loop: every input row yields exactly one output row paired to it
 * (list and search operations: one per object found), in input order. A failing row either stops
 * the run with an error naming the row, or, under continue-on-fail, becomes an output row
 * carrying the error while the other rows go on.
 */
export async function runRows(ctx: IExecuteFunctions, handler: RowHandler): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await handler(ctx, new RowInput(ctx, itemIndex));
			// List and search operations answer one row with many objects, each paired to that row.
			const objects = (Array.isArray(result) ? result : [result]) as IDataObject[];
			for (const json of objects) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!ctx.continueOnFail()) throw errorForRow(ctx, error, itemIndex);
			output.push({ json: errorRowJson(error, itemIndex), pairedItem: { item: itemIndex } });
		}
	}
	return [output];
}
