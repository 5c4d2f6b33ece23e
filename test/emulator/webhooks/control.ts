/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// `/_emulator/webhooks/*` control endpoints: delivery knobs, the delivery log, events on demand.
// Async (unlike ../control.ts) because `send` and `?wait=1` answer after the deliveries finish.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error';
import { authenticate, connectedAccountFor } from '../auth';
import type { EmulatorStore } from '../store';
import { currentObject } from './changes';
import {
	DEFAULT_SETTINGS,
	recordEvent,
	type DeliverySettings,
	type ReleaseOrder,
	type WebhookDispatcher,
} from './dispatcher';
import { INVOICING_EVENT_TYPES } from './event-types';
import type { SignatureMode } from './signature';
import { webhookState } from './state';

export const WEBHOOK_CONTROL_PREFIX = '/_emulator/webhooks';

class WebhookControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export function isWebhookControlPath(pathname: string): boolean {
	return pathname === WEBHOOK_CONTROL_PREFIX || pathname.startsWith(`${WEBHOOK_CONTROL_PREFIX}/`);
}

const SIGNATURE_MODES: SignatureMode[] = ['valid', 'corrupt', 'stale'];
const ORDERS: ReleaseOrder[] = ['in_order', 'reverse', 'shuffle'];

function fail(message: string): never {
	throw new WebhookControlError(400, message);
}

function json(rawBody: string): Record<string, unknown> {
	if (rawBody.trim() === '') return {};
	try {
		const parsed: unknown = JSON.parse(rawBody);
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
			return parsed as Record<string, unknown>;
	} catch {
		// answered below
	}
	return fail('Body must be a JSON object');
}

function count(value: unknown, name: string, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
		return fail(`${name} must be an integer from 0 to ${max}`);
	}
	return value;
}

function signatureMode(value: unknown): SignatureMode {
	if (!SIGNATURE_MODES.includes(value as SignatureMode))
		fail(`signature must be one of ${SIGNATURE_MODES.join(', ')}`);
	return value as SignatureMode;
}

export function settingsPatch(body: Record<string, unknown>): Partial<DeliverySettings> {
	const patch: Partial<DeliverySettings> = {};
	for (const key of Object.keys(body)) {
		if (!(key in DEFAULT_SETTINGS)) fail(`Unknown setting: ${key}`);
	}
	if (body.repeat !== undefined) patch.repeat = count(body.repeat, 'repeat', 100);
	if (body.delayMs !== undefined) patch.delayMs = count(body.delayMs, 'delayMs', 60_000);
	if (body.staleSeconds !== undefined) patch.staleSeconds = count(body.staleSeconds, 'staleSeconds', 10 ** 9);
	if (body.hold !== undefined) {
		if (typeof body.hold !== 'boolean') fail('hold must be true or false');
		patch.hold = body.hold;
	}
	if (body.signature !== undefined) patch.signature = signatureMode(body.signature);
	return patch;
}

export interface WebhookControlTarget {
	store: EmulatorStore;
	dispatcher: WebhookDispatcher;
	apiVersion: string;
}

/** The account a control request names (Bearer key, optional Stripe-Account), and its platform. */
function accountsOf(target: WebhookControlTarget, req: IncomingMessage) {
	const value = req.headers.authorization;
	const auth = authenticate(Array.isArray(value) ? value[0] : value);
	const stripeAccount = req.headers['stripe-account'];
	const connected = connectedAccountFor(auth, typeof stripeAccount === 'string' ? stripeAccount : undefined);
	return {
		account: target.store.forKey(auth.apiKey, connected),
		platform: connected ? target.store.forKey(auth.apiKey) : undefined,
		connected,
	};
}

function accountOf(target: WebhookControlTarget, req: IncomingMessage) {
	return accountsOf(target, req).account;
}

/**
 * Delivers a stored event again, or a new event about an invoice or invoice item, to one endpoint:
 * one of the account's own, or (with Stripe-Account) one of the platform's Connect endpoints.
 */
