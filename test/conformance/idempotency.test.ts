// Idempotency-Key semantics (reference §4) as seen through the SDK.
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeAPIError, StripeCardError, StripeIdempotencyError, StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

describe('idempotency', () => {
	it('replays the first response for the same key and params', async () => {
		const key = freshKey('replay');
		const stripe = sdk(emulator, key);
		const first = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: 'create-once' });
		const again = await stripe.customers.create({ name: 'Once' }, { idempotencyKey: 'create-once' });
		expect(again.id).toBe(first.id);
		expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
		expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
		expect(again.lastResponse.requestId).not.toBe(first.lastResponse.requestId);
		expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
		expect((await stripe.customers.list()).data).toHaveLength(1);

		const raw = emulator.requests.filter((r) => r.headers.idempotencyKey === 'create-once');
		expect(raw.map((r) => r.status)).toEqual([200, 200]);
	});

	it('replays the identical body byte for byte, errors included', async () => {
		const key = freshKey('replaybody');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 5000)).id);
		const first = await rejectionOf(
			stripe.invoices.pay(open.id, undefined, { idempotencyKey: 'pay-declined' }),
			StripeCardError,
		);
		const second = await rejectionOf(
			stripe.invoices.pay(open.id, undefined, { idempotencyKey: 'pay-declined' }),
			StripeCardError,
		);
		const pick = (e: InstanceType<typeof StripeCardError>) => [
			e.code,
			e.decline_code,
			e.charge,
			e.payment_intent,
			(e.raw as { request_log_url?: string }).request_log_url,
		];
		expect(pick(second)).toEqual(pick(first));
		expect(second.headers?.['idempotent-replayed']).toBe('true');
		// The replay did not attempt the card again.
		expect(emulator.charges(key)).toHaveLength(1);

		const url = `${emulator.url}/v1/invoices/${open.id}/pay`;
		const init = {
			method: 'POST',
			headers: { Authorization: `Bearer ${key}`, 'Idempotency-Key': 'pay-declined' },
		};
		const bodies = await Promise.all([fetch(url, init), fetch(url, init)].map(async (p) => (await p).text()));
		expect(bodies[0]).toBe(bodies[1]);
	});

	it('rejects the same key with different params', async () => {
		const stripe = sdk(emulator, freshKey('mismatch'));
		await stripe.customers.create({ name: 'First' }, { idempotencyKey: 'shared-key' });
		const err = await rejectionOf(
			stripe.customers.create({ name: 'Second' }, { idempotencyKey: 'shared-key' }),
			StripeIdempotencyError,
		);
		expect(err.statusCode).toBe(400);
		expect(err.rawType).toBe('idempotency_error');
		expect(err.message).toBe(
			"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'shared-key' if you meant to execute a different request.",
		);
	});

	it('does not store validation failures, so the key can be reused after fixing the request', async () => {
		const stripe = sdk(emulator, freshKey('validation'));
		await rejectionOf(
			stripe.customers.create({ name: 'x', nickname: 'y' } as Stripe.CustomerCreateParams, {
				idempotencyKey: 'fix-me',
			}),
			StripeInvalidRequestError,
		);
		const fixed = await stripe.customers.create({ name: 'x' }, { idempotencyKey: 'fix-me' });
		expect(fixed.lastResponse.headers['idempotent-replayed']).toBeUndefined();
	});

	it('keeps keys per account', async () => {
		const a = sdk(emulator, freshKey('acctA'));
		const b = sdk(emulator, freshKey('acctB'));
		const fromA = await a.customers.create({ name: 'A' }, { idempotencyKey: 'same-key' });
		const fromB = await b.customers.create({ name: 'B' }, { idempotencyKey: 'same-key' });
		expect(fromB.id).not.toBe(fromA.id);
		expect(fromB.name).toBe('B');
	});

	it('answers 409 to a concurrent request with a key that is still in flight', async () => {
		const slow = await startEmulator({ latencyMs: 300 });
		try {
			const stripe = sdk(slow, freshKey('inflight'));
			const results = await Promise.allSettled([
				stripe.customers.create({ name: 'Race' }, { idempotencyKey: 'race-key' }),
				stripe.customers.create({ name: 'Race' }, { idempotencyKey: 'race-key' }),
			]);
			const fulfilled = results.filter((r) => r.status === 'fulfilled');
			const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
			expect(fulfilled).toHaveLength(1);
			expect(rejected).toHaveLength(1);
			const err: unknown = rejected[0].reason;
			expect(err).toBeInstanceOf(StripeAPIError);
			expect(err).toMatchObject({
				statusCode: 409,
				code: 'idempotency_key_in_use',
				message: 'The idempotency key provided is currently being used in another request.',
			});
			expect((err as InstanceType<typeof StripeAPIError>).headers?.['stripe-should-retry']).toBe('true');
			expect(slow.requests.map((r) => r.status).sort()).toEqual([200, 409]);
		} finally {
			await slow.close();
		}
	});

	it('rejects keys longer than 255 characters', async () => {
		const stripe = sdk(emulator, freshKey('longkey'));
		await rejectionOf(
			stripe.customers.create({ name: 'x' }, { idempotencyKey: 'k'.repeat(256) }),
			StripeInvalidRequestError,
		);
	});
});
