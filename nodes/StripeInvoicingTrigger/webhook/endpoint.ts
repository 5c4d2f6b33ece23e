import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { STRIPE_API_VERSION } from '../../shared/transport/apiVersion';
import { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { endpoints } from '../../shared/transport/endpoints';
import { asNodeError } from '../../shared/errors';
import { forgetEndpoint, keepEndpoint, storedEndpoint } from './storedEndpoints';

/** Stripe's webhook endpoint object, the fields this node reads. */
export interface StripeWebhookEndpoint {
	id: string;
	url: string;
	enabled_events: string[];
	status: string;
	api_version: string | null;
	metadata: Record<string, string> | null;
	secret?: string;
}

const MAX_METADATA_VALUE = 500;
/** Stripe's per-account limit on webhook endpoints. */
export const MAX_ENDPOINTS = 16;

/** Metadata that marks an endpoint as this workflow's, this node's. */
export function ownerMetadata(ctx: IHookFunctions, url: string): Record<string, string> {
	const node = ctx.getNode();
	const metadata: Record<string, string> = {
		n8n_workflow_id: String(ctx.getWorkflow().id ?? ''),
		n8n_node_id: node.id,
		n8n_node_name: node.name.slice(0, MAX_METADATA_VALUE),
	};
	if (url.length <= MAX_METADATA_VALUE) metadata.n8n_webhook_url = url;
	return metadata;
}

function isOwnedBy(endpoint: StripeWebhookEndpoint, owner: Record<string, string>, url: string): boolean {
	const metadata = endpoint.metadata ?? {};
	return (
		endpoint.url === url &&
		metadata.n8n_workflow_id === owner.n8n_workflow_id &&
		metadata.n8n_node_id === owner.n8n_node_id
	);
}

function sameEvents(a: string[], b: string[]): boolean {
	return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/** The stored endpoint, or undefined when Stripe no longer has it. */
async function retrieve(
	ctx: IHookFunctions,
	client: StripeClient,
	id: string,
): Promise<StripeWebhookEndpoint | undefined> {
	try {
		return await client.get<StripeWebhookEndpoint>(endpoints.webhookEndpoint(id));
	} catch (error) {
		if (stripeErrorKind(error) === 'not_found') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * True when the stored endpoint still exists at this URL and API version. Changed events (or an endpoint someone
 * disabled) are fixed in place, which keeps the signing secret.
 */
export async function endpointStillServes(
	ctx: IHookFunctions,
	staticData: IDataObject,
	url: string,
	events: string[],
): Promise<boolean> {
	const stored = storedEndpoint(staticData, url);
	if (!stored) return false;
	const client = new StripeClient(ctx);
	const endpoint = await retrieve(ctx, client, stored.endpointId);
	// The API version shapes every event and cannot be changed: another one means a new endpoint
	// (create() then removes this one as an orphan of this node).
	if (!endpoint || endpoint.url !== url || endpoint.api_version !== STRIPE_API_VERSION) return false;
	if (!sameEvents(endpoint.enabled_events, events) || endpoint.status !== 'enabled') {
		await client.post(endpoints.webhookEndpoint(endpoint.id), {
			enabled_events: events,
			disabled: false,
		});
	}
	return true;
}

async function listEndpoints(client: StripeClient): Promise<StripeWebhookEndpoint[]> {
	return await client.collect<StripeWebhookEndpoint>(
		endpoints.webhookEndpoints,
		{},
		{
			returnAll: true,
			limit: 0,
		},
	);
}

/** Why a full account refused the endpoint, with what fills it. */
function accountFullError(ctx: IHookFunctions, endpoints: StripeWebhookEndpoint[]): NodeOperationError {
	const ours = endpoints.filter((e) => e.metadata?.n8n_workflow_id !== undefined);
	const list = ours.map((e) => `${e.id} (workflow ${e.metadata?.n8n_workflow_id}, ${e.url})`).join('; ');
	return new NodeOperationError(
		ctx.getNode(),
		`Stripe refused a new webhook endpoint: the account already has ${endpoints.length} of its ${MAX_ENDPOINTS}`,
		{
			description:
				`${ours.length} of them were made by n8n${list ? `: ${list}` : ''}. ` +
				'Delete unused endpoints in the Stripe Dashboard (Developers → Webhooks), or deactivate workflows that no longer need one.',
		},
	);
}

/**
 * Registers the endpoint and keeps its id and secret. Endpoints this node made earlier but whose
 * secret it no longer holds (static data lost) are deleted first, so none is left twice.
 */
export async function registerEndpoint(
	ctx: IHookFunctions,
	staticData: IDataObject,
	url: string,
	events: string[],
): Promise<void> {
	const client = new StripeClient(ctx);
	const owner = ownerMetadata(ctx, url);
	const existing = await listEndpoints(client);
	const orphans = existing.filter((e) => isOwnedBy(e, owner, url));
	for (const orphan of orphans) await client.del(endpoints.webhookEndpoint(orphan.id));
	const workflow = ctx.getWorkflow();
	let created: StripeWebhookEndpoint;
	try {
		created = await client.post<StripeWebhookEndpoint>(endpoints.webhookEndpoints, {
			url,
			enabled_events: events,
			api_version: STRIPE_API_VERSION,
			description: `n8n workflow "${workflow.name ?? workflow.id}", node "${ctx.getNode().name}"`.slice(
				0,
				5000,
			),
			metadata: owner,
		});
	} catch (error) {
		const remaining = existing.length - orphans.length;
		if (remaining >= MAX_ENDPOINTS) throw accountFullError(ctx, await listEndpoints(client));
		throw asNodeError(ctx.getNode(), error);
	}
	if (!created.secret) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Stripe created the webhook endpoint but returned no signing secret',
		);
	}
	keepEndpoint(staticData, url, { endpointId: created.id, secret: created.secret });
}

/** Deletes the stored endpoint (already gone is fine) and forgets it. */
export async function unregisterEndpoint(
	ctx: IHookFunctions,
	staticData: IDataObject,
	url: string,
): Promise<void> {
	const stored = storedEndpoint(staticData, url);
	if (stored) {
		try {
			await new StripeClient(ctx).del(endpoints.webhookEndpoint(stored.endpointId));
		} catch (error) {
			if (stripeErrorKind(error) !== 'not_found') throw asNodeError(ctx.getNode(), error);
		}
	}
	forgetEndpoint(staticData, url);
}
