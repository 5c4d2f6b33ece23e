// The per-endpoint rate limit beside the account-wide one, Stripe's per-mode defaults, their 429
// bodies as the SDK sees them, the search lag and accounts without search.
import Stripe from 'stripe';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk } from './helpers';

const { StripeRateLimitError, StripeInvalidRequestError } = Stripe.errors;

function fakeClock() {
	let ms = 0;
	return { now: () => ms, advance: (by: number) => (ms += by) };
}

async function withEmulator(opts: EmulatorOptions, run: (emulator: RunningEmulator) => Promise<void>) {
	const emulator = await startEmulator(opts);
	try {
		await run(emulator);
	} finally {
		await emulator.close();
	}
}

async function statuses(calls: Array<() => Promise<unknown>>): Promise<number[]> {
	const out: number[] = [];
	for (const call of calls) {
		try {
			await call();
			out.push(200);
		} catch (error) {
			out.push((error as { statusCode?: number }).statusCode ?? -1);
		}
	}
	return out;
}

const times = <T>(count: number, call: () => T): Array<() => T> => Array.from({ length: count }, () => call);

describe('per-endpoint rate limit', () => {
	it('turns away one endpoint over its limit while others still pass, with its own 429 body', async () => {
		const clock = fakeClock();
		await withEmulator({ endpointRateLimit: 3, clock: clock.now }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('endpoint'));
			expect(await statuses(times(4, () => stripe.customers.list()))).toEqual([200, 200, 200, 429]);
			// Another endpoint has a budget of its own; a retrieve by id counts as GET /v1/customers/:id.
			expect(await statuses(times(3, () => stripe.invoices.list()))).toEqual([200, 200, 200]);
			const customer = await stripe.customers.create({ name: 'A' });
			const retrieve = () => stripe.customers.retrieve(customer.id);
			expect(await statuses(times(3, retrieve))).toEqual([200, 200, 200]);

			const error = await rejectionOf(stripe.customers.list(), StripeRateLimitError);
			expect(error).toMatchObject({
				statusCode: 429,
				rawType: 'invalid_request_error',
				code: 'rate_limit',
				message:
					'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
			});
			expect(error.headers?.['stripe-should-retry']).toBe('true');
			clock.advance(1000);
			expect(await statuses(times(1, () => stripe.customers.list()))).toEqual([200]);
			expect(emulator.stats().rateLimited).toBe(2);
		});
	});

	it("'stripe' applies Stripe's defaults by mode: 25/s test, 100/s live, 25/s per endpoint", async () => {
		const clock = fakeClock();
		await withEmulator({ rateLimit: 'stripe', clock: clock.now }, async (emulator) => {
			const test = sdk(emulator, freshKey('modetest'));
			const testRun = await statuses([
				...times(20, () => test.customers.list()),
				...times(6, () => test.invoices.list()),
			]);
			// The 26th request in a second is over the test-mode account limit.
			expect(testRun.slice(0, 25).every((status) => status === 200)).toBe(true);
			expect(testRun[25]).toBe(429);

			const live = sdk(emulator, `sk_live_${freshKey('modelive').slice(8)}`);
			const liveOne = await statuses(times(26, () => live.customers.list()));
			// Live mode allows 100/s, but one endpoint still only 25.
			expect(liveOne.filter((status) => status === 429)).toHaveLength(1);
			expect(liveOne[25]).toBe(429);
			const others = await statuses([
				...times(25, () => live.invoices.list()),
				...times(25, () => live.invoiceItems.list()),
				...times(25, () => live.invoices.search({ query: "status:'open'" })),
			]);
			expect(others).toEqual(Array(75).fill(200));
			// 25 + 75 = the live account's 100 for this second: the next request on any endpoint is over.
			const error = await rejectionOf(live.customers.retrieve('cus_any'), StripeRateLimitError);
			expect(error.message).toBe(
				'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
			);
		});
	});

	it('setEndpointRateLimit changes the limit at runtime', async () => {
		await withEmulator({}, async (emulator) => {
			const stripe = sdk(emulator, freshKey('setendpoint'));
			emulator.setEndpointRateLimit(1);
			expect(await statuses(times(2, () => stripe.customers.list()))).toEqual([200, 429]);
			emulator.setEndpointRateLimit(undefined);
			expect(await statuses(times(5, () => stripe.customers.list()))).not.toContain(429);
		});
	});
});

