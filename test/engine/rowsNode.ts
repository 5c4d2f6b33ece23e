import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * A stand-in for an upstream node such as a spreadsheet read: emits the rows given in its `rows`
 * parameter, so the node under test maps its fields from real upstream items by expressions.
 */
export class RowsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Rows',
		name: 'rows',
		group: ['input'],
		version: 1,
		description: 'Emits fixed rows',
		defaults: { name: 'Rows' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Rows', name: 'rows', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('rows', 0) as string | IDataObject[];
		const rows = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [rows.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}
