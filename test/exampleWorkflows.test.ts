/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// Every example workflow uses only our nodes' real parameter names and option values: a renamed
// field or a typo in an example would be dropped silently by n8n on import, and the example
// would run without it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

import { StripeInvoicing } from '../nodes/StripeInvoicing/StripeInvoicing.node';
import { StripeInvoicingTrigger } from '../nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node';
import { nodeParameterProblems } from './support/parameterCheck';

const PACKAGE = 'n8n-nodes-stripe-invoicing';
const action = new StripeInvoicing().description;

// n8n adds these two parameters to a node used as an AI Agent's tool (type `<node>Tool`).
const toolParameters: INodeProperties[] = [
	{
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		default: 'auto',
		options: [
			{ name: 'Set Automatically', value: 'auto' },
			{ name: 'Set Manually', value: 'manual' },
		],
	},
	{ displayName: 'Description', name: 'toolDescription', type: 'string', default: '' },
];

const DESCRIPTIONS: Record<string, INodeTypeDescription> = {
	[`${PACKAGE}.stripeInvoicing`]: action,
	[`${PACKAGE}.stripeInvoicingTool`]: { ...action, properties: [...toolParameters, ...action.properties] },
	[`${PACKAGE}.stripeInvoicingTrigger`]: new StripeInvoicingTrigger().description,
};

interface SavedNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	credentials?: Record<string, unknown>;
}

const examplesDir = join(__dirname, '../examples');
const examples = readdirSync(examplesDir)
	.filter((file) => file.endsWith('.json'))
	.sort();

const nodesOf = (file: string) =>
	(JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as { nodes: SavedNode[] }).nodes;
const ourNodes = (file: string) => nodesOf(file).filter((node) => node.type.startsWith(`${PACKAGE}.`));

describe('example workflows use only real parameter names and option values', () => {
	test('there are examples, each with our node (or our credential, in an HTTP Request node)', () => {
		expect(examples.length).toBeGreaterThanOrEqual(10);
		for (const file of examples) {
			const uses = nodesOf(file).some(
				(node) => node.type.startsWith(`${PACKAGE}.`) || node.credentials?.stripeInvoicingApi,
			);
			expect({ file, uses }).toEqual({ file, uses: true });
			for (const node of ourNodes(file)) expect(Object.keys(DESCRIPTIONS)).toContain(node.type);
		}
	});

	test.each(examples)('%s', (file) => {
		const problems = ourNodes(file).flatMap((node) =>
			nodeParameterProblems(DESCRIPTIONS[node.type], node.parameters).map(
				(problem) => `${node.name}: ${problem}`,
			),
		);
		expect(problems).toEqual([]);
	});
});

describe('the parameter check finds what n8n would drop or misread', () => {
	const collect = (parameters: INodeParameters) =>
		nodeParameterProblems(action, {
			resource: 'invoice',
			operation: 'invoiceAndCollect',
			customer: { __rl: true, mode: 'id', value: '={{ $json.customer }}' },
			...parameters,
		});

	test('a well-formed Invoice & Collect node has no problems', () => {
		expect(
			collect({
				lineSource: 'json',
				linesJson: '={{ $json.items }}',
				collectionMethod: 'send_invoice',
				daysUntilDue: 14,
				options: {
					previewOnly: true,
					automaticTax: true,
					paymentMethodTypes: ['customer_balance'],
					bankTransferType: 'eu_bank_transfer',
					discounts: { discount: [{ type: 'promotionCode', value: '={{ $json.code }}' }] },
					customFields: { field: [{ name: 'PO', value: '1' }] },
				},
			}),
		).toEqual([]);
	});

	test.each([
		[{ options: { previewOnlyy: true } }, 'options.previewOnlyy is not a parameter'],
		[
			{ collectionMethod: 'send' },
			'collectionMethod must be one of ["charge_automatically","send_invoice"], got "send"',
		],
		[{ options: { paymentMethodTypes: ['sepa_debit'] } }, 'options.paymentMethodTypes has "sepa_debit"'],
		[
			{ options: { discounts: { discount: [{ type: 'promo', value: 'X' }] } } },
			'options.discounts.discount[0].type must be one of',
		],
		[
			{ options: { discounts: { coupon: [{ value: 'X' }] } } },
			'options.discounts.coupon is not one of discount',
		],
		[{ options: { automaticTax: 'true' } }, 'options.automaticTax must be true or false, got "true"'],
		[{ daysUntilDue: 14 }, 'daysUntilDue is a parameter, but not shown'],
		[{ lineSource: 'json', amount: 100 }, 'amount is a parameter, but not shown'],
		[
			{ lineSource: 'json', options: { lineTaxCode: 'txcd_1' } },
			'options.lineTaxCode is a parameter, but not shown',
		],
		[{ options: { previewOnly: '={{ true }}' } }, 'options.previewOnly takes no expression'],
		[{ returnAll: true }, 'returnAll is a parameter, but not shown'],
	])('%j → %s', (parameters, problem) => {
		const problems = collect(parameters as INodeParameters);
		expect(problems).toEqual([expect.stringContaining(problem)]);
	});

	test('an operation that does not exist, and a locator in a mode the field has not', () => {
		expect(nodeParameterProblems(action, { resource: 'invoice', operation: 'previewAll' })).toEqual([
			expect.stringContaining('operation must be one of'),
		]);
		expect(
			nodeParameterProblems(action, {
				resource: 'invoice',
				operation: 'getLines',
				invoiceId: { __rl: true, mode: 'name', value: 'x' },
			}),
		).toEqual([expect.stringContaining('invoiceId must be a locator in mode')]);
	});
});
