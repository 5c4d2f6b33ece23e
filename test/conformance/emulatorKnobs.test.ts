/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// Test knobs of the emulator itself: rate limit, fault injection, ledger, stats, request recording,
// the /_emulator control endpoints and the CLI flags. The rate-limit tests drive a fake clock, so
// none of them depends on how fast the machine is.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import Stripe from 'stripe';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';
import { parseFaultSpec, validateFaultRule } from '../emulator/faults';
import { RateLimiter } from '../emulator/rate-limit';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk } from './helpers';

const { StripeAPIError, StripeCardError, StripeRateLimitError } = Stripe.errors;

const RATE_LIMIT_MESSAGE =
	'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.';

/** A fake monotonic clock (ms) for the rate limiter. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
	let ms = 0;
	return { now: () => ms, advance: (by) => (ms += by) };
}

async function withEmulator(opts: EmulatorOptions, run: (emulator: RunningEmulator) => Promise<void>) {
	const emulator = await startEmulator(opts);
	try {
		await run(emulator);
	} finally {
		await emulator.close();
	}
}

/** A raw form-encoded API POST, so a dropped connection is seen as is (the SDK retries resets). */
function post(
	emulator: RunningEmulator,
	apiKey: string,
	path: string,
	params: Record<string, string>,
	idempotencyKey?: string,
): Promise<Response> {
	return fetch(`${emulator.url}${path}`, {
		method: 'POST',
		headers: {
			Authorization: `Bearer ${apiKey}`,
			'Content-Type': 'application/x-www-form-urlencoded',
			...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
		},
		body: new URLSearchParams(params).toString(),
	});
}

