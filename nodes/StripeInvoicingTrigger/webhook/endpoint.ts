import type { IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { STRIPE_API_VERSION } from '../../shared/transport/apiVersion';
import { endpoints } from '../../shared/transport/endpoints';
import { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { asNodeError } from '../../shared/errors';
import {
	belongsTo,
	isConnectEndpoint,
	modeOf,
	newActivationStamp,
	ownerKey,
	ownerMetadata,
	ownerOf,
	workflowIdOf,
	type StripeWebhookEndpoint,
} from './endpointOwner';
import { pauseRemoval } from './removal';
import { deleteEndpoint, listEndpoints } from './stripeEndpoints';
import { sealSecret, openSecret } from './sealedSecret';
import { apiKeyOf, secretBinding } from './secretKey';
import {
	clearLeftBehind,
	dropLegacyEntries,
	forgetEndpoint,
	keepEndpoint,
	leftBehindNote,
	storedEndpoint,
	type EndpointMode,
} from './storedEndpoints';

/** Stripe's per-account limit on webhook endpoints. */
export const MAX_ENDPOINTS = 16;
const MAX_DESCRIPTION = 5000;

/** What the node's parameters ask Stripe for. */
export interface EndpointSettings {
	url: string;
	events: string[];
	connect: boolean;
	description: string;
}

/** Why a full account refused the endpoint, with the endpoints n8n made (n8n shows only the message). */
function accountFullError(ctx: IHookFunctions, all: StripeWebhookEndpoint[]): NodeOperationError {
	const ours = all.filter((e) => workflowIdOf(e) !== undefined);
	const list = ours.map((e) => `${e.id} (workflow ${workflowIdOf(e)}, ${e.url})`).join('; ');
	return new NodeOperationError(
		ctx.getNode(),
		`Stripe refused a new webhook endpoint: the account already has ${all.length} of its ${MAX_ENDPOINTS}. ` +
			`${ours.length} of them were made by n8n${list ? `: ${list}` : ''}`,
		{
			description:
				'Delete unused endpoints in the Stripe Dashboard (Developers → Webhooks), or unpublish workflows that no longer need one.',
		},
	);
}

/**
 * The endpoint this node may keep: the one its stored entry names, whose sealed secret opens with
 * the credential's key, on the pinned API version and of the wanted kind (neither can be changed
 * in place at Stripe).
 */
function reusable(
	ctx: IHookFunctions,
	mine: StripeWebhookEndpoint[],
	mode: EndpointMode,
	apiKey: string,
	connect: boolean,
): StripeWebhookEndpoint | undefined {
	const stored = storedEndpoint(ctx.getWorkflowStaticData('node'), mode);
	if (!stored) return undefined;
	const secret = openSecret(stored.sealedSecret, apiKey, secretBinding(ctx, stored.endpointId));
	if (!secret) {
		ctx.logger.warn(
			"Stripe Invoicing Trigger: the stored signing secret does not open with this credential's API key (changed or rolled?); registering a new endpoint",
			{ node: ctx.getNode().name },
		);
		return undefined;
	}
	return mine.find(
		(e) =>
			e.id === stored.endpointId && e.api_version === STRIPE_API_VERSION && isConnectEndpoint(e) === connect,
	);
}

/** Moves and updates the endpoint in place (same id, same secret); undefined when Stripe lost it meanwhile. */
async function updateInPlace(
	ctx: IHookFunctions,
	client: StripeClient,
	endpoint: StripeWebhookEndpoint,
	settings: EndpointSettings,
	metadata: Record<string, string>,
): Promise<StripeWebhookEndpoint | undefined> {
	try {
		return await client.post<StripeWebhookEndpoint>(endpoints.webhookEndpoint(endpoint.id), {
			url: settings.url,
			enabled_events: settings.events,
			description: settings.description,
			disabled: false,
			metadata,
		});
	} catch (error) {
		if (stripeErrorKind(error) === 'not_found') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

async function createEndpoint(
	ctx: IHookFunctions,
	client: StripeClient,
	settings: EndpointSettings,
	metadata: Record<string, string>,
): Promise<StripeWebhookEndpoint> {
	try {
		const created = await client.post<StripeWebhookEndpoint>(endpoints.webhookEndpoints, {
			url: settings.url,
			enabled_events: settings.events,
			api_version: STRIPE_API_VERSION,
			description: settings.description,
			metadata,
			...(settings.connect ? { connect: true } : {}),
		});
		if (!created.secret?.startsWith('whsec_')) {
			throw new NodeOperationError(
				ctx.getNode(),
				'Stripe created the webhook endpoint but returned no signing secret',
			);
		}
		return created;
	} catch (error) {
		const all = await listEndpoints(client).catch(() => undefined);
		if (all && all.length >= MAX_ENDPOINTS) throw accountFullError(ctx, all);
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * Activation owns the endpoint. This node's endpoints are found at Stripe by their metadata
 * (workflow, node, production or test), whatever URL they point at: the one whose secret the node
 * holds is updated in place (URL, events, description, enabled again) and keeps its id and secret,
 * with every pending retry; the others are deleted; a new one is created only when none is left
 * (with `mayCreate`; otherwise false says so, as n8n's checkExists expects).
 */
export async function activateEndpoint(
	ctx: IHookFunctions,
	mode: EndpointMode,
	settings: EndpointSettings,
	options: { mayCreate: boolean },
): Promise<boolean> {
	// A removal this process scheduled when the old version was unpublished: this is its successor.
	const giveBack = mode === 'production' ? pauseRemoval(ownerKey(ownerOf(ctx))) : () => {};
	try {
		return await reconcile(ctx, mode, settings, options);
	} catch (error) {
		giveBack();
		throw asNodeError(ctx.getNode(), error);
	}
}

async function reconcile(
	ctx: IHookFunctions,
	mode: EndpointMode,
	settings: EndpointSettings,
	{ mayCreate }: { mayCreate: boolean },
): Promise<boolean> {
	const owner = ownerOf(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	if (dropLegacyEntries(staticData)) {
		ctx.logger.info(
			'Stripe Invoicing Trigger: dropped the signing secret an older version kept readable in static data; its endpoint is replaced',
			{ node: ctx.getNode().name },
		);
	}
	const apiKey = await apiKeyOf(ctx);
	const client = new StripeClient(ctx);
	const mine = (await listEndpoints(client)).filter((e) => belongsTo(e, owner) && modeOf(e) === mode);
	const keep = reusable(ctx, mine, mode, apiKey, settings.connect);
	const strays = mine.filter((e) => e !== keep);
	for (const stray of strays) await deleteEndpoint(ctx, client, stray.id);
	if (strays.length > 0) {
		ctx.logger.info(
			`Stripe Invoicing Trigger: deleted ${strays.length} endpoint(s) of this node it cannot use`,
			{
				node: ctx.getNode().name,
				endpoints: strays.map((e) => e.id),
			},
		);
	}
	const note = leftBehindNote(staticData);
	if (note && mode === 'production') {
		ctx.logger.info(
			`Stripe Invoicing Trigger: publishing again settles the endpoint(s) an unpublish left at Stripe on ${note.at}`,
			{ node: ctx.getNode().name, endpoints: note.endpointIds },
		);
		clearLeftBehind(staticData);
	}

	const metadata = ownerMetadata(ctx, { ...settings, mode, activation: newActivationStamp() });
	if (keep) {
		const updated = await updateInPlace(ctx, client, keep, settings, metadata);
		if (updated) {
			const stored = storedEndpoint(staticData, mode)!;
			if (stored.url !== settings.url) keepEndpoint(staticData, mode, { ...stored, url: settings.url });
			return true;
		}
	}
	forgetEndpoint(staticData, mode);
	if (!mayCreate) return false;
	const created = await createEndpoint(ctx, client, settings, metadata);
	keepEndpoint(staticData, mode, {
		endpointId: created.id,
		url: settings.url,
		sealedSecret: sealSecret(created.secret!, apiKey, secretBinding(ctx, created.id)),
	});
	return true;
}

/** The description Stripe shows for the endpoint. */
export function endpointDescription(ctx: IHookFunctions, mode: EndpointMode): string {
	const workflow = ctx.getWorkflow();
	const test = mode === 'test' ? ' (test listen)' : '';
	return `n8n workflow "${workflow.name ?? workflow.id}", node "${ctx.getNode().name}"${test}`.slice(
		0,
		MAX_DESCRIPTION,
	);
}
