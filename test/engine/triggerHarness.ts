/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// Runs the trigger's hooks and webhook() in n8n-core's real HookContext and WebhookContext, the
// classes n8n itself builds on activation and for each delivery. Only the HTTP request and
// response (express objects in n8n) are small stand-ins.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { StripeInvoicingTrigger } from '../../nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node';
import { TestCredentialsHelper } from './credentialsHelper';
import { endGracePeriods, storedSecret } from './triggerInternals';

export { endGracePeriods };

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-stripe-invoicing-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-stripe-invoicing.stripeInvoicingTrigger';
const trigger = new StripeInvoicingTrigger();
const nodeTypes: INodeTypes = {
	getByName: () => trigger as INodeType,
	getByNameAndVersion: () => NodeHelpers.getVersionedNodeType(trigger, 1),
	getKnownTypes: () => ({}),
};

export interface TriggerSetup {
	parameters: INodeParameters;
	credentials: { secretKey: string; baseUrl: string };
	/** A Stripe Invoicing Webhook Signing Secret API credential on the node (Dashboard mode). */
	signingSecretCredential?: ICredentialDataDecryptedObject;
	/** Where n8n would serve webhooks: the base of getNodeWebhookUrl(). */
	webhookBaseUrl: string;
	workflowId?: string;
	nodeId?: string;
	/** The workflow's static data as n8n would load it (shared object: the hooks change it). */
	staticData?: IDataObject;
}

/** One activated workflow holding the trigger, and the hooks/webhook calls n8n makes on it. */
export class TriggerWorkflow {
	readonly staticData: IDataObject;
	readonly workflow: Workflow;
	readonly node: INode;

	constructor(private readonly setup: TriggerSetup) {
		this.staticData = setup.staticData ?? {};
		this.node = {
			id: setup.nodeId ?? 'trigger-node-1',
			name: 'Stripe Invoicing Trigger',
			type: TRIGGER_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: `hook-${setup.nodeId ?? 'trigger-node-1'}`,
			parameters: setup.parameters,
			credentials: {
				stripeInvoicingApi: { id: 'cred-1', name: 'Stripe test' },
				...(setup.signingSecretCredential
					? { stripeInvoicingSigningSecretApi: { id: 'cred-2', name: 'Signing secret' } }
					: {}),
			},
		};
		this.workflow = new Workflow({
			id: setup.workflowId ?? 'wf-trigger',
			name: 'Trigger test workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: this.staticData,
			settings: {},
		});
	}