function control(
	emulator: RunningEmulator,
	method: string,
	path: string,
	opts: { body?: unknown; apiKey?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
	return fetch(`${emulator.url}/_emulator${path}`, {
		method,
		headers: {
			'Content-Type': 'application/json',
			...(opts.apiKey ? { Authorization: `Bearer ${opts.apiKey}` } : {}),
			...opts.headers,
		},
		body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
	});
}

/** Statuses of calls that each either succeed or reject with an SDK error. */
async function statuses(calls: Array<Promise<unknown>>): Promise<number[]> {
	const settled = await Promise.allSettled(calls);
	return settled.map((r) =>
		r.status === 'fulfilled' ? 200 : ((r.reason as { statusCode?: number }).statusCode ?? -1),
	);
}

describe('rate limit', () => {
	it('allows a burst of rateLimit requests, answers 429 after it, and recovers as tokens refill', async () => {
		const clock = fakeClock();
		await withEmulator({ rateLimit: 5, clock: clock.now }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('burst'));
			expect(await statuses(Array.from({ length: 5 }, () => stripe.customers.list()))).toEqual([
				200, 200, 200, 200, 200,
			]);

			const err = await rejectionOf(stripe.customers.list(), StripeRateLimitError);
			expect(err).toMatchObject({
				statusCode: 429,
				rawType: 'invalid_request_error',
				code: 'rate_limit',
				message: RATE_LIMIT_MESSAGE,
				doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
			});
			expect(err.headers?.['stripe-should-retry']).toBe('true');
			expect((err.raw as { request_log_url?: string }).request_log_url).toMatch(
				/^https:\/\/dashboard\.stripe\.com\/test\/logs\/req_/,
			);

			// 5 tokens/s: one token back after 200 ms, no more.
			clock.advance(200);
			expect(await statuses([stripe.customers.list()])).toEqual([200]);
			expect(await statuses([stripe.customers.list()])).toEqual([429]);
			clock.advance(1000);
			expect(await statuses(Array.from({ length: 6 }, () => stripe.customers.list()))).toEqual([
				200, 200, 200, 200, 200, 429,
			]);
			expect(emulator.stats()).toMatchObject({ requests: 14, rateLimited: 3 });
		});
	});

	it('never rejects a client pacing itself at the limit, but does at twice the limit', async () => {
		const clock = fakeClock();
		await withEmulator({ rateLimit: 10, clock: clock.now }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('pacing'));
			const atLimit: number[] = [];
			for (let i = 0; i < 40; i++) {
				atLimit.push(...(await statuses([stripe.customers.list()])));
				clock.advance(100);
			}
			expect(atLimit.every((s) => s === 200)).toBe(true);

			const twiceLimit: number[] = [];
			for (let i = 0; i < 40; i++) {
				twiceLimit.push(...(await statuses([stripe.customers.list()])));
				clock.advance(50);
			}
			expect(twiceLimit.filter((s) => s === 429).length).toBeGreaterThan(10);
		});
	});

	it('rejects before idempotency: a 429 stores nothing under its Idempotency-Key', async () => {
		const clock = fakeClock();
		await withEmulator({ rateLimit: 1, clock: clock.now }, async (emulator) => {
			const key = freshKey('limitidem');
			const stripe = sdk(emulator, key);
			await stripe.customers.create({ name: 'First' });
			await rejectionOf(
				stripe.customers.create({ name: 'Second' }, { idempotencyKey: 'limited-key' }),
				StripeRateLimitError,
			);
			clock.advance(1000);
			const second = await stripe.customers.create({ name: 'Second' }, { idempotencyKey: 'limited-key' });
			expect(second.lastResponse.headers['idempotent-replayed']).toBeUndefined();
			clock.advance(1000);
			expect((await stripe.customers.list()).data).toHaveLength(2);
			expect(emulator.requests.map((r) => r.status)).toEqual([200, 429, 200, 200]);
		});
	});

	it('shares the budget between a platform and its connected accounts, not between keys', async () => {
		const clock = fakeClock();
		await withEmulator({ rateLimit: 2, clock: clock.now }, async (emulator) => {
			const platform = sdk(emulator, freshKey('budgetA'));
			const connected = { stripeAccount: 'acct_1SharedBudget' };
			await platform.customers.list();
			await platform.customers.list({}, connected);
			await rejectionOf(platform.customers.list({}, connected), StripeRateLimitError);
			await rejectionOf(platform.customers.list(), StripeRateLimitError);
			expect(await statuses([sdk(emulator, freshKey('budgetB')).customers.list()])).toEqual([200]);
		});
	});

	it('setRateLimit changes the limit at runtime and refills every bucket', async () => {
		await withEmulator({ rateLimit: 1 }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('setlimit'));
			await stripe.customers.list();
			await rejectionOf(stripe.customers.list(), StripeRateLimitError);
			emulator.setRateLimit(20);
			const burst = await statuses(Array.from({ length: 20 }, () => stripe.customers.list()));
			expect(burst.every((s) => s === 200)).toBe(true);
			emulator.setRateLimit(undefined);
			const unlimited = await statuses(Array.from({ length: 60 }, () => stripe.customers.list()));
			expect(unlimited.every((s) => s === 200)).toBe(true);
			expect(() => emulator.setRateLimit(-1)).toThrow('rateLimit');
		});
	});

	it('RateLimiter: capacity is the rate, refilled continuously', () => {
		const clock = fakeClock();
		const limiter = new RateLimiter(4, clock.now);
		expect([1, 2, 3, 4, 5].map(() => limiter.take('a'))).toEqual([true, true, true, true, false]);
		expect(limiter.take('b')).toBe(true);
		clock.advance(249);
		expect(limiter.take('a')).toBe(false);
		clock.advance(1);
		expect(limiter.take('a')).toBe(true);
		// The bucket never holds more than its capacity, however long it was idle.
		clock.advance(60_000);
		expect([1, 2, 3, 4, 5].map(() => limiter.take('a'))).toEqual([true, true, true, true, false]);
		limiter.setRate(0);
		expect(limiter.rate).toBeUndefined();
		expect(limiter.take('a')).toBe(true);
	});
});

describe('latency', () => {
	it('setLatency changes the delay at runtime', async () => {
		await withEmulator({ latencyMs: 0 }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('latency'));
			emulator.setLatency(300);
			const started = Date.now();
			await stripe.customers.list();
			expect(Date.now() - started).toBeGreaterThanOrEqual(290);
			expect(() => emulator.setLatency(Number.NaN)).toThrow('latencyMs');
		});
	});
});