async function send(target: WebhookControlTarget, req: IncomingMessage, body: Record<string, unknown>) {
	const { account, platform, connected } = accountsOf(target, req);
	const state = webhookState(account);
	const endpointId = String(body.endpoint ?? '');
	const connectEndpoint = platform ? webhookState(platform).endpoints.get(endpointId) : undefined;
	const endpoint =
		state.endpoints.get(endpointId) ?? (connectEndpoint?.connect ? connectEndpoint : undefined);
	if (!endpoint) throw new WebhookControlError(404, `No such webhook endpoint: ${String(body.endpoint)}`);
	let event = typeof body.event === 'string' ? state.events.get(body.event) : undefined;
	if (body.event !== undefined && !event)
		throw new WebhookControlError(404, `No such event: ${String(body.event)}`);
	if (!event) {
		const type = String(body.type ?? '');
		if (!(INVOICING_EVENT_TYPES as readonly string[]).includes(type))
			fail('type must be an invoicing event type');
		const object = currentObject(account, String(body.object ?? ''));
		if (!object)
			throw new WebhookControlError(404, `No such invoice or invoice item: ${String(body.object)}`);
		const previousAttributes = body.previousAttributes as Record<string, unknown> | undefined;
		const context = {
			livemode: account.livemode,
			apiVersion: target.apiVersion,
			requestId: null,
			account: connected,
		};
		event = recordEvent(state, { type, object, previousAttributes }, context, 1);
	}
	const times = body.times === undefined ? 1 : count(body.times, 'times', 100);
	const signature = body.signature === undefined ? undefined : signatureMode(body.signature);
	if (body.timestamp !== undefined && typeof body.timestamp !== 'number')
		fail('timestamp must be unix seconds');
	const timestamp = body.timestamp as number | undefined;
	const before = target.dispatcher.log.length;
	for (let n = 0; n < times; n++) target.dispatcher.enqueue({ event, endpoint, signature, timestamp });
	await target.dispatcher.idle();
	return { event: event.id, deliveries: target.dispatcher.log.slice(before) };
}

async function route(target: WebhookControlTarget, req: IncomingMessage, url: URL, rawBody: string) {
	const method = (req.method ?? 'GET').toUpperCase();
	const path = url.pathname.slice(WEBHOOK_CONTROL_PREFIX.length).replace(/\/+$/, '');
	const { dispatcher } = target;
	switch (`${method} ${path}`) {
		case 'GET /config':
			return dispatcher.settings;
		case 'POST /config':
			return dispatcher.configure(settingsPatch(json(rawBody)));
		case 'POST /release': {
			const order = (json(rawBody).order ?? 'in_order') as ReleaseOrder;
			if (!ORDERS.includes(order)) fail(`order must be one of ${ORDERS.join(', ')}`);
			const released = dispatcher.release(order);
			await dispatcher.idle();
			return { released };
		}
		case 'GET /deliveries': {
			if (url.searchParams.get('wait') === '1') await dispatcher.idle();
			const filters = ['eventId', 'endpoint', 'type'] as const;
			const data = dispatcher.log.filter((d) =>
				filters.every((f) => !url.searchParams.has(f) || d[f] === url.searchParams.get(f)),
			);
			return { data, held: dispatcher.heldCount() };
		}
		case 'DELETE /deliveries':
			dispatcher.log.length = 0;
			return { deleted: true };
		case 'GET /events':
			return { data: [...webhookState(accountOf(target, req)).events.values()].reverse() };
		case 'POST /send':
			return await send(target, req, json(rawBody));
		default:
			throw new WebhookControlError(404, `Unknown emulator control endpoint: ${method} ${url.pathname}`);
	}
}

export async function handleWebhookControl(
	target: WebhookControlTarget,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	rawBody: string,
): Promise<void> {
	let status = 200;
	let body: unknown;
	try {
		body = await route(target, req, url, rawBody);
	} catch (err) {
		const known = err instanceof WebhookControlError || err instanceof ApiError;
		status = known ? err.status : 500;
		body = { error: { message: err instanceof Error ? err.message : String(err) } };
	}
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, no-store' });
	res.end(JSON.stringify(body, null, 2));
}
