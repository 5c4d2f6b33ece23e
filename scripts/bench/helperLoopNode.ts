// Section C's in-engine baseline: a node with no parameters that sends the input rows' Invoice &
// Collect calls (a search per ten rows, four writes per row) through n8n's HTTP helper, one after another.
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { bareInvoiceAndCollect, n8nHelperSender } from './bareLoop';
import type { BenchRow } from './workload';

export const HELPER_LOOP_NODE_TYPE = 'bench.helperLoop';

export class HelperLoopNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Bench Helper Loop',
		name: 'benchHelperLoop',
		group: ['transform'],
		version: 1,
		description: 'The benchmark baseline: the same Stripe calls with nothing around them',
		defaults: { name: 'Bench Helper Loop' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'stripeInvoicingApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials<{ baseUrl: string }>('stripeInvoicingApi');
		const send = n8nHelperSender(this, credentials.baseUrl);
		const items = this.getInputData();
		await bareInvoiceAndCollect(
			send,
			items.map((item) => item.json as BenchRow),
		);
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}
