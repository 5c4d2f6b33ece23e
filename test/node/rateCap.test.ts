import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

const STRIPE_LIMIT = 30; // requests per second per account, as the emulator enforces it

function rows(account: ReturnType<typeof world.account>, count: number) {
	return Array.from({ length: count }, (_, i) => ({
		customer: account.customer(),
		amount: 100 + i,
		currency: 'usd',
	}));
}

describe("staying under Stripe's rate limit", () => {
	beforeEach(() => world.emulator().setRateLimit(STRIPE_LIMIT));
	afterEach(() => world.emulator().setRateLimit(undefined));

	test('with the cap at the limit, a concurrent batch gets no 429 at all', async () => {
		const account = world.account();
		const before = world.emulator().stats().rateLimited;

		const result = await account.run(rows(account, 20), {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { concurrency: 10, maxRequestsPerSecond: STRIPE_LIMIT } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Collect')!.every((item) => item.json.paid === true)).toBe(true);
		expect(world.emulator().stats().rateLimited - before).toBe(0);
	});

	test('without a cap the same batch is rate limited, and retries still bill every row once', async () => {
		const account = world.account();
		const before = world.emulator().stats().rateLimited;

		const result = await account.run(rows(account, 20), {
			name: 'Collect',
			parameters: invoiceAndCollect({
				options: { concurrency: 10, maxRequestsPerSecond: 10_000, maxAttempts: 10 },
			}),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Collect')!.every((item) => item.json.paid === true)).toBe(true);
		expect(world.emulator().stats().rateLimited - before).toBeGreaterThan(0);
		const ledger = world.emulator().ledger(account.key);
		expect(ledger.succeededCharges).toBe(20);
		expect(ledger.invoiceCount).toBe(20);
	});
});
