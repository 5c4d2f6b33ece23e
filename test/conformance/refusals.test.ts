// Requests real Stripe refuses: both cursors, past due dates, amounts over the currency maximum,
// over-long descriptions, bad statement descriptors, oversized bodies.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
let key: string;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	key = freshKey('refuse');
	stripe = sdk(emulator, key);
});

const DAY = 86400;
const now = (): number => Math.floor(Date.now() / 1000);

describe('pagination cursors', () => {
	// docs.stripe.com/api/pagination offers starting_after and ending_before as alternatives; the SDK's
	// autoPagination.js only ever sends one. [M] exact wording: Stripe's parameters_exclusive form.
	it('refuses starting_after together with ending_before', async () => {
		const customer = await customerWithCard(stripe);
		const [a, b] = [
			await stripe.invoices.create({ customer: customer.id }),
			await stripe.invoices.create({ customer: customer.id }),
		];
		const err = await rejectionOf(
			stripe.invoices.list({ starting_after: b.id, ending_before: a.id }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, code: 'parameters_exclusive' });
		await rejectionOf(
			stripe.customers.list({ starting_after: customer.id, ending_before: customer.id }),
			StripeInvalidRequestError,
		);
	});
});

describe('due_date', () => {
	// Invoices.d.ts InvoiceCreateParams.due_date: "The date on which payment for this invoice is due."
	// Stripe refuses dates that are already past ([M] wording of the message).
	it('refuses a due_date in the past on create and on update', async () => {
		const customer = await customerWithCard(stripe);
		const past = now() - DAY;
		const onCreate = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice', due_date: past }),
			StripeInvalidRequestError,
		);
		expect(onCreate).toMatchObject({ statusCode: 400, param: 'due_date' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			collection_method: 'send_invoice',
			due_date: now() + 7 * DAY,
		});
		const onUpdate = await rejectionOf(
			stripe.invoices.update(draft.id, { due_date: past }),
			StripeInvalidRequestError,
		);
		expect(onUpdate).toMatchObject({ statusCode: 400, param: 'due_date' });
		expect((await stripe.invoices.retrieve(draft.id)).due_date).toBe(draft.due_date);
	});
});

describe('amount maximum', () => {
	// Reference §6: "Amounts are integers in the smallest currency unit; the maximum is 8 digits
	// (99999999)". A single amount, a line's unit × quantity, and the invoice total are all bounded.
	it('refuses an item whose unit amount × quantity exceeds the maximum', async () => {
		const customer = await customerWithCard(stripe);
		const err = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				currency: 'usd',
				unit_amount_decimal: Stripe.Decimal.from('50000000'),
				quantity: 2,
			}),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
	});

	it('refuses add_lines when the invoice total would exceed the maximum', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 60_000_000);
		const err = await rejectionOf(
			stripe.invoices.addLines(draft.id, { lines: [{ amount: 50_000_000 }] }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
		expect((await stripe.invoices.retrieve(draft.id)).total).toBe(60_000_000);
	});

	it('refuses to finalize (or pay) an invoice whose total exceeds the maximum', async () => {
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 60_000_000);
		// Invoice items added one at a time can still push a draft over the limit.
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 50_000_000,
			currency: 'usd',
		});
		const err = await rejectionOf(stripe.invoices.finalizeInvoice(draft.id), StripeInvalidRequestError);
		expect(err).toMatchObject({ statusCode: 400, code: 'amount_too_large' });
		await rejectionOf(stripe.invoices.pay(draft.id), StripeInvalidRequestError);
		expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft');
		expect(emulator.charges(key)).toEqual([]);
	});
});

