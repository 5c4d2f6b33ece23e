import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import { StripeInvoicing } from '../../nodes/StripeInvoicing/StripeInvoicing.node';
import { STRIPE_NODE_TYPE } from '../engine/harness';
import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();
const nodeType = new StripeInvoicing();

const toolParameters = invoiceAndCollect({
	customer: {
		__rl: true,
		mode: 'id',
		value: "={{ $fromAI('customer', 'Stripe customer ID, starts with cus_', 'string') }}",
	},
	amount:
		"={{ $fromAI('amount', 'Amount in the smallest currency unit, e.g. 1999 for 19.99 USD', 'number') }}",
	currency: "={{ $fromAI('currency', 'Three-letter currency code such as usd', 'string') }}",
	description: "={{ $fromAI('description', 'What the customer is paying for', 'string') }}",
});

describe('as an AI agent tool (usableAsTool)', () => {
	test("n8n's tool wrapper builds a schema from the $fromAI fields and a description from the operation", async () => {
		const node: INode = {
			id: 'tool',
			name: 'Bill customer',
			type: STRIPE_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: toolParameters,
		};
		const calls: unknown[] = [];
		const { response: tool } = createNodeAsTool({
			node,
			nodeType,
			handleToolInvocation: async (args) => {
				calls.push(args);
				return 'ok';
			},
		});

		expect(tool.name).toBe('Bill_customer');
		expect(tool.description).toBe(NodeHelpers.getToolDescriptionForNode(node, nodeType));
		expect(tool.description.toLowerCase()).toContain('invoice');
		expect(Object.keys(tool.schema.shape).sort()).toEqual(['amount', 'currency', 'customer', 'description']);
		await tool.invoke({ customer: 'cus_1', amount: 1999, currency: 'usd', description: 'Pro plan' });
		expect(calls).toEqual([{ customer: 'cus_1', amount: 1999, currency: 'usd', description: 'Pro plan' }]);
	});

	test('the $fromAI fields resolve from the tool call and the node bills the customer', async () => {
		const account = world.account();
		const customer = account.customer();

		const result = await account.run(
			[{ customer, amount: 2500, currency: 'usd', description: 'Agent sale' }],
			{
				name: 'Bill customer',
				parameters: toolParameters,
			},
		);

		expect(result.error).toBeUndefined();
		expect(result.output('Bill customer')![0].json).toMatchObject({ paid: true, amountPaid: 2500, customer });
	});
});
