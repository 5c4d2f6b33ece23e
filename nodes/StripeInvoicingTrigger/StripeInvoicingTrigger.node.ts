import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { triggerProperties } from './description/properties';
import { endpointStillServes, registerEndpoint, unregisterEndpoint } from './webhook/endpoint';
import { receiveDelivery } from './webhook/receive';
import { forgetProcessMemory } from './webhook/seenEvents';
import { assertSupportedN8n, MAIN_CONNECTION } from '../shared/n8nSupport';
import { CREDENTIAL_NAME } from '../shared/transport/stripeRequest';

function usesDashboardEndpoint(ctx: IHookFunctions): boolean {
	return ctx.getNodeParameter('endpointManagement', 'automatic') === 'dashboard';
}

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

export class StripeInvoicingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoicing Trigger',
		name: 'stripeInvoicingTrigger',
		icon: {
			light: 'file:../../icons/stripeInvoicing.svg',
			dark: 'file:../../icons/stripeInvoicing.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Stripe invoices are paid, fail, are finalized, voided and more',
		defaults: { name: 'Stripe Invoicing Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: triggerProperties,
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				assertSupportedN8n(this);
				if (usesDashboardEndpoint(this)) return true;
				const events = this.getNodeParameter('events', []) as string[];
				return await endpointStillServes(this, this.getWorkflowStaticData('node'), webhookUrl(this), events);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				assertSupportedN8n(this);
				if (usesDashboardEndpoint(this)) return true;
				const events = this.getNodeParameter('events', []) as string[];
				await registerEndpoint(this, this.getWorkflowStaticData('node'), webhookUrl(this), events);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				forgetProcessMemory(`${String(this.getWorkflow().id ?? '')}:${this.getNode().id}`);
				if (usesDashboardEndpoint(this)) return true;
				await unregisterEndpoint(this, this.getWorkflowStaticData('node'), webhookUrl(this));
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
