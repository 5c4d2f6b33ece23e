// /v1/webhook_endpoints: create (the only response carrying `secret`), retrieve, update, list, delete.
import { invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { newId, nowSeconds, randomToken } from '../ids';
import { applyMetadata, bool, metadataPatch, str, strList } from '../param-readers';
import { listFields, p } from '../param-schema';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { isKnownEventType } from '../webhooks/event-types';
import { webhookState, type WebhookEndpointRec } from '../webhooks/state';
import { paginate } from './pagination';

/** Stripe's per-account limit [R: production.md]. */
export const MAX_WEBHOOK_ENDPOINTS = 16;

export function serializeEndpoint(
	account: AccountState,
	endpoint: WebhookEndpointRec,
	withSecret = false,
): Record<string, unknown> {
	return {
		id: endpoint.id,
		object: 'webhook_endpoint',
		api_version: endpoint.apiVersion,
		application: null,
		created: endpoint.created,
		description: endpoint.description,
		enabled_events: [...endpoint.enabledEvents],
		livemode: account.livemode,
		metadata: { ...endpoint.metadata },
		...(withSecret ? { secret: endpoint.secret } : {}),
		status: endpoint.disabled ? 'disabled' : 'enabled',
		url: endpoint.url,
	};
}

function requireEndpoint(account: AccountState, id: string): WebhookEndpointRec {
	const endpoint = webhookState(account).endpoints.get(id);
	if (!endpoint) throw noSuch('webhook endpoint', id, 'webhook_endpoint', true); // [M] label
	return endpoint;
}

function checkUrl(url: string): string {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !/^https?:$/.test(parsed.protocol)) {
		throw invalidParam('url', 'Invalid URL: URL must be publicly accessible and use http or https.'); // [M]
	}
	return url;
}

function checkEvents(events: string[] | null | undefined): string[] {
	if (!events || events.length === 0) throw missingParam('enabled_events');
	events.forEach((type, index) => {
		if (!isKnownEventType(type)) {
			throw invalidParam(
				`enabled_events[${index}]`,
				`Invalid enabled_events[${index}]: ${type} is not a valid event type.`,
			); // [M]
		}
	});
	return [...new Set(events)];
}

const endpointFields = {
	url: p.string(),
	enabled_events: p.array(p.string()),
	description: p.string(),
	metadata: p.metadata(),
	expand: p.expand(),
};

export const webhookEndpointRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/webhook_endpoints',
		schema: {
			fields: { ...endpointFields, api_version: p.string(), connect: p.bool() },
			required: ['url', 'enabled_events'],
		},
		handle({ account, params }) {
			const state = webhookState(account);
			const url = checkUrl(str(params, 'url') ?? '');
			const enabledEvents = checkEvents(strList(params, 'enabled_events'));
			if (state.endpoints.size >= MAX_WEBHOOK_ENDPOINTS) {
				const mode = account.livemode ? 'live' : 'test';
				// [M] wording; the limit itself is Stripe's.
				throw invalidRequest(
					`You have reached the maximum of ${MAX_WEBHOOK_ENDPOINTS} ${mode} webhook endpoints.`,
					{ param: 'url' },
				);
			}
			const apiVersion = str(params, 'api_version') ?? null;
			if (apiVersion !== null && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(apiVersion)) {
				throw invalidParam('api_version', `Invalid api_version: ${apiVersion}`); // [M]
			}
			const endpoint: WebhookEndpointRec = {
				id: newId('we'),
				seq: state.nextSeq(),
				created: nowSeconds(),
				url,
				enabledEvents,
				apiVersion,
				description: str(params, 'description') ?? null,
				metadata: applyMetadata({}, metadataPatch(params)),
				disabled: false,
				connect: bool(params, 'connect') ?? false,
				secret: `whsec_${randomToken(32)}`,
			};
			state.endpoints.set(endpoint.id, endpoint);
			return serializeEndpoint(account, endpoint, true);
		},
	},
	{
		method: 'GET',
		path: '/v1/webhook_endpoints',
		schema: { fields: listFields },
		handle({ account, params }) {
			const endpoints = [...webhookState(account).endpoints.values()];
			return paginate(endpoints, params, '/v1/webhook_endpoints', 'webhook endpoint', (e) =>
				serializeEndpoint(account, e),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/webhook_endpoints/:id',
		schema: { fields: { expand: p.expand() } },
		handle: ({ account, id }) => serializeEndpoint(account, requireEndpoint(account, id)),
	},
	{
		method: 'POST',
		path: '/v1/webhook_endpoints/:id',
		schema: { fields: { ...endpointFields, disabled: p.bool() } },
		handle({ account, id, params }) {
			const endpoint = requireEndpoint(account, id);
			const url = str(params, 'url');
			if (url !== undefined) endpoint.url = checkUrl(url ?? '');
			const events = strList(params, 'enabled_events');
			if (events !== undefined) endpoint.enabledEvents = checkEvents(events);
			const description = str(params, 'description');
			if (description !== undefined) endpoint.description = description;
			endpoint.metadata = applyMetadata(endpoint.metadata, metadataPatch(params));
			const disabled = bool(params, 'disabled');
			if (disabled !== undefined && disabled !== null) endpoint.disabled = disabled;
			return serializeEndpoint(account, endpoint);
		},
	},
	{
		method: 'DELETE',
		path: '/v1/webhook_endpoints/:id',
		schema: { fields: {} },
		handle({ account, id }) {
			const endpoint = requireEndpoint(account, id);
			webhookState(account).endpoints.delete(endpoint.id);
			return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
		},
	},
];
