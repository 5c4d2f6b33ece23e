import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IWebhookFunctions,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL, STRIPE_API_VERSION } from './apiVersion';
import { encodeForm, type FormParams } from './formEncode';
import { errorDetailsFromResponse, stripeApiError, type StripeErrorDetails } from './stripeError';
import { redactSecrets } from './redact';
import { retryDelayMs, shouldRetry } from './retry';
import { DEFAULT_SESSION, isLiveKey, type StripeSession } from './session';
import { endpointOf, isStripeId, UnsafePathError, type StripePath } from './stripePath';

export const CREDENTIAL_NAME = 'stripeInvoicingApi';

/** Every n8n context that may call Stripe: node runs, list pickers, and the trigger's hooks and webhook. */
export type StripeContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

export interface StripeCall {
	method: Extract<IHttpRequestMethods, 'GET' | 'POST' | 'DELETE'>;
	path: StripePath;
	params?: FormParams;
	/** Sent on POSTs; a fresh random key is used when none is given. Every retry reuses it. */
	idempotencyKey?: string;
	/** The input row this call serves, named in any error. */
	itemIndex?: number;
	/** Stripe Connect: the connected account to act on (Stripe-Account header). */
	stripeAccount?: string;
	/** Retry budget and rate cap shared by the node run (defaults: 5 attempts, no cap). */
	session?: StripeSession;
	/** Told when Stripe answers a write from its idempotency store (`Idempotent-Replayed`). */
	onReplay?: () => void;
}

const REQUEST_TIMEOUT_MS = 80_000;

export interface CredentialSettings {
	baseUrl: string;
	livemode: boolean;
}

// One credential read per node run, not per request.
const settingsByContext = new WeakMap<object, Promise<CredentialSettings>>();

/** The credential's Base URL and whether its key is a live-mode key (never the key itself). */
export function credentialSettings(ctx: StripeContext): Promise<CredentialSettings> {
	let pending = settingsByContext.get(ctx);
	if (!pending) {
		pending = ctx
			.getCredentials<{ baseUrl?: string; secretKey?: string }>(CREDENTIAL_NAME)
			.then((credentials) => ({
				baseUrl: (credentials.baseUrl?.trim() || DEFAULT_STRIPE_BASE_URL).replace(/\/+$/, ''),
				livemode: isLiveKey(credentials.secretKey),
			}));
		settingsByContext.set(ctx, pending);
	}
	return pending;
}

export function newIdempotencyKey(): string {
	return `n8n-${randomUUID()}`;
}

function headerValue(headers: unknown, name: string): string | undefined {
	const all = (headers ?? {}) as IDataObject;
	const value = all[name] ?? all[name.toLowerCase()];
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

function networkCode(error: unknown): string {
	const failure = (error ?? {}) as { cause?: { code?: string }; code?: string };
	return failure.cause?.code ?? failure.code ?? 'unknown';
}

/** A failure with no answer from Stripe (as opposed to a problem on our side, such as credentials). */
function isNetworkFailure(error: unknown): boolean {
	const message = error instanceof Error ? error.message : '';
	return networkCode(error) !== 'unknown' || /socket hang up|timeout|network|aborted/i.test(message);
}

function connectionFailure(ctx: StripeContext, error: unknown, baseUrl: string, itemIndex?: number) {
	const code = networkCode(error);
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

function isLockTimeout(body: unknown): boolean {
	return (body as { error?: { code?: unknown } } | undefined)?.error?.code === 'lock_timeout';
}

function noteAttempts(error: NodeApiError, attempts: number): NodeApiError {
	if (attempts > 1) error.description = `${error.description ?? ''} · gave up after ${attempts} attempts`;
	return error;
}

/**
 * The one way this package talks to Stripe: form-encodes params with bracket notation, pins
 * Stripe-Version, authenticates through the credential, keys every POST for idempotency, paces
 * and retries (same key on every attempt), and turns a final non-2xx answer into an error carrying
 * Stripe's message, type, codes and request id.
 */
export async function stripeRequest<T>(ctx: StripeContext, call: StripeCall): Promise<T> {
	const { baseUrl: baseURL } = await credentialSettings(ctx);
	const session = call.session ?? DEFAULT_SESSION;
	const isWrite = call.method === 'POST';
	const encoded = call.params ? encodeForm(call.params) : '';
	const headers: IDataObject = { 'Stripe-Version': STRIPE_API_VERSION, Accept: 'application/json' };
	if (call.stripeAccount !== undefined) {
		// A header value is sent only in Stripe's ID shape: the HTTP layer would otherwise strip
		// control characters after the caller checked the value, and send something else.
		if (!isStripeId(call.stripeAccount, 'acct_'))
			throw new UnsafePathError('Refusing to call Stripe: the Stripe Account is not an acct_ ID');
		headers['Stripe-Account'] = call.stripeAccount;
	}
	if (isWrite) {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		headers['Idempotency-Key'] = call.idempotencyKey ?? newIdempotencyKey();
	}
	const request: IHttpRequestOptions = {
		method: call.method,
		baseURL,
		url: isWrite || !encoded ? call.path : `${call.path}?${encoded}`,
		body: isWrite && encoded ? encoded : undefined,
		headers,
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: REQUEST_TIMEOUT_MS,
	};

	// A replay on a retry may be our own earlier attempt that Stripe did but whose answer was lost;
	// only a replay no earlier attempt can explain is another request's doing.
	let mayHaveExecuted = false;
	const endpoint = endpointOf(call.method, call.path);
	for (let attempt = 1; ; attempt++) {
		await session.pacer?.take(endpoint);
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx,
				CREDENTIAL_NAME,
				request,
			)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		}
		const replayed = headerValue(response?.headers, 'idempotent-replayed') === 'true';
		if (response && response.statusCode >= 200 && response.statusCode < 300) {
			if (replayed && !mayHaveExecuted) call.onReplay?.();
			return response.body as T;
		}
		if (!response || response.statusCode >= 500) mayHaveExecuted = true;
		// Someone else is using the account's budget too: the whole run slows down, not just this call.
		// A lock_timeout 429 is about one object, not the account's rate.
		if (response?.statusCode === 429 && !isLockTimeout(response.body)) session.pacer?.rateLimited(endpoint);

		const retryHeader = headerValue(response?.headers, 'stripe-should-retry');
		const retryable = response ? shouldRetry(response.statusCode, retryHeader) : isNetworkFailure(failure);
		if (attempt < session.maxAttempts && retryable) {
			await sleep(retryDelayMs(attempt - 1));
			continue;
		}
		if (!response) throw noteAttempts(connectionFailure(ctx, failure, baseURL, call.itemIndex), attempt);
		const requestId = headerValue(response.headers, 'request-id');
		const details = errorDetailsFromResponse(response.statusCode, response.body, requestId);
		const error = stripeApiError(ctx.getNode(), details, call.itemIndex);
		if (replayed && !mayHaveExecuted) error.context.idempotentReplay = true;
		throw noteAttempts(error, attempt);
	}
}
