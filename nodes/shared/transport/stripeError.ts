import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { redactSecrets } from './redact';

/** Stripe's error envelope: `{ error: StripeErrorBody }`. */
export interface StripeErrorBody {
	type?: string;
	code?: string;
	decline_code?: string;
	message?: string;
	param?: string;
	doc_url?: string;
	charge?: string;
}

/** What we surface of a failed call, in the camelCase our output rows use. */
export interface StripeErrorDetails extends IDataObject {
	message: string;
	type: string | null;
	code: string | null;
	declineCode: string | null;
	param: string | null;
	httpStatus: number | null;
	requestId: string | null;
	docUrl: string | null;
	chargeId: string | null;
	/** What this package adds to Stripe's message: what the error means for the row, and what to do. */
	hint?: string;
}

export function errorDetailsFromResponse(
	statusCode: number,
	body: unknown,
	requestId: string | undefined,
): StripeErrorDetails {
	const envelope =
		(body && typeof body === 'object' ? (body as { error?: StripeErrorBody }).error : undefined) ?? {};
	const fallback =
		typeof body === 'string' && body.trim()
			? body.trim().slice(0, 300)
			: `Stripe answered HTTP ${statusCode}`;
	return {
		message: redactSecrets(envelope.message ?? fallback),
		type: envelope.type ?? null,
		code: envelope.code ?? null,
		declineCode: envelope.decline_code ?? null,
		param: envelope.param ?? null,
		httpStatus: statusCode,
		requestId: requestId ?? null,
		docUrl: envelope.doc_url ?? null,
		chargeId: envelope.charge ?? null,
	};
}

/** One line with everything a person needs to look the failure up in Stripe's dashboard. */
export function describeStripeError(details: StripeErrorDetails): string {
	const parts = [
		details.type,
		details.code && `code: ${details.code}`,
		details.declineCode && `decline code: ${details.declineCode}`,
		details.param && `param: ${details.param}`,
		details.httpStatus !== null && `HTTP ${details.httpStatus}`,
		details.requestId && `request ${details.requestId}`,
	].filter(Boolean);
	return parts.join(' · ');
}

/**
 * Builds the error n8n shows. The message is Stripe's own words followed by the row, as n8n's
 * routing node does (`[item 2]`); the structured details travel in `context.stripe` so the batch
 * runner can put them into a continue-on-fail row unchanged.
 */
export function stripeApiError(node: INode, details: StripeErrorDetails, itemIndex?: number): NodeApiError {
	const suffix = itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
	const error = new NodeApiError(node, { ...details } as JsonObject, {
		message: `${details.message}${suffix}`,
		description: describeStripeError(details),
		httpCode: details.httpStatus === null ? undefined : String(details.httpStatus),
		itemIndex,
	});
	error.context.stripe = details;
	return error;
}

export function readStripeDetails(error: unknown): StripeErrorDetails | undefined {
	if (!(error instanceof NodeApiError)) return undefined;
	return error.context.stripe as StripeErrorDetails | undefined;
}

/** What kind of failure a Stripe error is, so callers branch on a name, not on status and type. */
export type StripeErrorKind =
	| 'card'
	| 'idempotency'
	| 'rate_limit'
	| 'not_found'
	| 'authentication'
	| 'invalid_request'
	| 'api'
	| 'connection';

export function stripeErrorKind(error: unknown): StripeErrorKind | undefined {
	const details = readStripeDetails(error);
	if (!details) return undefined;
	if (details.type === 'connection_error') return 'connection';
	if (details.type === 'card_error' || details.httpStatus === 402) return 'card';
	if (details.type === 'idempotency_error') return 'idempotency';
	if (details.httpStatus === 429) return 'rate_limit';
	if (details.httpStatus === 401) return 'authentication';
	if (details.httpStatus === 404 || details.code === 'resource_missing') return 'not_found';
	if (details.type === 'invalid_request_error') return 'invalid_request';
	return 'api';
}

/** Whether Stripe answered this error from its idempotency store (a stored earlier outcome). */
export function isReplayedError(error: unknown): boolean {
	return error instanceof NodeApiError && error.context.idempotentReplay === true;
}

/**
 * Stripe's idempotency_error means the row's reference was used in the last 24 hours for a
 * request with other values. Say what to change; Stripe's own words stay in the details.
 */
export function explainKeyReuse(error: unknown, reference: string): unknown {
	if (stripeErrorKind(error) !== 'idempotency' || !(error instanceof NodeApiError)) return error;
	const details = error.context.stripe as StripeErrorDetails;
	const suffix = error.context.itemIndex === undefined ? '' : ` [item ${String(error.context.itemIndex)}]`;
	details.hint = `Reference "${reference}" already made this request in the last 24 hours with other values (a changed amount, quantity or setting), so Stripe did not do it again and nothing was billed twice. Put back the values it was first used with; to change what was made, update or delete that object; to bill something else, use a new Reference`;
	error.message = `${details.hint}${suffix}`;
	error.description = `Stripe: ${details.message} · ${error.description ?? ''}`;
	return error;
}
