import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL, STRIPE_API_VERSION } from './apiVersion';
import { encodeForm, type FormParams } from './formEncode';
import { errorDetailsFromResponse, stripeApiError, type StripeErrorDetails } from './stripeError';
import { redactSecrets } from './redact';

export const CREDENTIAL_NAME = 'stripeInvoicingApi';

type StripeContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface StripeCall {
	method: Extract<IHttpRequestMethods, 'GET' | 'POST' | 'DELETE'>;
	path: string;
	params?: FormParams;
	/** Sent on POSTs; a fresh random key is used when none is given. */
	idempotencyKey?: string;
	/** The input row this call serves, named in any error. */
	itemIndex?: number;
	/** Stripe Connect: the connected account to act on (Stripe-Account header). */
	stripeAccount?: string;
}

const REQUEST_TIMEOUT_MS = 80_000;

// One credential read per node run, not per request.
const baseUrlByContext = new WeakMap<object, Promise<string>>();

function resolveBaseUrl(ctx: StripeContext): Promise<string> {
	let pending = baseUrlByContext.get(ctx);
	if (!pending) {
		pending = ctx
			.getCredentials<{ baseUrl?: string }>(CREDENTIAL_NAME)
			.then((credentials) => (credentials.baseUrl?.trim() || DEFAULT_STRIPE_BASE_URL).replace(/\/+$/, ''));
		baseUrlByContext.set(ctx, pending);
	}
	return pending;
}

export function newIdempotencyKey(): string {
	return `n8n-${randomUUID()}`;
}

function headerValue(headers: IDataObject | undefined, name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return typeof value === 'string' ? value : undefined;
}

// n8n rewrites messages that contain raw socket codes, so the message gets words and the
// description keeps the code.
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	EPIPE: 'connection reset',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host not found',
};

function connectionFailure(ctx: StripeContext, error: unknown, baseUrl: string, itemIndex?: number) {
	const failure = (error ?? {}) as { cause?: { code?: string }; code?: string };
	const code = failure.cause?.code ?? failure.code ?? 'unknown';
	const details: StripeErrorDetails = {
		message: redactSecrets(
			`Could not reach Stripe at ${baseUrl}: ${NETWORK_REASONS[code] ?? 'network error'}`,
		),
		type: 'connection_error',
		code: null,
		declineCode: null,
		param: null,
		httpStatus: null,
		requestId: null,
		docUrl: null,
		chargeId: null,
	};
	const nodeError = stripeApiError(ctx.getNode(), details, itemIndex);
	nodeError.description = `${nodeError.description ?? ''} (${code})`.trim();
	return nodeError;
}

/**
 * The one way this package talks to Stripe: form-encodes params with bracket notation, pins
 * Stripe-Version, authenticates through the credential, keys every POST for idempotency, and turns
 * any non-2xx answer into an error carrying Stripe's message, type, codes and request id.
 */
export async function stripeRequest<T>(ctx: StripeContext, call: StripeCall): Promise<T> {
	const baseURL = await resolveBaseUrl(ctx);
	const isWrite = call.method === 'POST';
	const encoded = call.params ? encodeForm(call.params) : '';
	const headers: IDataObject = { 'Stripe-Version': STRIPE_API_VERSION, Accept: 'application/json' };
	if (call.stripeAccount) headers['Stripe-Account'] = call.stripeAccount;
	if (isWrite) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		headers['Idempotency-Key'] = call.idempotencyKey ?? newIdempotencyKey();
	}
	const url = isWrite || !encoded ? call.path : `${call.path}?${encoded}`;

	let response: IN8nHttpFullResponse;
	try {
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_NAME, {
			method: call.method,
			baseURL,
			url,
			body: isWrite && encoded ? encoded : undefined,
			headers,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: REQUEST_TIMEOUT_MS,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throw connectionFailure(ctx, error, baseURL, call.itemIndex);
	}

	if (response.statusCode >= 200 && response.statusCode < 300) return response.body as T;
	const requestId = headerValue(response.headers as IDataObject, 'request-id');
	const details = errorDetailsFromResponse(response.statusCode, response.body, requestId);
	throw stripeApiError(ctx.getNode(), details, call.itemIndex);
}