describe('search lag', () => {
	const byReference = (stripe: Stripe, ref: string) =>
		stripe.invoices.search({ query: `metadata['n8n_reference']:'${ref}'` });

	it('hides an object from search until the lag has passed since its last write', async () => {
		const clock = fakeClock();
		await withEmulator({ searchLagSeconds: 60, clock: clock.now }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('lag'));
			const customer = await customerWithCard(stripe);
			const invoice = await stripe.invoices.create({
				customer: customer.id,
				metadata: { n8n_reference: 'r1' },
			});
			expect((await byReference(stripe, 'r1')).data).toEqual([]);
			// A list is read-after-write, search is not.
			expect((await stripe.invoices.list({ customer: customer.id })).data.map((i) => i.id)).toEqual([
				invoice.id,
			]);
			clock.advance(59_999);
			expect((await byReference(stripe, 'r1')).data).toEqual([]);
			clock.advance(1);
			expect((await byReference(stripe, 'r1')).data.map((i) => i.id)).toEqual([invoice.id]);

			// Adding a line writes the invoice too: it drops out of search again for the lag.
			await stripe.invoiceItems.create({
				customer: customer.id,
				invoice: invoice.id,
				amount: 500,
				currency: 'usd',
			});
			expect((await byReference(stripe, 'r1')).data).toEqual([]);
			clock.advance(60_000);
			expect((await byReference(stripe, 'r1')).data[0]).toMatchObject({ id: invoice.id, subtotal: 500 });
		});
	});

	it('is set at runtime (an hour, as in an outage) and back to 0', async () => {
		const clock = fakeClock();
		await withEmulator({ clock: clock.now }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('lagset'));
			const customer = await customerWithCard(stripe);
			emulator.setSearchLag(3600);
			await stripe.invoices.create({ customer: customer.id, metadata: { n8n_reference: 'r2' } });
			clock.advance(3_599_000);
			expect((await byReference(stripe, 'r2')).data).toEqual([]);
			emulator.setSearchLag(0);
			expect((await byReference(stripe, 'r2')).data).toHaveLength(1);
			expect(() => emulator.setSearchLag(-1)).toThrow('searchLagSeconds');
		});
	});

	it('search can be switched off, as for accounts where Stripe offers none', async () => {
		await withEmulator({ searchAvailable: false }, async (emulator) => {
			const stripe = sdk(emulator, freshKey('nosearch'));
			const error = await rejectionOf(byReference(stripe, 'r3'), StripeInvalidRequestError);
			expect(error).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error' });
			expect((await stripe.invoices.list()).object).toBe('list');
			emulator.setSearchAvailable(true);
			expect((await byReference(stripe, 'r3')).object).toBe('search_result');
		});
	});
});

describe('bulk past invoices (POST /_emulator/invoices)', () => {
	it('adds tagged drafts to each customer, listable and searchable at once', async () => {
		await withEmulator({ searchLagSeconds: 3600 }, async (emulator) => {
			const key = freshKey('history');
			const stripe = sdk(emulator, key);
			const [a, b] = [await customerWithCard(stripe), await customerWithCard(stripe)];
			const post = (body: unknown) =>
				fetch(`${emulator.url}/_emulator/invoices`, {
					method: 'POST',
					headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				});

			const created = await post({ customers: [a.id, b.id], perCustomer: 3 });

			expect(created.status).toBe(200);
			expect(((await created.json()) as { ids: string[] }).ids).toHaveLength(6);
			expect((await stripe.invoices.list({ customer: a.id })).data).toHaveLength(3);
			const found = await stripe.invoices.search({ query: `metadata['n8n_reference']:'past-${b.id}-2'` });
			expect(found.data).toHaveLength(1);
			expect(found.data[0]).toMatchObject({ customer: b.id, status: 'draft' });
			expect((await post({ customers: ['cus_missing'], perCustomer: 1 })).status).toBe(400);
			expect((await post({ customers: [a.id], perCustomer: 0 })).status).toBe(400);
			// Set-up is not API traffic.
			expect(emulator.requests.some((request) => request.path.startsWith('/_emulator'))).toBe(false);
		});
	});
});
