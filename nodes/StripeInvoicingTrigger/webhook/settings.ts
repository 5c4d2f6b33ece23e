import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { EVENT_TYPES } from '../description/events';
import { endpointDescription, type EndpointSettings } from './endpoint';
import type { EndpointMode } from './storedEndpoints';

export function usesDashboardEndpoint(ctx: IHookFunctions | IWebhookFunctions): boolean {
	const value = ctx.getNodeParameter('endpointManagement', 'automatic');
	if (value !== 'automatic' && value !== 'dashboard') {
		throw new NodeOperationError(ctx.getNode(), 'Webhook Endpoint must be "automatic" or "dashboard"');
	}
	return value === 'dashboard';
}

function events(ctx: IHookFunctions): string[] {
	const value = ctx.getNodeParameter('events', []) as unknown;
	if (!Array.isArray(value) || value.length === 0) {
		throw new NodeOperationError(ctx.getNode(), 'Events: choose at least one event');
	}
	for (const event of value) {
		if (typeof event !== 'string' || !EVENT_TYPES.includes(event)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`Events: ${JSON.stringify(event).slice(0, 80)} is not an event this trigger offers`,
			);
		}
	}
	return [...new Set(value as string[])];
}

function connect(ctx: IHookFunctions): boolean {
	const value = (ctx.getNodeParameter('options', {}) as { connect?: unknown }).connect;
	if (value === undefined) return false;
	if (typeof value !== 'boolean') {
		throw new NodeOperationError(ctx.getNode(), 'Connected Accounts must be true or false');
	}
	return value;
}

/** What the endpoint at Stripe must look like, from the node's parameters (checked, never coerced). */
export function endpointSettings(ctx: IHookFunctions, mode: EndpointMode): EndpointSettings {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave no webhook URL for this node');
	return { url, events: events(ctx), connect: connect(ctx), description: endpointDescription(ctx, mode) };
}