describe('fault injection', () => {
	it('drop_after_commit: the invoice exists, and a retry with the same key replays it', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('dropcommit');
			const { id: customer } = emulator.createCustomer(key, { paymentMethod: 'pm_card_visa' });
			const fault = emulator.addFault({ method: 'POST', path: '/v1/invoices', action: 'drop_after_commit' });
			const params = { customer, 'metadata[n8n_reference]': 'row-1' };

			await expect(post(emulator, key, '/v1/invoices', params, 'invoice-row-1')).rejects.toThrow();
			const created = emulator.ledger(key).invoicesByReference['row-1'];
			expect(created).toHaveLength(1);

			const retry = await post(emulator, key, '/v1/invoices', params, 'invoice-row-1');
			expect(retry.status).toBe(200);
			expect(retry.headers.get('idempotent-replayed')).toBe('true');
			expect(((await retry.json()) as { id: string }).id).toBe(created[0].id);
			expect(emulator.ledger(key).invoiceCount).toBe(1);
			expect({ matches: fault.matches, injected: fault.injected }).toEqual({ matches: 2, injected: 1 });
			expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
				[0, 'drop_after_commit'],
				[200, undefined],
			]);
			expect(emulator.stats()).toEqual({
				requests: 2,
				byMethod: { POST: 2 },
				byStatus: { '0': 1, '200': 1 },
				rateLimited: 0,
				faultsInjected: 1,
			});
		});
	});

	it('drop_after_commit on pay: the SDK retries the reset with its key and the card is charged once', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('droppay');
			const stripe = sdk(emulator, key);
			const customer = await customerWithCard(stripe);
			const draft = await draftWithItem(stripe, customer.id, 2500);
			emulator.addFault({ path: '/v1/invoices/*/pay', action: 'drop_after_commit' });

			// stripe-node retries ECONNRESET once even with maxNetworkRetries 0 (reference §4).
			const paid = await stripe.invoices.pay(draft.id);
			expect(paid.status).toBe('paid');
			expect(paid.lastResponse.headers['idempotent-replayed']).toBe('true');
			const ledger = emulator.ledger(key);
			expect(ledger.successfulChargesByInvoice).toEqual({ [draft.id]: 1 });
			expect(ledger.invoicesChargedTwice).toEqual([]);
		});
	});

	it('drop_before: nothing is created and the key is not held, so a retry creates it once', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('dropbefore');
			const { id: customer } = emulator.createCustomer(key);
			emulator.addFault({ path: '/v1/invoices', action: 'drop_before' });
			const params = { customer, 'metadata[n8n_reference]': 'row-2' };

			await expect(post(emulator, key, '/v1/invoices', params, 'invoice-row-2')).rejects.toThrow();
			expect(emulator.ledger(key).invoiceCount).toBe(0);

			const retry = await post(emulator, key, '/v1/invoices', params, 'invoice-row-2');
			expect(retry.status).toBe(200);
			expect(retry.headers.get('idempotent-replayed')).toBeNull();
			expect(emulator.ledger(key).invoicesByReference['row-2']).toHaveLength(1);
			expect(emulator.requests.map((r) => [r.status, r.fault])).toEqual([
				[0, 'drop_before'],
				[200, undefined],
			]);
		});
	});

	it('error_500: nothing is created or stored under the key, and the retry works', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('error500');
			const stripe = sdk(emulator, key);
			const { id: customer } = emulator.createCustomer(key);
			emulator.addFault({ method: 'post', path: '/v1/invoices', action: 'error_500' });

			const err = await rejectionOf(
				stripe.invoices.create({ customer }, { idempotencyKey: 'inv-500' }),
				StripeAPIError,
			);
			expect(err).toMatchObject({
				statusCode: 500,
				rawType: 'api_error',
				message: 'An unknown error occurred',
			});
			expect(err.headers?.['stripe-should-retry']).toBe('true');
			expect(emulator.ledger(key).invoiceCount).toBe(0);

			const retry = await stripe.invoices.create({ customer }, { idempotencyKey: 'inv-500' });
			expect(retry.lastResponse.headers['idempotent-replayed']).toBeUndefined();
			expect(emulator.ledger(key).invoiceCount).toBe(1);
		});
	});

	it('rate_limit_429 answers exactly like the rate limiter, without counting as rate limited', async () => {
		const clock = fakeClock();
		await withEmulator({ clock: clock.now }, async (emulator) => {
			const key = freshKey('fault429');
			emulator.addFault({ method: 'GET', path: '/v1/customers', action: 'rate_limit_429' });
			const injected = await fetch(`${emulator.url}/v1/customers`, {
				headers: { Authorization: `Bearer ${key}` },
			});
			emulator.setRateLimit(1);
			await fetch(`${emulator.url}/v1/customers`, { headers: { Authorization: `Bearer ${key}` } });
			const limited = await fetch(`${emulator.url}/v1/customers`, {
				headers: { Authorization: `Bearer ${key}` },
			});

			const shape = async (res: Response) => {
				const { error } = (await res.json()) as { error: Record<string, unknown> };
				const { request_log_url: url, ...rest } = error;
				expect(url).toEqual(expect.stringContaining('/test/logs/req_'));
				return { status: res.status, retry: res.headers.get('stripe-should-retry'), error: rest };
			};
			const expected = {
				status: 429,
				retry: 'true',
				error: {
					type: 'invalid_request_error',
					code: 'rate_limit',
					message: RATE_LIMIT_MESSAGE,
					doc_url: 'https://stripe.com/docs/error-codes/rate-limit',
				},
			};
			expect(await shape(injected)).toEqual(expected);
			expect(await shape(limited)).toEqual(expected);
			expect(emulator.stats()).toMatchObject({ rateLimited: 1, faultsInjected: 1 });
		});
	});

	it('nth, every, from and times choose which matches fire', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('counting');
			const stripe = sdk(emulator, key);
			const run = async (n: number) => statuses(Array.from({ length: n }, () => stripe.customers.list()));
			const sequential = async (n: number) => {
				const out: number[] = [];
				for (let i = 0; i < n; i++) out.push(...(await run(1)));
				return out;
			};

			const second = emulator.addFault({ path: '/v1/customers', nth: 2, action: 'error_500' });
			expect(await sequential(4)).toEqual([200, 500, 200, 200]);
			expect([second.matches, second.injected]).toEqual([4, 1]);
			second.remove();

			const window = emulator.addFault({
				path: '/v1/customers',
				every: true,
				from: 2,
				times: 2,
				action: 'error_500',
			});
			expect(await sequential(5)).toEqual([200, 500, 500, 200, 200]);
			expect([window.matches, window.injected]).toEqual([5, 2]);
			window.remove();

			// `from` alone means every match from there on.
			const fromThird = emulator.addFault({ path: '/v1/customers', from: 3, action: 'rate_limit_429' });
			expect(await sequential(4)).toEqual([200, 200, 429, 429]);
			fromThird.remove();

			const always = emulator.addFault({ path: '/v1/customers', every: true, action: 'error_500' });
			expect(await sequential(3)).toEqual([500, 500, 500]);
			always.remove();

			// Default: the first match only.
			const first = emulator.addFault({ path: '/v1/customers', action: 'error_500' });
			expect(await sequential(3)).toEqual([500, 200, 200]);
			expect(first.injected).toBe(1);
			expect(emulator.stats().faultsInjected).toBe(9);
		});
	});

	it('matches on method, API key and whole path, and counts only real API requests', async () => {
		await withEmulator({}, async (emulator) => {
			const keyA = freshKey('matchA');
			const keyB = freshKey('matchB');
			const a = sdk(emulator, keyA);
			const b = sdk(emulator, keyB);
			const customer = await customerWithCard(a);
			const draft = await draftWithItem(a, customer.id, 1000);

			const pay = emulator.addFault({
				method: 'POST',
				path: '/v1/invoices/*/pay',
				apiKey: keyA,
				every: true,
				action: 'error_500',
			});
			const retrieve = emulator.addFault({
				path: /^\/v1\/invoices\/in_[^/]+$/g,
				every: true,
				action: 'error_500',
			});
			const unrouted = emulator.addFault({ path: '/v1/nowhere/*', every: true, action: 'error_500' });

			await rejectionOf(b.invoices.pay('in_unknown'), Stripe.errors.StripeInvalidRequestError); // other key
			await a.invoices.listLineItems(draft.id); // '/v1/invoices/in_…/lines' matches neither rule
			await rejectionOf(a.invoices.pay(draft.id), StripeAPIError);
			// 401 (no key) and 404 (unknown route) are not real API requests: never counted.
			const noKey = await fetch(`${emulator.url}/v1/invoices/${draft.id}/pay`, { method: 'POST' });
			expect(noKey.status).toBe(401);
			const unknown = await fetch(`${emulator.url}/v1/nowhere/x`, {
				headers: { Authorization: `Bearer ${keyA}` },
			});
			expect(unknown.status).toBe(404);
			expect([pay.matches, pay.injected, unrouted.matches]).toEqual([1, 1, 0]);

			// A /g RegExp matches every time.
			await rejectionOf(a.invoices.retrieve(draft.id), StripeAPIError);
			await rejectionOf(a.invoices.retrieve(draft.id), StripeAPIError);
			expect([retrieve.matches, retrieve.injected]).toEqual([2, 2]);

			emulator.clearFaults();
			expect((await a.invoices.pay(draft.id)).status).toBe('paid');
		});
	});

	it('the first firing rule wins; later rules still count the match', async () => {
		await withEmulator({}, async (emulator) => {
			const stripe = sdk(emulator, freshKey('order'));
			const first = emulator.addFault({ path: '/v1/customers', action: 'error_500' });
			const second = emulator.addFault({ path: '/v1/customers', nth: 1, action: 'rate_limit_429' });
			expect(await statuses([stripe.customers.list()])).toEqual([500]);
			expect(await statuses([stripe.customers.list()])).toEqual([200]);
			expect([first.matches, first.injected, second.matches, second.injected]).toEqual([2, 1, 2, 0]);
		});
	});

	it('installs faults from the options, and reset() restores them with fresh counters', async () => {
		await withEmulator(
			{ faults: [{ method: 'GET', path: '/v1/customers', action: 'error_500' }] },
			async (emulator) => {
				const stripe = sdk(emulator, freshKey('optfaults'));
				expect(await statuses([stripe.customers.list()])).toEqual([500]);
				emulator.addFault({ path: '/v1/customers', every: true, action: 'rate_limit_429' });
				emulator.reset();
				expect(await statuses([stripe.customers.list()])).toEqual([500]);
				expect(await statuses([stripe.customers.list()])).toEqual([200]);
				expect(emulator.stats()).toMatchObject({ requests: 2, faultsInjected: 1 });
			},
		);
	});

	it('rejects malformed rules', () => {
		expect(() =>
			validateFaultRule({ path: '/v1/invoices', nth: 2, every: true, action: 'error_500' }),
		).toThrow('either nth or every/from');
		expect(() => validateFaultRule({ path: '/v1/invoices', nth: 0, action: 'error_500' })).toThrow('nth');
		expect(() => validateFaultRule({ path: 'v1/invoices', action: 'error_500' })).toThrow('path');
		expect(() => validateFaultRule({ path: '/v1/invoices', action: 'explode' })).toThrow('action');
		// JSON null means "not set".
		expect(validateFaultRule({ path: '/v1/invoices', nth: null, action: 'error_500' })).toMatchObject({
			nth: undefined,
		});
	});

	it('parses the CLI fault syntax', () => {
		expect(parseFaultSpec('POST /v1/invoices/*/pay drop_after_commit every times=3')).toEqual({
			method: 'POST',
			path: '/v1/invoices/*/pay',
			action: 'drop_after_commit',
			every: true,
			times: 3,
		});
		expect(parseFaultSpec('* /v1/invoices error_500 nth=2')).toMatchObject({ method: undefined, nth: 2 });
		expect(parseFaultSpec('get /v1/customers rate_limit_429 from=4')).toMatchObject({
			method: 'GET',
			from: 4,
		});
		expect(() => parseFaultSpec('POST /v1/invoices')).toThrow('expected');
		expect(() => parseFaultSpec('POST /v1/invoices error_500 often')).toThrow('unknown option often');
	});
});