	private additionalData(http?: { req: unknown; res: unknown }): IWorkflowExecuteAdditionalData {
		const base = 'http://localhost:5678';
		const data = {
			id: this.workflow.id,
			name: this.workflow.name,
			nodes: [this.node],
		} as unknown as IWorkflowBase;
		return {
			hooks: new ExecutionLifecycleHooks('webhook', 'exec-trigger', data),
			credentialsHelper: new TestCredentialsHelper(this.setup.credentials, {
				...(this.setup.signingSecretCredential
					? { stripeInvoicingSigningSecretApi: this.setup.signingSecretCredential }
					: {}),
			}),
			variables: {},
			restApiUrl: `${base}/rest`,
			instanceBaseUrl: `${base}/`,
			webhookBaseUrl: this.setup.webhookBaseUrl,
			webhookWaitingBaseUrl: `${base}/webhook-waiting`,
			webhookTestBaseUrl: `${this.setup.webhookBaseUrl}-test`,
			formWaitingBaseUrl: `${base}/form-waiting`,
			httpRequest: http?.req,
			httpResponse: http?.res,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(isTest: boolean): IWebhookData {
		const description = trigger.description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.node.webhookId,
			isTest,
		};
	}

	/** The node's static data, where the trigger keeps its endpoint and the ids it has seen. */
	nodeData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The endpoint id and signing secret the node keeps for production (or a test listen), opened. */
	stored(isTest = false): { endpointId: string; secret: string } | undefined {
		return storedSecret(this.nodeData(), this.webhookUrl(isTest), isTest, {
			workflowId: String(this.workflow.id),
			nodeId: this.node.id,
			apiKey: this.setup.credentials.secretKey,
		});
	}

	/** Whether anything changed the workflow's static data since resetChanges(): n8n's "save it" flag. */
	staticDataChanged(): boolean {
		return (this.workflow.staticData as { __dataChanged?: boolean }).__dataChanged === true;
	}

	/** As n8n after saving: the static data counts as unchanged again. */
	resetChanges(): void {
		(this.workflow.staticData as { __dataChanged?: boolean }).__dataChanged = false;
	}

	hookContext(
		activation: WorkflowActivateMode = 'activate',
		isTest = false,
		mode: WorkflowExecuteMode = isTest ? 'manual' : 'trigger',
	): HookContext {
		return new HookContext(
			this.workflow,
			this.node,
			this.additionalData(),
			mode,
			activation,
			this.webhookData(isTest),
		);
	}

	/** What n8n does on activation: checkExists, then create when it says no. */
	async activate(isTest = false): Promise<void> {
		const methods = trigger.webhookMethods.default;
		const ctx = this.hookContext(isTest ? 'manual' : 'activate', isTest);
		if (!(await methods.checkExists.call(ctx))) await methods.create.call(ctx);
	}

	/** What n8n does on unpublishing (and before activating a changed node, and after a test listen). */
	async deactivate(isTest = false): Promise<void> {
		await trigger.webhookMethods.default.delete.call(this.hookContext('update', isTest, 'internal'));
	}

	webhookUrl(isTest = false): string {
		return this.hookContext('activate', isTest).getNodeWebhookUrl('default')!;
	}

	/**
	 * One delivery through webhook(), answered the way n8n answers it. n8n's body parser has
	 * already read `req.rawBody` (a Buffer of the bytes received); with `unread`, only
	 * `req.readRawBody()` provides it, as for a request n8n did not parse; with `multipart`, n8n has
	 * parsed a form and neither has it. When webhook() starts an execution, n8n 2.41 creates it and
	 * then answers: `runFails` answers as n8n does when that fails; `holdAnswer` leaves the answer
	 * to the caller (`answer(runStarted)`), as when n8n is still creating it.
	 */
	async deliver(
		rawBody: Buffer,
		headers: IDataObject,
		{ unread = false, multipart = false, runFails = false, holdAnswer = false } = {},
	): Promise<Delivered> {
		const res = new FakeResponse();
		// Stripe always sends one; a test that wants another (or none) says so.
		if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type'))
			headers = { 'content-type': 'application/json; charset=utf-8', ...headers };
		const req: { rawBody?: Buffer; [key: string]: unknown } = {
			headers,
			rawBody: unread || multipart ? undefined : rawBody,
			body: unread ? undefined : multipart ? {} : safeJson(rawBody),
			params: {},
			query: {},
			readRawBody: async () => {
				// n8n parses a multipart form itself: the stream is consumed, there is no raw body left.
				if (multipart) throw new Error('stream is not readable');
				req.rawBody = rawBody;
			},
		};
		const ctx = new WebhookContext(
			this.workflow,
			this.node,
			this.additionalData({ req, res }),
			'webhook',
			this.webhookData(false),
			[],
			null,
		);
		const result: IWebhookResponseData = await trigger.webhook.call(ctx);
		if (result.noWebhookResponse) return { status: res.statusCode, body: res.body, items: [] };
		if (!result.workflowData) return { status: 200, body: result.webhookResponse, items: [] };
		const items = result.workflowData[0] ?? [];
		const answer = (runStarted: boolean) => {
			if (runStarted) res.status(200).json(onReceivedBody(result));
			else res.status(500).json({ code: 0, message: 'There was a problem executing the workflow' });
		};
		if (holdAnswer) return { status: 0, body: undefined, items, answer };
		answer(!runFails);
		return { status: res.statusCode, body: res.body, items };
	}
}

export interface Delivered {
	status: number;
	body: unknown;
	/** The items an execution would start with (none = no execution). */
	items: INodeExecutionData[];
	/** With `holdAnswer`: n8n's answer, once it has created the execution (or failed to). */
	answer?: (runStarted: boolean) => void;
}

/**
 * What n8n 2.41 answers when webhook() starts an execution in responseMode 'onReceived'
 * (extractWebhookOnReceivedResponse, with the description's responseData defaulting to the text
 * 'firstEntryJson').
 */
function onReceivedBody(result: IWebhookResponseData): unknown {
	const responseData = trigger.description.webhooks![0].responseData ?? 'firstEntryJson';
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	return result.webhookResponse ?? { message: 'Workflow was started' };
}

function safeJson(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return {};
	}
}

/** The parts of an express Response webhook() uses. */
class FakeResponse {
	statusCode = 200;
	body: unknown;
	status(code: number): this {
		this.statusCode = code;
		return this;
	}
	// As in express, a body is sent by ending the response.
	json(body: unknown): this {
		this.body = body;
		return this.end();
	}
	send(body: unknown): this {
		this.body = body;
		return this.end();
	}
	end(): this {
		return this;
	}
}
