// Parameter validation: unknown params, types, required params, unknown routes.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
let key: string;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	key = freshKey('params');
	stripe = sdk(emulator, key);
});

/** Raw form POST, for inputs the typed SDK would not let us send. */
async function post(path: string, body: string): Promise<{ status: number; error: Record<string, unknown> }> {
	const res = await fetch(`${emulator.url}${path}`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
		body,
	});
	const json = (await res.json()) as { error: Record<string, unknown> };
	return { status: res.status, error: json.error };
}

describe('parameter validation', () => {
	it('rejects unknown top-level and nested parameters by their bracket name', async () => {
		const customer = await customerWithCard(stripe);
		const top = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, colour: 'blue' } as Stripe.InvoiceCreateParams),
			StripeInvalidRequestError,
		);
		expect(top).toMatchObject({
			statusCode: 400,
			code: 'parameter_unknown',
			param: 'colour',
			message: 'Received unknown parameter: colour',
		});
		const nested = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				period: { start: 1, end: 2, middle: 3 } as Stripe.InvoiceItemCreateParams.Period,
			}),
			StripeInvalidRequestError,
		);
		expect(nested).toMatchObject({ code: 'parameter_unknown', param: 'period[middle]' });
		// Removed-in-basil params are unknown too.
		const removed = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				price: 'price_x',
			} as Stripe.InvoiceItemCreateParams),
			StripeInvalidRequestError,
		);
		expect(removed.param).toBe('price');
	});

	it('rejects non-integers where Stripe wants integers, naming the param', async () => {
		const customer = await customerWithCard(stripe);
		const res = await post('/v1/invoiceitems', `customer=${customer.id}&currency=usd&amount=12.50`);
		expect(res).toMatchObject({
			status: 400,
			error: {
				type: 'invalid_request_error',
				code: 'parameter_invalid_integer',
				param: 'amount',
				message: 'Invalid integer: 12.50',
			},
		});
		const nested = await post(
			'/v1/invoiceitems',
			`customer=${customer.id}&currency=usd&amount=100&period[start]=soon&period[end]=2`,
		);
		expect(nested.error).toMatchObject({ param: 'period[start]', message: 'Invalid integer: soon' });
	});

	it('requires customer on invoice items and refuses to unset it', async () => {
		const missing = await rejectionOf(
			stripe.invoiceItems.create({ amount: 100, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		expect(missing).toMatchObject({
			code: 'parameter_missing',
			param: 'customer',
			message: 'Missing required param: customer.',
		});
		const empty = await post('/v1/invoiceitems', 'customer=&amount=100&currency=usd');
		expect(empty.error).toMatchObject({ code: 'parameter_invalid_empty', param: 'customer' });
	});

	it('treats an empty value as unset (metadata key removal)', async () => {
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({
			customer: customer.id,
			metadata: { keep: '1', drop: '2' },
		});
		const updated = await stripe.invoices.update(invoice.id, {
			metadata: { drop: '' },
			description: 'Now described',
		});
		expect(updated.metadata).toEqual({ keep: '1' });
		expect((await stripe.invoices.update(invoice.id, { description: '' })).description).toBeNull();
	});

	it('rejects combining amount and quantity', async () => {
		const customer = await customerWithCard(stripe);
		const err = await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, amount: 100, quantity: 2, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		expect(err.message).toBe('You may only specify one of these parameters: amount, quantity.');
	});

	it('caps amounts at 99999999', async () => {
		const customer = await customerWithCard(stripe);
		const err = await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, amount: 100000000, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ code: 'amount_too_large', param: 'amount' });
	});

	it("answers unknown routes with Stripe's 404", async () => {
		const res = await post('/v1/invoices_v2', '');
		expect(res.status).toBe(404);
		expect(res.error.message).toBe(
			'Unrecognized request URL (POST: /v1/invoices_v2). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.',
		);
	});

	it('rejects JSON bodies (Stripe only takes form encoding)', async () => {
		const res = await fetch(`${emulator.url}/v1/customers`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
			body: JSON.stringify({ name: 'x' }),
		});
		expect(res.status).toBe(400);
	});
});