describe('ledger', () => {
	it('groups invoices by reference and counts charges per invoice', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('ledger');
			const stripe = sdk(emulator, key);
			const good = await customerWithCard(stripe);
			const declined = await customerWithCard(stripe, 'pm_card_chargeDeclined');
			const withRef = async (customer: string, reference: string, amount: number) => {
				const draft = await draftWithItem(stripe, customer, amount);
				await stripe.invoices.update(draft.id, { metadata: { n8n_reference: reference } });
				return draft.id;
			};
			const first = await withRef(good.id, 'order-1', 1200);
			const duplicate = await withRef(good.id, 'order-1', 1200);
			const refused = await withRef(declined.id, 'order-2', 800);
			await draftWithItem(stripe, good.id, 100); // no reference
			await stripe.invoices.pay(first);
			await rejectionOf(stripe.invoices.pay(refused), StripeCardError);

			const ledger = emulator.ledger(key);
			expect(ledger.invoicesByReference['order-1']).toEqual([
				{ id: first, status: 'paid', customer: good.id, currency: 'usd', amountDue: 1200, amountPaid: 1200 },
				{
					id: duplicate,
					status: 'draft',
					customer: good.id,
					currency: 'usd',
					amountDue: 1200,
					amountPaid: 0,
				},
			]);
			expect(ledger.invoicesByReference['order-2']).toEqual([
				expect.objectContaining({ id: refused, status: 'open', amountDue: 800, amountPaid: 0 }),
			]);
			expect(ledger).toMatchObject({
				successfulChargesByInvoice: { [first]: 1 },
				failedChargesByInvoice: { [refused]: 1 },
				duplicateReferences: ['order-1'],
				invoicesChargedTwice: [],
				invoiceCount: 4,
				succeededCharges: 1,
			});
			expect(Object.keys(ledger.invoicesByReference)).toEqual(['order-1', 'order-2']);
		});
	});

	it('reads another metadata key, and a connected account on its own', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('ledgeropts');
			const stripe = sdk(emulator, key);
			const connected = { stripeAccount: 'acct_1LedgerConnected' };
			const customer = await stripe.customers.create({ name: 'Connected' }, connected);
			const invoice = await stripe.invoices.create(
				{ customer: customer.id, currency: 'usd', metadata: { row: 'r-7' } },
				connected,
			);
			expect(emulator.ledger(key).invoiceCount).toBe(0);
			const ledger = emulator.ledger(key, { stripeAccount: connected.stripeAccount, referenceKey: 'row' });
			expect(ledger.invoiceCount).toBe(1);
			expect(ledger.invoicesByReference).toEqual({ 'r-7': [expect.objectContaining({ id: invoice.id })] });
		});
	});
});

