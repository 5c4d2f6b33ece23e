import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { endpoints } from '../../shared/transport/endpoints';
import { isStripeId } from '../../shared/transport/stripePath';
import type { StripeInvoice } from '../../shared/transport/types';
import { customerOf, invoiceIdOf, parseEvent, type StripeEvent } from './event';
import { asNodeError } from '../../shared/errors';
import { storedSecrets } from './storedEndpoints';
import { eventItem } from './output';
import { credentialIsLive } from './keyMode';
import { forgetEvent, rememberEvent, seenEventsIn, seenEventsInProcess } from './seenEvents';
import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS, verifyStripeSignature } from './signature';

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

/** The request body exactly as received: the signature covers these bytes. */
async function rawBodyOf(ctx: IWebhookFunctions): Promise<Buffer | undefined> {
	const req = ctx.getRequestObject();
	// n8n reads the body before calling webhook(); readRawBody() is for a request it has not read.
	if (!Buffer.isBuffer(req.rawBody) && typeof req.readRawBody === 'function') await req.readRawBody();
	return Buffer.isBuffer(req.rawBody) ? req.rawBody : undefined;
}

function signingSecrets(ctx: IWebhookFunctions): string[] {
	if (ctx.getNodeParameter('endpointManagement', 'automatic') === 'dashboard') {
		// A secret pasted with a stray space or line break still matches.
		return [String(ctx.getNodeParameter('signingSecret', '')).trim()];
	}
	return storedSecrets(ctx.getWorkflowStaticData('node'));
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

/** The two records of delivered event ids: the node's static data and this process's memory. */
function seenRecords(ctx: IWebhookFunctions) {
	const key = `${String(ctx.getWorkflow().id ?? '')}:${ctx.getNode().id}`;
	return [seenEventsIn(ctx.getWorkflowStaticData('node')), seenEventsInProcess(key)];
}

/** Each event once: true for an id already delivered; otherwise the id is remembered. */
function isRepeat(ctx: IWebhookFunctions, eventId: string, now: number): boolean {
	// Both records always learn the id, whichever one already knew it.
	return seenRecords(ctx)
		.map((seen) => !rememberEvent(seen, eventId, now))
		.some(Boolean);
}

async function currentInvoice(
	ctx: IWebhookFunctions,
	event: StripeEvent,
): Promise<StripeInvoice | undefined> {
	const id = invoiceIdOf(event);
	if (event.data.object.object !== 'invoice' || !isStripeId(id, 'in_')) return undefined;
	try {
		// One retry at most: Stripe waits for this answer, and gives up on slow ones.
		const client = new StripeClient(ctx, { session: { maxAttempts: 2 } });
		return await client.get<StripeInvoice>(endpoints.invoice(id));
	} catch (error) {
		// A deleted invoice has no current state: the event's copy is all there is.
		if (stripeErrorKind(error) === 'not_found') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

export async function receiveDelivery(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
	const options = ctx.getNodeParameter('options', {}) as Options;
	const rawBody = await rawBodyOf(ctx);
	if (!rawBody) return reject(ctx, 'no request body');
	const secrets = signingSecrets(ctx);
	if (secrets.length === 0 || secrets.every((s) => s.trim() === ''))
		return reject(ctx, 'no signing secret configured');

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
		secrets,
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
	if (isRepeat(ctx, event.id, now)) return acknowledge('duplicate');
	if (!passesFilters(event, ctx.getNodeParameter('filters', {}) as Filters))
		return acknowledge('filtered out');

	const simplify = ctx.getNodeParameter('simplify', true) as boolean;
	let current: StripeInvoice | undefined;
	try {
		current = options.fetchCurrentInvoice ? await currentInvoice(ctx, event) : undefined;
	} catch (error) {
		// Nothing ran: n8n answers with an error, and Stripe's retry of this event must be accepted.
		for (const seen of seenRecords(ctx)) forgetEvent(seen, event.id);
		throw asNodeError(ctx.getNode(), error);
	}
	const json = eventItem(event, { simplify, currentInvoice: current });
	return { workflowData: [[{ json }]] };
}
