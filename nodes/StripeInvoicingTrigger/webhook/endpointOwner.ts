import { randomBytes } from 'crypto';
import type { IHookFunctions } from 'n8n-workflow';

import type { EndpointMode } from './storedEndpoints';

/** Stripe's webhook endpoint object, the fields this node reads. */
export interface StripeWebhookEndpoint {
	id: string;
	url: string;
	enabled_events: string[];
	status: string;
	api_version: string | null;
	description: string | null;
	metadata: Record<string, string> | null;
	secret?: string;
}

/** The node an endpoint belongs to: found at Stripe by these, never by URL (WEBHOOK_URL can change). */
export interface EndpointOwner {
	workflowId: string;
	nodeId: string;
}

/** Metadata keys this node writes on its endpoints (Stripe keeps them; the Dashboard shows them). */
const META = {
	workflowId: 'n8n_workflow_id',
	nodeId: 'n8n_node_id',
	nodeName: 'n8n_node_name',
	url: 'n8n_webhook_url',
	mode: 'n8n_mode',
	connect: 'n8n_connect',
	activation: 'n8n_activation',
} as const;

const MAX_METADATA_VALUE = 500;

export function ownerOf(ctx: IHookFunctions): EndpointOwner {
	return { workflowId: String(ctx.getWorkflow().id ?? ''), nodeId: ctx.getNode().id };
}

/** The key of this node's in-process records (dedupe memory, pending removal). */
export function ownerKey(owner: EndpointOwner): string {
	return `${owner.workflowId}:${owner.nodeId}`;
}

/** A new mark for one activation: a removal scheduled before it sees the endpoint was claimed again. */
export function newActivationStamp(): string {
	return randomBytes(8).toString('hex');
}

export interface Registration {
	url: string;
	mode: EndpointMode;
	connect: boolean;
	activation: string;
}

export function ownerMetadata(ctx: IHookFunctions, registration: Registration): Record<string, string> {
	const owner = ownerOf(ctx);
	return {
		[META.workflowId]: owner.workflowId,
		[META.nodeId]: owner.nodeId,
		[META.nodeName]: ctx.getNode().name.slice(0, MAX_METADATA_VALUE),
		// An empty value deletes the key at Stripe: a URL too long for metadata leaves none.
		[META.url]: registration.url.length <= MAX_METADATA_VALUE ? registration.url : '',
		[META.mode]: registration.mode,
		[META.connect]: String(registration.connect),
		[META.activation]: registration.activation,
	};
}

export function belongsTo(endpoint: StripeWebhookEndpoint, owner: EndpointOwner): boolean {
	const metadata = endpoint.metadata ?? {};
	return metadata[META.workflowId] === owner.workflowId && metadata[META.nodeId] === owner.nodeId;
}

/**
 * Production or test. Endpoints registered before `n8n_mode` existed are test endpoints when their
 * URL is under n8n's default test path [M: a custom N8N_ENDPOINT_WEBHOOK_TEST makes them production].
 */
export function modeOf(endpoint: StripeWebhookEndpoint): EndpointMode {
	const mode = endpoint.metadata?.[META.mode];
	if (mode === 'production' || mode === 'test') return mode;
	return /\/webhook-test\//.test(endpoint.url) ? 'test' : 'production';
}

/** Stripe's endpoint object does not say whether it is a Connect endpoint; our metadata does. */
export function isConnectEndpoint(endpoint: StripeWebhookEndpoint): boolean {
	return endpoint.metadata?.[META.connect] === 'true';
}

export function activationStampOf(endpoint: StripeWebhookEndpoint): string | undefined {
	return endpoint.metadata?.[META.activation];
}

export function workflowIdOf(endpoint: StripeWebhookEndpoint): string | undefined {
	return endpoint.metadata?.[META.workflowId];
}
