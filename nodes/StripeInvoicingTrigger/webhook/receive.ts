import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { endpoints } from '../../shared/transport/endpoints';
import { redactSecrets } from '../../shared/transport/redact';
import { isStripeId } from '../../shared/transport/stripePath';
import type { StripeInvoice } from '../../shared/transport/types';
import { asNodeError } from '../../shared/errors';
import { dashboardSecret } from './dashboardSecret';
import { customerOf, invoiceIdOf, parseEvent, type StripeEvent } from './event';
import { eventItem } from './output';
import { credentialIsLive } from './keyMode';
import { openedSecrets } from './openedSecrets';
import {
	eventsInFlight,
	forgetEvent,
	rememberEvent,
	seenEventsInProcess,
	type EventsInFlight,
	type SeenEvents,
} from './seenEvents';
import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS, verifyStripeSignature } from './signature';
import { storedEndpoints } from './storedEndpoints';

interface Filters {
	customer?: string;
	metadataKey?: string;
	metadataValue?: string;
}

interface Options {
	fetchCurrentInvoice?: boolean;
	toleranceSeconds?: unknown;
}

/**
 * Answers 400 and starts nothing. The answer and the log name the reason only: never the body,
 * the header or a secret.
 */
function reject(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger.warn(`Stripe Invoicing Trigger refused a delivery: ${reason}`, { node: ctx.getNode().name });
	const res = ctx.getResponseObject();
	res.status(400).json({ error: `Rejected: ${reason}` });
	return { noWebhookResponse: true };
}

/** Answers 200 (Stripe stops retrying) and starts nothing. */
function acknowledge(outcome: string): IWebhookResponseData {
	return { webhookResponse: { received: true, outcome } };
}

/** Stripe posts `application/json; charset=utf-8`; anything else is not a Stripe delivery. */
function jsonContentType(ctx: IWebhookFunctions): string | undefined {
	const header = ctx.getHeaderData()['content-type'];
	const value = String(Array.isArray(header) ? header[0] : (header ?? '')).trim();
	const type = value.split(';')[0].trim().toLowerCase();
	if (type === 'application/json') return undefined;
	return value === '' ? 'no Content-Type' : `Content-Type ${type.slice(0, 60)} is not application/json`;
}

/** The request body exactly as received: the signature covers these bytes. */
async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const req = ctx.getRequestObject();
	// n8n reads the body before calling webhook(); readRawBody() is for a request it has not read.
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

type Secrets = { secrets: string[] } | { refusal: string };

/**
 * The secrets a delivery may be signed with. Read only: a delivery never writes static data. A
 * stored entry counts only when it opens with the credential's API key for this workflow, node and
 * endpoint; an entry someone planted, or one sealed under a key since rolled, does not.
 */
async function signingSecrets(ctx: IWebhookFunctions): Promise<Secrets> {
	if (ctx.getNodeParameter('endpointManagement', 'automatic') === 'dashboard') {
		const result = await dashboardSecret(ctx);
		return 'problem' in result ? { refusal: result.problem } : { secrets: [result.secret] };
	}
	const stored = storedEndpoints(ctx.getWorkflowStaticData('node'));
	if (stored.length === 0)
		return { refusal: 'this node has no registered endpoint; publish the workflow again' };
	const secrets = await openedSecrets(ctx, stored);
	if (secrets === 'noKey') return { refusal: 'the Stripe Invoicing API credential has no Secret Key' };
	if (secrets.length > 0) return { secrets };
	return {
		refusal:
			"the stored signing secret does not open with this credential's API key (was the key changed or rolled?); publish the workflow again to register a new endpoint",
	};
}

function passesFilters(event: StripeEvent, filters: Filters): boolean {
	const customer = filters.customer?.trim();
	if (customer && customerOf(event) !== customer) return false;
	const key = filters.metadataKey?.trim();
	if (!key) return true;
	const metadata = (event.data.object.metadata ?? {}) as IDataObject;
	if (!(key in metadata)) return false;
	const value = filters.metadataValue ?? '';
	return value === '' || metadata[key] === value;
}

const memoryKey = (ctx: IWebhookFunctions) => `${String(ctx.getWorkflow().id ?? '')}:${ctx.getNode().id}`;

/**
 * A redelivery of an event whose first delivery n8n has not answered yet: answers 409 and starts
 * nothing, so Stripe retries it later (by then the first run started, or failed and was forgotten).
 */
function stillPreparing(ctx: IWebhookFunctions, eventId: string): IWebhookResponseData {
	const res = ctx.getResponseObject();
	res.status(409).json({ error: `Event ${eventId} is still being received; retry later` });
	return { noWebhookResponse: true };
}