describe('descriptions and statement descriptors', () => {
	// Invoice item descriptions: at most 500 characters (Stripe API changelog 2018-11-08, "The
	// description field on invoice line items has a maximum character length limit of 500"). Invoice
	// descriptions (the "memo"): the SDK states no limit; the emulator chooses 1500 [M].
	it('refuses over-long descriptions', async () => {
		const customer = await customerWithCard(stripe);
		const item = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				description: 'x'.repeat(501),
			}),
			StripeInvalidRequestError,
		);
		expect(item).toMatchObject({ statusCode: 400, param: 'description' });
		const line = await stripe.invoices.create({ customer: customer.id });
		const addLine = await rejectionOf(
			stripe.invoices.addLines(line.id, { lines: [{ amount: 100, description: 'x'.repeat(501) }] }),
			StripeInvalidRequestError,
		);
		expect(addLine.param).toBe('lines[0][description]');
		const invoice = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, description: 'x'.repeat(1501) }),
			StripeInvalidRequestError,
		);
		expect(invoice).toMatchObject({ statusCode: 400, param: 'description' });
		expect(
			(
				await stripe.invoiceItems.create({
					customer: customer.id,
					amount: 1,
					currency: 'usd',
					description: 'x'.repeat(500),
				})
			).description,
		).toHaveLength(500);
	});

	// Invoices.d.ts statement_descriptor: "It must contain at least one letter."; docs.stripe.com/get-started/
	// account/statement-descriptors: 5-22 characters, none of < > \ ' " *.
	it('refuses statement descriptors Stripe would not print', async () => {
		const customer = await customerWithCard(stripe);
		for (const bad of [
			'ABCD',
			'A'.repeat(23),
			'12345678',
			'Shop <1>',
			"Joe's Shop",
			'Shop "X"',
			'Shop*X',
			'Shop\\X',
		]) {
			const err = await rejectionOf(
				stripe.invoices.create({ customer: customer.id, statement_descriptor: bad }),
				StripeInvalidRequestError,
			);
			expect(err).toMatchObject({ statusCode: 400, param: 'statement_descriptor' });
		}
		const draft = await stripe.invoices.create({
			customer: customer.id,
			statement_descriptor: 'ACME Widgets 42',
		});
		expect(draft.statement_descriptor).toBe('ACME Widgets 42');
		await rejectionOf(
			stripe.invoices.update(draft.id, { statement_descriptor: '99999' }),
			StripeInvalidRequestError,
		);
	});
});

describe('request body size', () => {
	it('answers 413 with a Stripe error envelope instead of truncating the parameters', async () => {
		const customer = await customerWithCard(stripe);
		const body = new URLSearchParams({ customer: customer.id, description: 'x'.repeat(5 * 1024 * 1024) });
		body.append('metadata[after]', 'the-big-field');
		const res = await fetch(`${emulator.url}/v1/invoices`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: body.toString(),
		});
		expect(res.status).toBe(413);
		const json = (await res.json()) as { error: Record<string, unknown> };
		expect(json.error).toMatchObject({ type: 'invalid_request_error' });
		expect(String(json.error.message)).toMatch(/too large/);
		expect((await stripe.invoices.list({ customer: customer.id })).data).toEqual([]);
	});
});

describe('idempotency and validation', () => {
	// Reference §4: "Nothing is stored if validation fails" (docs api/idempotent_requests: results are
	// saved only once an endpoint started executing). The corrected retry with the same key runs.
	it('lets a corrected request reuse the key of one that failed validation in the handler', async () => {
		const customer = await customerWithCard(stripe);
		const opts = { idempotencyKey: 'fix-and-retry' };
		await rejectionOf(
			stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' }, opts),
			StripeInvalidRequestError,
		);
		const fixed = await stripe.invoices.create(
			{ customer: customer.id, collection_method: 'send_invoice', days_until_due: 30 },
			opts,
		);
		expect(fixed.lastResponse.headers['idempotent-replayed']).toBeUndefined();
		expect(fixed.collection_method).toBe('send_invoice');

		await rejectionOf(
			stripe.invoiceItems.create(
				{ customer: 'cus_missing', amount: 100, currency: 'usd' },
				{ idempotencyKey: 'k2' },
			),
			StripeInvalidRequestError,
		);
		const item = await stripe.invoiceItems.create(
			{ customer: customer.id, amount: 100, currency: 'usd' },
			{ idempotencyKey: 'k2' },
		);
		expect(item.customer).toBe(customer.id);
	});

	it('still stores the result of a request that executed (a state conflict)', async () => {
		const customer = await customerWithCard(stripe);
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 900)).id);
		await stripe.invoices.voidInvoice(open.id);
		const first = await rejectionOf(
			stripe.invoices.pay(open.id, undefined, { idempotencyKey: 'v' }),
			StripeInvalidRequestError,
		);
		const again = await rejectionOf(
			stripe.invoices.pay(open.id, undefined, { idempotencyKey: 'v' }),
			StripeInvalidRequestError,
		);
		expect(again.message).toBe(first.message);
		expect(again.headers?.['idempotent-replayed']).toBe('true');
	});
});