describe('recordRequests: false', () => {
	it('keeps the log empty while stats still count', async () => {
		await withEmulator({ recordRequests: false }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('norecord'));
			await stripe.customers.create({ name: 'Unlogged' });
			await rejectionOf(stripe.customers.retrieve('cus_missing'), Stripe.errors.StripeInvalidRequestError);
			expect(emulator.requests).toEqual([]);
			expect(emulator.stats()).toEqual({
				requests: 2,
				byMethod: { GET: 1, POST: 1 },
				byStatus: { '200': 1, '404': 1 },
				rateLimited: 0,
				faultsInjected: 0,
			});
		});
	});
});

describe('control endpoints', () => {
	it('configures latency and rate limit', async () => {
		await withEmulator({}, async (emulator) => {
			const stripe = sdk(emulator, freshKey('ctlconfig'));
			const set = await control(emulator, 'POST', '/config', { body: { rateLimit: 1, latencyMs: 0 } });
			expect(await set.json()).toEqual({
				latencyMs: 0,
				rateLimit: 1,
				endpointRateLimit: null,
				searchLagSeconds: 0,
				searchAvailable: true,
			});
			await stripe.customers.list();
			await rejectionOf(stripe.customers.list(), StripeRateLimitError);

			const cleared = await control(emulator, 'POST', '/config', { body: { rateLimit: null } });
			expect(await cleared.json()).toEqual({
				latencyMs: 0,
				rateLimit: null,
				endpointRateLimit: null,
				searchLagSeconds: 0,
				searchAvailable: true,
			});
			expect(await statuses(Array.from({ length: 10 }, () => stripe.customers.list()))).not.toContain(429);

			const bad = await control(emulator, 'POST', '/config', { body: { latencyMs: -5 } });
			expect(bad.status).toBe(400);
			expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('latencyMs');
		});
	});

	it('adds, lists and deletes faults', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('ctlfaults');
			const stripe = sdk(emulator, key);
			const added = await control(emulator, 'POST', '/faults', {
				body: { method: 'GET', path: '/v1/customers', every: true, apiKey: key, action: 'error_500' },
			});
			const { id } = (await added.json()) as { id: string };
			expect(id).toMatch(/^fault_\d+$/);
			await rejectionOf(stripe.customers.list(), StripeAPIError);

			const listed = (await (await control(emulator, 'GET', '/faults')).json()) as {
				data: Array<Record<string, unknown>>;
			};
			expect(listed.data).toEqual([
				expect.objectContaining({ id, path: '/v1/customers', action: 'error_500', matches: 1, injected: 1 }),
			]);
			expect(JSON.stringify(listed)).not.toContain(key);

			expect((await control(emulator, 'DELETE', `/faults/${id}`)).status).toBe(200);
			expect((await control(emulator, 'DELETE', `/faults/${id}`)).status).toBe(404);
			await control(emulator, 'POST', '/faults', { body: { path: '/v1/customers', action: 'error_500' } });
			expect((await control(emulator, 'DELETE', '/faults')).status).toBe(200);
			expect((await stripe.customers.list()).data).toEqual([]);

			const invalid = await control(emulator, 'POST', '/faults', { body: { path: '/v1/customers' } });
			expect(invalid.status).toBe(400);
			expect((await control(emulator, 'POST', '/faults', { body: 'nope' })).status).toBe(400);
		});
	});

	it('bulk-creates customers and reports the ledger and stats', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('ctlbulk');
			const stripe = sdk(emulator, key);
			const bulk = await control(emulator, 'POST', '/customers', { apiKey: key, body: { count: 3 } });
			const { ids } = (await bulk.json()) as { ids: string[] };
			expect(ids).toHaveLength(3);
			const customer = (await stripe.customers.retrieve(ids[2])) as Stripe.Customer;
			expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_/);
			const invoice = await draftWithItem(stripe, ids[0], 900);
			await stripe.invoices.update(invoice.id, { metadata: { n8n_reference: 'bulk-1' } });
			await stripe.invoices.pay(invoice.id);

			const ledger = await control(emulator, 'GET', '/ledger', { apiKey: key });
			expect(await ledger.json()).toMatchObject({
				invoicesByReference: { 'bulk-1': [{ id: invoice.id, status: 'paid', amountPaid: 900 }] },
				successfulChargesByInvoice: { [invoice.id]: 1 },
				invoiceCount: 1,
			});
			const otherKey = await control(emulator, 'GET', '/ledger?referenceKey=other', {
				apiKey: key,
				headers: { 'Stripe-Account': 'acct_1BulkConnected' },
			});
			expect(await otherKey.json()).toMatchObject({ invoiceCount: 0, invoicesByReference: {} });
			expect((await control(emulator, 'GET', '/ledger')).status).toBe(401);

			const stats = (await (await control(emulator, 'GET', '/stats')).json()) as Record<string, unknown>;
			expect(stats).toEqual(emulator.stats());
			expect(stats.requests).toBe(emulator.requests.length);

			for (const body of [{ count: 20001 }, { count: 0 }, { count: 2, paymentMethod: 'pm_card_bogus' }]) {
				expect((await control(emulator, 'POST', '/customers', { apiKey: key, body })).status).toBe(400);
			}
			const noCard = await control(emulator, 'POST', '/customers', {
				apiKey: key,
				body: { count: 1, paymentMethod: null },
			});
			const [bare] = ((await noCard.json()) as { ids: string[] }).ids;
			const bareCustomer = (await stripe.customers.retrieve(bare)) as Stripe.Customer;
			expect(bareCustomer.invoice_settings.default_payment_method).toBeNull();
		});
	});

	it('creates 20,000 customers in one call', async () => {
		await withEmulator({}, async (emulator) => {
			const key = freshKey('ctlmany');
			const res = await control(emulator, 'POST', '/customers', { apiKey: key, body: { count: 20000 } });
			expect(((await res.json()) as { ids: string[] }).ids).toHaveLength(20000);
			expect(emulator.ledger(key).invoiceCount).toBe(0);
		});
	});

	it('resets everything', async () => {
		await withEmulator({}, async (emulator) => {
			const stripe = sdk(emulator, freshKey('ctlreset'));
			await stripe.customers.create({ name: 'Gone soon' });
			emulator.addFault({ path: '/v1/customers', action: 'error_500', nth: 5 });
			expect(await (await control(emulator, 'POST', '/reset')).json()).toEqual({ reset: true });
			expect(emulator.requests).toEqual([]);
			expect(emulator.stats().requests).toBe(0);
			expect((await stripe.customers.list()).data).toEqual([]);
			expect(await (await control(emulator, 'GET', '/faults')).json()).toEqual({ data: [] });
		});
	});

	it('are not recorded, rate limited, delayed or matched by faults; unknown paths are 404', async () => {
		await withEmulator({ rateLimit: 1, latencyMs: 20_000 }, async (emulator) => {
			emulator.addFault({ path: /.*/, every: true, action: 'drop_before' });
			for (let i = 0; i < 5; i++) {
				const res = await fetch(`${emulator.url}/_emulator/stats`, { signal: AbortSignal.timeout(5000) });
				expect(res.status).toBe(200);
			}
			const unknown = await control(emulator, 'GET', '/nothing-here');
			expect(unknown.status).toBe(404);
			expect(unknown.headers.get('content-type')).toBe('application/json');
			expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
				'/_emulator/nothing-here',
			);
			expect(emulator.requests).toEqual([]);
			expect(emulator.stats()).toEqual({
				requests: 0,
				byMethod: {},
				byStatus: {},
				rateLimited: 0,
				faultsInjected: 0,
			});
		});
	});
});

