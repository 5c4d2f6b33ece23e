// Section C's in-engine baselines: a node that sends the input rows' Invoice & Collect calls (a
// search per ten rows, four writes per row) through n8n's HTTP helper, one after another. Given
// the five parameters Invoice & Collect is given (customer, amount, currency, description,
// reference as expressions), it reads them per row as any node must; given none, it reads the
// rows' JSON directly.
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
		properties: ['customer', 'amount', 'currency', 'description', 'reference'].map((name) => ({
			displayName: name,
			name,
			type: 'string' as const,
			default: '',
		})),
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const credentials = await this.getCredentials<{ baseUrl: string }>('stripeInvoicingApi');
		const send = n8nHelperSender(this, credentials.baseUrl);
		const items = this.getInputData();
		const readsParameters = Boolean(this.getNode().parameters.customer);
		const rows = items.map((item, index): BenchRow => {
			if (!readsParameters) return item.json as BenchRow;
			const read = (name: string) => this.getNodeParameter(name, index) as string;
			return {
				customer: read('customer'),
				amount: Number(read('amount')),
				currency: read('currency'),
				description: read('description'),
				ref: read('reference'),
			};
		});
		await bareInvoiceAndCollect(send, rows);
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}
