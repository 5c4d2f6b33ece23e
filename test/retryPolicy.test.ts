import { referenceIdempotencyKey } from '../nodes/shared/transport/idempotencyKey';
import { retryDelayMs, shouldRetry } from '../nodes/shared/transport/retry';

describe('which failures are retried', () => {
	test.each([
		['no answer (dropped connection, timeout)', undefined, undefined, true],
		['429 rate limited', 429, undefined, true],
		['409 idempotency key in use / lock timeout', 409, undefined, true],
		['500', 500, undefined, true],
		['503', 503, undefined, true],
		['400 invalid request', 400, undefined, false],
		['402 card declined', 402, undefined, false],
		['404 no such invoice', 404, undefined, false],
		['429 that Stripe says not to retry', 429, 'false', false],
		['500 that Stripe says not to retry (a replayed failure)', 500, 'false', false],
		['400 that Stripe says to retry', 400, 'true', true],
	])('%s', (_name, status, header, expected) => {
		expect(shouldRetry(status, header)).toBe(expected);
	});
});

describe('backoff between attempts', () => {
	test('grows exponentially from 0.5 s, with jitter, capped at 5 s', () => {
		const low = () => 0;
		const high = () => 0.999999;
		expect([0, 1, 2, 3, 4, 8].map((n) => retryDelayMs(n, low))).toEqual([500, 500, 1000, 2000, 2500, 2500]);
		expect([0, 1, 2, 3, 4, 8].map((n) => retryDelayMs(n, high))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
	});
});

describe('idempotency keys derived from a reference', () => {
	test('are stable and readable for a plain reference', () => {
		const key = referenceIdempotencyKey('order-1001', 'invoiceAndCollect', ['create']);
		expect(key).toBe('n8n-ref:order-1001:invoiceAndCollect:create');
		expect(referenceIdempotencyKey('order-1001', 'invoiceAndCollect', ['create'])).toBe(key);
	});

	test('differ by step and target, so one reference covers every write of a billing event', () => {
		const keys = new Set([
			referenceIdempotencyKey('o-1', 'invoiceAndCollect', ['create']),
			referenceIdempotencyKey('o-1', 'invoiceAndCollect', ['in_1', 'finalize']),
			referenceIdempotencyKey('o-1', 'invoiceAndCollect', ['in_2', 'finalize']),
			referenceIdempotencyKey('o-2', 'invoiceAndCollect', ['create']),
		]);
		expect(keys.size).toBe(4);
	});

	test('hash references that are long or not printable ASCII, within Stripe’s 255 characters', () => {
		const long = referenceIdempotencyKey('x'.repeat(400), 'invoice.pay', ['/v1/invoices/in_1/pay']);
		const unicode = referenceIdempotencyKey('Bestellung Müller 7', 'invoiceAndCollect', ['create']);
		expect(long).toMatch(/^n8n-ref:~[0-9a-f]{64}:invoice\.pay:\/v1\/invoices\/in_1\/pay$/);
		expect(unicode).toMatch(/^n8n-ref:~[0-9a-f]{64}:invoiceAndCollect:create$/);
		expect(long.length).toBeLessThanOrEqual(255);
		expect(referenceIdempotencyKey('Bestellung Müller 8', 'invoiceAndCollect', ['create'])).not.toBe(unicode);
	});
});
