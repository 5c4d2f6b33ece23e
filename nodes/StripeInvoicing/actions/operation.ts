import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RowInput } from './common/rowInput';

/** Does one operation for one input row and returns that row's output JSON. */
export type RowHandler = (ctx: IExecuteFunctions, row: RowInput) => Promise<IDataObject | object | object[]>;

/** One file per operation: its fields and its per-row function. */
export interface OperationModule {
	description: INodeProperties[];
	execute: RowHandler;
}
