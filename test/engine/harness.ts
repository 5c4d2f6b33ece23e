/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { StripeInvoicing } from '../../nodes/StripeInvoicing/StripeInvoicing.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { RowsNode } from './rowsNode';

// n8n-core's InstanceSettings writes a config file under N8N_USER_FOLDER: keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-stripe-invoicing-'));
// The engine logs every node error; the tests assert on them instead.
process.env.N8N_LOG_LEVEL ??= 'silent';

export const STRIPE_NODE_TYPE = 'n8n-nodes-stripe-invoicing.stripeInvoicing';
const ROWS_NODE_TYPE = 'test.rows';

const nodeTypeMap: Record<string, INodeType> = {
	[STRIPE_NODE_TYPE]: new StripeInvoicing(),
	[ROWS_NODE_TYPE]: new RowsNode(),
};

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeTypeMap[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(nodeTypeMap[type], version),
	getKnownTypes: () => ({}),
};

/** Adds a node type the engine can run in a step (the benchmark's baseline node). */
export function registerNodeType(type: string, nodeType: INodeType): void {
	nodeTypeMap[type] = nodeType;
}

export interface StripeStep {
	name: string;
	parameters: INodeParameters;
	continueOnFail?: boolean;
	/** A type added with registerNodeType; the Stripe Invoicing node when not given. */
	type?: string;
}

export interface EngineRunOptions {
	/** Rows emitted by an upstream "Rows" node that the first Stripe node reads from. */
	rows: IDataObject[];
	/** Stripe Invoicing nodes, chained in this order after the Rows node. */
	steps: StripeStep[];
	credentials: { secretKey: string; baseUrl: string };
}

export interface EngineRun {
	run: IRun;
	/** Output items of a node's first run (undefined if it did not run). */
	output(nodeName: string): INodeExecutionData[] | undefined;
	/** The error the run stopped with, if any. */
	error: (Error & { context?: IDataObject; description?: string | null }) | undefined;
}

function buildWorkflow(options: EngineRunOptions): { workflow: Workflow; data: IWorkflowBase } {
	const rowsNode: INode = {
		id: 'rows',
		name: 'Rows',
		type: ROWS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { rows: JSON.stringify(options.rows) },
	};
	const stripeNodes: INode[] = options.steps.map((step, index) => ({
		id: `stripe-${index}`,
		name: step.name,
		type: step.type ?? STRIPE_NODE_TYPE,
		typeVersion: 1,
		position: [200 * (index + 1), 0],
		parameters: step.parameters,
		credentials: { stripeInvoicingApi: { id: 'cred-1', name: 'Stripe test' } },
		...(step.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	}));
	const nodes = [rowsNode, ...stripeNodes];
	const connections: IConnections = {};
	for (let index = 0; index < nodes.length - 1; index++) {
		connections[nodes[index].name] = { main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]] };
	}
	const data: IWorkflowBase = {
		id: 'wf-test',
		name: 'Stripe Invoicing engine test',
		active: false,
		isArchived: false,
		nodes,
		connections,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as unknown as IWorkflowBase;
	const workflow = new Workflow({
		id: data.id,
		name: data.name,
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: {},
	});
	return { workflow, data };
}

function additionalDataFor(data: IWorkflowBase, credentials: EngineRunOptions['credentials']) {
	const base = 'http://localhost:5678';
	return {
		hooks: new ExecutionLifecycleHooks('manual', 'exec-test', data),
		credentialsHelper: new TestCredentialsHelper(credentials),
		variables: {},
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Resolves an expression from a credential definition (e.g. its test request) as n8n would. */
export function resolveCredentialExpression(template: string, credentials: IDataObject): unknown {
	const { workflow } = buildWorkflow({ rows: [], steps: [], credentials: { secretKey: '', baseUrl: '' } });
	return workflow.expression.getSimpleParameterValue(
		workflow.getNode('Rows')!,
		template,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
}

/** The context n8n gives a node's list-search methods while a person browses a "From List" picker. */
export function loadOptionsContext(
	credentials: EngineRunOptions['credentials'],
	parameters: INodeParameters = {},
) {
	const { workflow, data } = buildWorkflow({
		rows: [],
		steps: [{ name: 'Stripe Invoicing', parameters }],
		credentials,
	});
	const node = workflow.getNode('Stripe Invoicing')!;
	return new LoadOptionsContext(workflow, node, additionalDataFor(data, credentials), 'parameters');
}

/** Runs Rows → Stripe Invoicing (→ more Stripe nodes) through n8n-core's WorkflowExecute. */
export async function runEngine(options: EngineRunOptions): Promise<EngineRun> {
	const { workflow, data } = buildWorkflow(options);
	const execute = new WorkflowExecute(additionalDataFor(data, options.credentials), 'manual');
	const run = await execute.run({ workflow, startNode: workflow.getNode('Rows')! });
	const runData = run.data.resultData.runData;
	return {
		run,
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? undefined,
		error: run.data.resultData.error as EngineRun['error'],
	};
}