describe('CLI', () => {
	it('prints the URL line with --port 0 --quiet and applies its limit, search and --fault flags', async () => {
		const root = resolve(__dirname, '../..');
		const child = spawn(
			process.execPath,
			[
				require.resolve('ts-node/dist/bin.js'),
				'--transpile-only',
				'--prefer-ts-exts',
				'test/emulator/cli.ts',
				'--port',
				'0',
				'--quiet',
				'--no-seed',
				'--rate-limit',
				'50',
				'--endpoint-rate-limit',
				'40',
				'--search-lag',
				'60',
				'--no-search',
				'--fault',
				'POST /v1/customers error_500 nth=2',
			],
			{ cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		try {
			let output = '';
			const url = await new Promise<string>((resolveUrl, reject) => {
				child.stdout.on('data', (chunk: Buffer) => {
					output += chunk.toString('utf8');
					const found = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(output);
					if (found) resolveUrl(found[1]);
				});
				child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
			});
			const key = freshKey('cli');
			const create = () =>
				fetch(`${url}/v1/customers`, { method: 'POST', headers: { Authorization: `Bearer ${key}` } });
			expect([(await create()).status, (await create()).status, (await create()).status]).toEqual([
				200, 500, 200,
			]);
			const ledger = await fetch(`${url}/_emulator/ledger`, { headers: { Authorization: `Bearer ${key}` } });
			expect(await ledger.json()).toMatchObject({ invoiceCount: 0 });
			const config = await fetch(`${url}/_emulator/config`, { method: 'POST', body: '{}' });
			expect(await config.json()).toEqual({
				latencyMs: 0,
				rateLimit: 50,
				endpointRateLimit: 40,
				searchLagSeconds: 60,
				searchAvailable: false,
			});
			const customers = await fetch(`${url}/v1/customers`, { headers: { Authorization: `Bearer ${key}` } });
			// --no-seed: only the two customers created above.
			expect(((await customers.json()) as { data: unknown[] }).data).toHaveLength(2);
			expect(output.trim().split('\n')).toHaveLength(1);
		} finally {
			await new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			});
		}
	});
});
