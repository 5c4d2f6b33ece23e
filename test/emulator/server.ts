/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, no-console */
// HTTP front end: auth, routing, fault injection, rate limit, idempotency, latency, request log,
// Stripe-style headers, and the /_emulator control endpoints.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, invalidRequest } from './api-error';
import { authenticate, connectedAccountFor } from './auth';
import { handleControl, isControlPath, type ControlTarget } from './control';
import { addDirectCustomer } from './customer-setup';
import { seedDemoAccount } from './demo-seed';
import { FaultSet } from './faults';
import { fundCashBalance } from './handlers/cash-balance';
import { addPastInvoices } from './history-setup';
import { parseForm } from './form-encoding';
import { fingerprint, IdempotencyStore, type StoredResponse } from './idempotency';
import { newRequestId } from './ids';
import { buildLedger } from './ledger';
import { checkExpansions } from './expand';
import { expandList } from './param-readers';
import { validateParams } from './param-schema';
import { endpointRateLimitError, RateLimits, rateLimitError } from './rate-limit';
import { markWritten, searchUnavailable, SearchSettings } from './search-settings';
import { serializeInvoice } from './render';
import { ROUTES } from './routes';
import { matchRoute } from './routing';
import { RequestStats } from './stats';
import { EmulatorStore } from './store';
import type { EmulatorOptions, FaultAction, RecordedRequest, RunningEmulator } from './types';
import { eventsBetween, takeSnapshot } from './webhooks/changes';
import { handleWebhookControl, isWebhookControlPath } from './webhooks/control';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { webhookListeners } from './webhooks/state';

