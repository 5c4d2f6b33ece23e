import { AdaptiveRate } from '../nodes/shared/transport/adaptiveRate';
import { PacePlanner } from '../nodes/shared/transport/pacer';
import { endpointOf, stripePath } from '../nodes/shared/transport/stripePath';

const PAY = 'POST /v1/invoices/:id/pay';
const CREATE = 'POST /v1/invoices';
const tuning = { decrease: 0.5, increaseShare: 0.1, cooldownMs: 1000, floorShare: 0.1 };

/** Reserves `count` requests for `endpoint` at time `now` and answers their send times. */
function reserveMany(planner: PacePlanner, endpoint: string, count: number, now = 0): number[] {
	return Array.from({ length: count }, () => planner.reserve(endpoint, now));
}

describe('endpointOf: the per-endpoint rate-limit key', () => {
	test('names the method and the path template, IDs replaced by :id', () => {
		expect(endpointOf('POST', stripePath`/v1/invoices/${'in_123'}/pay`)).toBe(PAY);
		expect(endpointOf('GET', stripePath`/v1/invoices/${'in_9'}`)).toBe('GET /v1/invoices/:id');
		expect(endpointOf('GET', stripePath`/v1/invoices/search`)).toBe('GET /v1/invoices/search');
		expect(endpointOf('POST', stripePath`/v1/invoiceitems/${'ii_1'}`)).toBe('POST /v1/invoiceitems/:id');
		expect(endpointOf('POST', stripePath`/v1/invoices`)).toBe(CREATE);
	});
});

describe('PacePlanner (clock given, nothing waits)', () => {
	test('spaces one endpoint at its own limit even when the account allows more', () => {
		const planner = new PacePlanner({ global: 100, perEndpoint: 25 }, tuning);
		expect(reserveMany(planner, PAY, 4)).toEqual([0, 40, 80, 120]);
	});

	test('fills the account limit across endpoints, a quiet endpoint using the gaps of a busy one', () => {
		const planner = new PacePlanner({ global: 100, perEndpoint: 25 }, tuning);
		reserveMany(planner, PAY, 3); // 0, 40, 80
		const others = ['POST /v1/invoices/:id/finalize', CREATE, 'GET /v1/invoices/:id'].map((endpoint) =>
			planner.reserve(endpoint, 0),
		);
		expect(others).toEqual([10, 20, 30]);
	});

	test('spaces everything at the account limit when it is the lower one', () => {
		const planner = new PacePlanner({ global: 25, perEndpoint: 25 }, tuning);
		const times = ['A', 'B', 'C', 'D'].map((endpoint) => planner.reserve(endpoint, 0));
		expect(times).toEqual([0, 40, 80, 120]);
	});

	test('an endpoint with a lower limit of its own (search) is spaced by it', () => {
		const planner = new PacePlanner({ global: 100, perEndpoint: 25, endpoints: { SEARCH: 20 } }, tuning);
		expect(reserveMany(planner, 'SEARCH', 3)).toEqual([0, 50, 100]);
	});

	test('idle time earns no burst: after a pause requests are spaced again, not sent at once', () => {
		const planner = new PacePlanner({ global: 10, perEndpoint: 10 }, tuning);
		planner.reserve('A', 0);
		expect(reserveMany(planner, 'A', 3, 5000)).toEqual([5000, 5100, 5200]);
	});

	test('a 429 cuts the rate multiplicatively, once per cooldown, then it recovers additively', () => {
		const planner = new PacePlanner({ global: 20, perEndpoint: 20 }, tuning);
		planner.rateLimited('A', 0);
		expect(planner.rates('A', 0)).toEqual({ global: 10, endpoint: 10 });
		// More 429s for requests sent before the cut do not cut again.
		planner.rateLimited('A', 500);
		expect(planner.rates('A', 500).global).toBe(11);
		// A tenth of the cap (2 requests/s) regained per second without a 429, up to the cap and no further.
		expect(planner.rates('A', 3000).global).toBe(16);
		expect(planner.rates('A', 60_000).global).toBe(20);
	});

	test('after a cut, requests are spaced at the lower rate', () => {
		const planner = new PacePlanner({ global: 20, perEndpoint: 20 }, tuning);
		planner.rateLimited('A', 0);
		const [first, second] = reserveMany(planner, 'A', 2);
		expect(second - first).toBe(100); // 10 requests/s
	});

	test('the rate never falls below its floor, however many 429s', () => {
		const planner = new PacePlanner({ global: 20, perEndpoint: 20 }, { ...tuning, floorShare: 0.3 });
		for (let second = 0; second < 30; second++) planner.rateLimited('A', second * 1000);
		expect(planner.rates('A', 29_000).global).toBe(6);
	});

	test('a 429 on one endpoint slows that endpoint and the account, not other endpoints’ own caps', () => {
		const planner = new PacePlanner({ global: 100, perEndpoint: 25 }, tuning);
		planner.rateLimited(PAY, 0);
		expect(planner.rates(PAY, 0)).toEqual({ global: 50, endpoint: 12.5 });
		expect(planner.rates(CREATE, 0).endpoint).toBe(25);
	});
});

describe('AdaptiveRate: two clients sharing one limit settle under it', () => {
	test('their combined rate converges to just under the limit and stays fair', () => {
		const limit = 25;
		const aimd = { decrease: 0.7, increaseShare: 0.02, cooldownMs: 1000, floorShare: 0.05 };
		const [a, b] = [new AdaptiveRate(limit, aimd), new AdaptiveRate(limit, aimd)];
		// b starts later, after a has had the account to itself.
		b.cut(0);
		b.cut(1000);
		b.cut(2000);
		let over = 0;
		const combined: number[] = [];
		for (let now = 3000; now <= 120_000; now += 100) {
			const total = a.at(now) + b.at(now);
			combined.push(total);
			// Stripe answers 429 to both once together they exceed the limit.
			if (total > limit) {
				over++;
				a.cut(now);
				b.cut(now);
			}
		}
		const lastMinute = combined.slice(-600);
		const average = lastMinute.reduce((sum, rate) => sum + rate, 0) / lastMinute.length;
		expect(average).toBeGreaterThan(0.8 * limit);
		expect(average).toBeLessThanOrEqual(limit);
		expect(over / combined.length).toBeLessThan(0.05);
		expect(Math.abs(a.at(120_000) - b.at(120_000))).toBeLessThan(2);
	});
});