/** The invoice as Stripe has it now, in the connected account the event came from, if any. */
async function currentInvoice(
	ctx: IWebhookFunctions,
	event: StripeEvent,
): Promise<StripeInvoice | undefined> {
	const id = invoiceIdOf(event);
	if (event.data.object.object !== 'invoice' || !isStripeId(id, 'in_')) return undefined;
	// One retry at most: Stripe waits for this answer, and gives up on slow ones.
	const client = new StripeClient(ctx, { session: { maxAttempts: 2 }, stripeAccount: event.account });
	try {
		return await client.get<StripeInvoice>(endpoints.invoice(id));
	} catch (error) {
		// A deleted invoice has no current state: the event's copy is all there is.
		if (stripeErrorKind(error) === 'not_found') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

/**
 * Nothing ran: answers 500 with a short reason (never n8n's error page or a stack trace) so Stripe
 * retries the event, and logs why.
 */
function fetchFailed(ctx: IWebhookFunctions, error: unknown): IWebhookResponseData {
	const reason = redactSecrets(error instanceof Error ? error.message : String(error));
	ctx.logger.error(
		`Stripe Invoicing Trigger could not fetch the current invoice; nothing ran and Stripe will retry the event: ${reason}`,
		{ node: ctx.getNode().name },
	);
	const res = ctx.getResponseObject();
	res.status(500).json({ error: `Fetch Current Invoice failed: ${reason}` });
	return { noWebhookResponse: true };
}

/**
 * An accepted event stays in flight (a redelivery gets 409) until n8n has answered its delivery:
 * n8n 2.x answers once it has created the execution, and answers an error when it could not (its
 * database or queue failed). Then the event is forgotten, so Stripe's retry of it runs: were it
 * kept, the retry would be acknowledged as a duplicate and the event never run. The answer is
 * seen where n8n ends this request's response (also when Stripe has stopped waiting for it).
 */
function settleWhenAnswered(
	ctx: IWebhookFunctions,
	eventId: string,
	seen: SeenEvents,
	inFlight: EventsInFlight,
): void {
	const res = ctx.getResponseObject();
	const end = res.end;
	if (typeof end !== 'function') return inFlight.delete(eventId);
	let settled = false;
	res.end = function (this: unknown, ...args: unknown[]) {
		if (!settled) {
			settled = true;
			inFlight.delete(eventId);
			if (res.statusCode >= 300) {
				forgetEvent(seen, eventId);
				ctx.logger.warn(
					`Stripe Invoicing Trigger: n8n answered the delivery of event ${eventId} with ${res.statusCode} (the run did not start); Stripe's retry of it will be accepted`,
					{ node: ctx.getNode().name },
				);
			}
		}
		return (end as (...a: unknown[]) => unknown).apply(this, args);
	} as typeof res.end;
}

export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = ctx.getNodeParameter('options', {}) as Options;
	// Before reading the body: n8n has parsed a multipart form already, and there is no raw body.
	const notJson = jsonContentType(ctx);
	if (notJson) return reject(ctx, notJson);
	const rawBody = await rawBodyOf(ctx);
	if (!rawBody) return reject(ctx, 'no request body');
	const found = await signingSecrets(ctx);
	if ('refusal' in found) return reject(ctx, found.refusal);

	// A tolerance that is not a whole number of seconds (an expression gone wrong) would switch the
	// timestamp check off; refuse the delivery instead.
	const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
	if (
		typeof tolerance !== 'number' ||
		!Number.isInteger(tolerance) ||
		tolerance < 1 ||
		tolerance > MAX_TOLERANCE_SECONDS
	)
		return reject(
			ctx,
			`Signature Tolerance must be a whole number of seconds from 1 to ${MAX_TOLERANCE_SECONDS}`,
		);
	const header = ctx.getHeaderData()['stripe-signature'];
	const now = Math.floor(Date.now() / 1000);
	const check = verifyStripeSignature(
		rawBody,
		Array.isArray(header) ? header[0] : header,
		found.secrets,
		tolerance,
		now,
	);
	if (!check.valid) return reject(ctx, `signature check failed (${check.reason})`);

	const event = parseEvent(rawBody);
	if (!event) return reject(ctx, 'the body is not a Stripe event');
	const livemode = await credentialIsLive(ctx);
	if (event.livemode !== livemode) {
		return reject(
			ctx,
			`a ${event.livemode ? 'live' : 'test'}-mode event does not match the credential's key`,
		);
	}

	const events = ctx.getNodeParameter('events', []) as string[];
	if (!events.includes(event.type)) return acknowledge('event type not selected');
	const memory = memoryKey(ctx);
	const seen = seenEventsInProcess(memory);
	const preparing = eventsInFlight(memory);
	if (!rememberEvent(seen, event.id, now))
		return preparing.has(event.id, Date.now()) ? stillPreparing(ctx, event.id) : acknowledge('duplicate');
	if (!passesFilters(event, ctx.getNodeParameter('filters', {}) as Filters))
		return acknowledge('filtered out');

	const simplify = ctx.getNodeParameter('simplify', true) as boolean;
	let current: StripeInvoice | undefined;
	preparing.add(event.id, Date.now());
	try {
		current = options.fetchCurrentInvoice ? await currentInvoice(ctx, event) : undefined;
	} catch (error) {
		// Nothing ran: Stripe's retry of this event must be accepted.
		forgetEvent(seen, event.id);
		preparing.delete(event.id);
		return fetchFailed(ctx, error);
	}
	settleWhenAnswered(ctx, event.id, seen, preparing);
	const json = eventItem(event, { simplify, currentInvoice: current });
	return {
		workflowData: [[{ json }]],
		webhookResponse: { received: true, outcome: 'accepted', eventId: event.id },
	};
}