export const DEFAULT_API_VERSION = '2026-10-28.endive';
// Stripe publishes no body limit [M]. 1 MB holds a full 250-line add_lines request with descriptions
// several times over (only 50-key metadata on every line would not fit) and bounds memory; a bigger
// body gets 413 rather than a cut-off parameter list.
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_IDEMPOTENCY_KEY = 255;

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The body, or null when it is over MAX_BODY_BYTES (read to the end but not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function delay(ms: number): Promise<void> {
	return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function checkLatency(ms: number): number {
	if (!(Number.isFinite(ms) && ms >= 0))
		throw new Error(`latencyMs must be a non-negative number, got ${ms}`);
	return ms;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
	const host = opts.host ?? '127.0.0.1';
	let latencyMs = checkLatency(opts.latencyMs ?? 0);
	const recordRequests = opts.recordRequests ?? true;
	const store = new EmulatorStore(opts.seedDemoData ? seedDemoAccount : undefined);
	const idempotency = new IdempotencyStore();
	const requests: RecordedRequest[] = [];
	const clock = opts.clock ?? (() => performance.now());
	let endpointRateLimit = opts.endpointRateLimit;
	const limits = new RateLimits(opts.rateLimit, endpointRateLimit, clock);
	const search = new SearchSettings(opts, clock);
	const faults = new FaultSet();
	for (const rule of opts.faults ?? []) faults.add(rule);
	const stats = new RequestStats();
	const webhooks = new WebhookDispatcher();
	const webhookControl = { store, dispatcher: webhooks, apiVersion: DEFAULT_API_VERSION };

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		const url = new URL(req.url ?? '/', 'http://emulator.local');
		const body = await readBody(req);
		const tooLarge = body === null;
		const rawBody = body ?? '';
		if (isWebhookControlPath(url.pathname)) {
			await handleWebhookControl(webhookControl, req, res, url, rawBody);
			return;
		}
		if (isControlPath(url.pathname)) {
			handleControl(control, req, res, url, rawBody);
			return;
		}
		stats.received(method);
		const query = parseForm(url.search.slice(1));
		const dataInQuery = method === 'GET' || method === 'DELETE';
		const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined;
		const requestedVersion = header(req, 'stripe-version');
		const stripeAccount = header(req, 'stripe-account');
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			params: dataInQuery ? query : { ...query, ...parseForm(rawBody) },
			rawBody,
			headers: {
				stripeVersion: requestedVersion,
				idempotencyKey: header(req, 'idempotency-key'),
				contentType: header(req, 'content-type'),
				stripeAccount,
			},
			status: 0,
			requestId: newRequestId(),
			account: '',
		};
		if (recordRequests) requests.push(record);
		let livemode = false;
		// Set by a drop_after_commit fault: the request runs to completion, then the answer is lost.
		let dropResponse = false;

		const drop = (): void => {
			record.status = 0;
			stats.answered(0);
			// The client sees ECONNRESET / "socket hang up".
			res.destroy();
		};
		const send = (status: number, body: string, extra: Record<string, string> = {}): void => {
			if (dropResponse) {
				drop();
				return;
			}
			record.status = status;
			stats.answered(status);
			const headers: Record<string, string> = {
				'Content-Type': 'application/json',
				'Cache-Control': 'no-cache, no-store',
				'Request-Id': record.requestId,
				'Stripe-Version': requestedVersion ?? DEFAULT_API_VERSION,
				...extra,
			};
			if (idempotencyKey !== undefined) headers['Idempotency-Key'] = idempotencyKey;
			if (stripeAccount !== undefined) headers['Stripe-Account'] = stripeAccount;
			// Tell the SDK which failures are worth retrying (reference §4).
			if (status === 409 || status === 429 || status >= 500) headers['Stripe-Should-Retry'] = 'true';
			res.writeHead(status, headers);
			res.end(body);
		};
		const errorResponse = (err: unknown): StoredResponse => {
			const apiError =
				err instanceof ApiError
					? err
					: new ApiError(500, { type: 'api_error', message: 'An unknown error occurred' });
			if (!(err instanceof ApiError)) console.error('[stripe-emulator] internal error', err);
			return {
				status: apiError.status,
				body: JSON.stringify(apiError.toBody(record.requestId, livemode), null, 2),
				requestId: record.requestId,
			};
		};

		/** Applies a fault; true when the request is finished (dropped). Throws for injected errors. */
		const injectFault = (fault: FaultAction): boolean => {
			switch (fault) {
				case 'drop_before':
					// Nothing has started: no idempotency entry, no state change.
					drop();
					return true;
				case 'error_500':
					// Models a failure before the endpoint started executing, the case Stripe says is safe to
					// retry (reference §4): nothing is stored under the Idempotency-Key.
					throw new ApiError(500, { type: 'api_error', message: 'An unknown error occurred' });
				case 'rate_limit_429':
					throw rateLimitError();
				case 'drop_after_commit':
					// Handled (and the idempotent result stored or replayed) as usual; send() drops it.
					dropResponse = true;
					return false;
			}
		};

		let held: { account: string; key: string } | undefined;
		try {
			if (tooLarge) {
				// [M] wording.
				throw invalidRequest(`Request body too large: the limit is ${MAX_BODY_BYTES} bytes.`, {
					status: 413,
				});
			}
			const auth = authenticate(header(req, 'authorization'));
			record.account = auth.accountId;
			livemode = auth.livemode;
			// Stripe-Account routes the request to a connected account with its own state.
			const connected = connectedAccountFor(auth, stripeAccount);
			// Idempotency keys are scoped to the account the request acts on.
			const scope = connected ? `${auth.accountId}/${connected}` : auth.accountId;
			if (requestedVersion !== undefined && !/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/.test(requestedVersion)) {
				throw invalidRequest(`Invalid Stripe API version: ${requestedVersion}`); // [M] wording
			}
			const match = matchRoute(ROUTES, method, url.pathname);
			if (!match) {
				throw invalidRequest(
					`Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
					{ status: 404 },
				);
			}
			// Faults count only real API requests (authenticated, known route) and come before
			// everything that changes state.
			const fault = faults.evaluate(method, url.pathname, auth.apiKey);
			if (fault !== undefined) {
				record.fault = fault;
				stats.injected();
				if (injectFault(fault)) return;
			}
			// The limiter runs on arrival: a rejected request takes no token and stores nothing.
			const hit = limits.take(auth.accountId, auth.livemode, `${method} ${match.route.path}`);
			if (hit) {
				stats.limited();
				throw hit === 'account' ? rateLimitError() : endpointRateLimitError();
			}
			if (!search.available && match.route.path.endsWith('/search')) throw searchUnavailable();
			const contentType = record.headers.contentType ?? '';
			if (!dataInQuery && rawBody !== '' && !contentType.startsWith('application/x-www-form-urlencoded')) {
				throw invalidRequest(
					`Invalid request: unsupported Content-Type ${contentType}. If error persists and you need assistance, please contact support@stripe.com.`,
				);
			}
			if (idempotencyKey !== undefined) {
				if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
					// [M] wording.
					throw invalidRequest(
						`Invalid Idempotency-Key: must be at most ${MAX_IDEMPOTENCY_KEY} characters long.`,
						{ param: 'Idempotency-Key' },
					);
				}
				const begun = idempotency.begin(
					scope,
					idempotencyKey,
					fingerprint(method, url.pathname, record.params),
				);
				if (begun.kind === 'replay') {
					send(begun.response.status, begun.response.body, {
						'Idempotent-Replayed': 'true',
						'Original-Request': begun.response.requestId,
					});
					return;
				}
				if (begun.kind === 'mismatch') {
					throw new ApiError(400, {
						type: 'idempotency_error',
						message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
					});
				}
				if (begun.kind === 'in_flight') {
					// [M] type: Stripe's docs give the code, not the type.
					throw new ApiError(409, {
						type: 'invalid_request_error',
						code: 'idempotency_key_in_use',
						message: 'The idempotency key provided is currently being used in another request.',
					});
				}
				held = { account: scope, key: idempotencyKey };
			}
			// Latency sits inside the idempotency window so concurrent duplicates can be observed.
			await delay(latencyMs);
			const params = validateParams(match.route.schema, record.params);
			if (match.route.object)
				checkExpansions(match.route.object, expandList(params), match.route.list ?? false);
			const account = store.forKey(auth.apiKey, connected);
			let stored: StoredResponse;
			let keep = true;
			// Only accounts someone listens to (its endpoints, or its platform's Connect endpoints) pay
			// for watching what each request changes.
			const hooks = webhookListeners(account, connected ? store.forKey(auth.apiKey) : undefined);
			const before = hooks ? takeSnapshot(account) : undefined;
			let errorCode: string | undefined;
			try {
				const body = match.route.handle({
					account,
					params,
					id: match.id,
					searchable: search.visibleIn(account),
				});
				if (method !== 'GET') markWritten(account, body, clock());
				stored = { status: 200, body: JSON.stringify(body, null, 2), requestId: record.requestId };
			} catch (err) {
				// Handler-level parameter checks count as validation too: not stored.
				keep = !(err instanceof ApiError && err.isValidation);
				errorCode = err instanceof ApiError ? err.fields.code : undefined;
				stored = errorResponse(err);
			}
			if (hooks && before) {
				const outcome = { method, path: url.pathname, status: stored.status, errorCode };
				webhooks.emit(hooks, eventsBetween(before, account, outcome), {
					livemode: account.livemode,
					apiVersion: DEFAULT_API_VERSION,
					requestId: record.requestId,
					idempotencyKey,
				});
			}
			if (held) idempotency.finish(held.account, held.key, keep ? stored : null);
			held = undefined;
			send(stored.status, stored.body);
		} catch (err) {
			// Not stored: the request failed before the endpoint started executing.
			if (held) idempotency.finish(held.account, held.key, null);
			const response = errorResponse(err);
			send(response.status, response.body);
		}
	}

	function resetAll(): void {
		store.reset();
		idempotency.reset();
		requests.length = 0;
		stats.reset();
		faults.clear();
		webhooks.reset();
		for (const rule of opts.faults ?? []) faults.add(rule);
		latencyMs = checkLatency(opts.latencyMs ?? 0);
		endpointRateLimit = opts.endpointRateLimit;
		limits.set(opts.rateLimit, endpointRateLimit);
		search.reset();
	}

	const control: ControlTarget = {
		settings: () => ({
			latencyMs,
			rateLimit: limits.settings.global,
			endpointRateLimit: limits.settings.endpoint,
			searchLagSeconds: search.lagSeconds,
			searchAvailable: search.available,
		}),
		setLatency: (ms) => {
			latencyMs = checkLatency(ms);
		},
		setRateLimit: (perSecond) => limits.set(perSecond, endpointRateLimit),
		setEndpointRateLimit: (perSecond) => {
			limits.set(limits.settings.global ?? undefined, perSecond);
			endpointRateLimit = perSecond;
		},
		setSearchLag: (seconds) => search.setLag(seconds),
		setSearchAvailable: (available) => {
			search.available = available;
		},
		addFault: (rule) => faults.add(rule),
		faults,
		ledger: (apiKey, ledgerOpts) =>
			buildLedger(store.forKey(apiKey, ledgerOpts.stripeAccount), ledgerOpts.referenceKey),
		stats: () => stats.snapshot(),
		createCustomers(apiKey, stripeAccount, count, paymentMethod) {
			const account = store.forKey(apiKey, stripeAccount);
			const ids: string[] = [];
			for (let n = 1; n <= count; n++) {
				const name = `Bulk Customer ${n}`;
				ids.push(addDirectCustomer(account, { name, email: `bulk${n}@example.com`, paymentMethod }).id);
			}
			return ids;
		},
		createInvoices: (apiKey, stripeAccount, customers, perCustomer) =>
			addPastInvoices(store.forKey(apiKey, stripeAccount), customers, perCustomer),
		fundCashBalance(apiKey, stripeAccount, transfer) {
			const account = store.forKey(apiKey, stripeAccount);
			const hooks = webhookListeners(account, stripeAccount ? store.forKey(apiKey) : undefined);
			const before = hooks ? takeSnapshot(account) : undefined;
			const result = fundCashBalance(
				account,
				transfer.customer,
				transfer.amount,
				transfer.currency,
				transfer.reference,
			);
			if (hooks && before) {
				const outcome = { method: 'POST', path: '/_emulator/bank_transfers', status: 200 };
				webhooks.emit(hooks, eventsBetween(before, account, outcome), {
					livemode: account.livemode,
					apiVersion: DEFAULT_API_VERSION,
					requestId: null,
				});
			}
			return result;
		},
		reset: resetAll,
	};

	const server = createServer((req, res) => {
		handle(req, res).catch((err: unknown) => {
			console.error('[stripe-emulator] failed to answer request', err);
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as AddressInfo).port;

	return {
		url: `http://${host}:${port}`,
		port,
		requests,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.close((err) => (err ? reject(err) : resolve()));
				// The SDK keeps connections alive; drop them so close() resolves promptly.
				server.closeAllConnections();
			}),
		createCustomer(apiKey, options = {}) {
			return addDirectCustomer(store.forKey(apiKey, options.stripeAccount), options);
		},
		charges(apiKey, stripeAccount) {
			return store.forKey(apiKey, stripeAccount).charges.map((c) => ({
				id: c.id,
				invoice: c.invoice,
				amount: c.amount,
				currency: c.currency,
				status: c.status,
				failure_code: c.failure_code,
			}));
		},
		invoices(apiKey, stripeAccount) {
			const account = store.forKey(apiKey, stripeAccount);
			return [...account.invoices.values()].map((invoice) => serializeInvoice(account, invoice));
		},
		reset: resetAll,
		setLatency: control.setLatency,
		setRateLimit: control.setRateLimit,
		setEndpointRateLimit: control.setEndpointRateLimit,
		setSearchLag: control.setSearchLag,
		setSearchAvailable: control.setSearchAvailable,
		addFault: control.addFault,
		clearFaults: () => faults.clear(),
		// Stripe prunes keys once they are 24 hours old; this jumps there.
		forgetIdempotencyKeys: () => idempotency.reset(),
		ledger: (apiKey, ledgerOpts = {}) => control.ledger(apiKey, ledgerOpts),
		stats: control.stats,
		webhooks: {
			configure: (patch) => webhooks.configure(patch),
			deliveries: () => [...webhooks.log],
			release: (order = 'in_order') => webhooks.release(order),
			idle: () => webhooks.idle(),
		},
	};
}
