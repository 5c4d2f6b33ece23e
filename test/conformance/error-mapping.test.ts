// Each Stripe error the node must handle, as the SDK surfaces it (class, code, param, status).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeAuthenticationError, StripeCardError, StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

describe('card errors (402)', () => {
	it.each([
		['pm_card_chargeDeclined', 'card_declined', 'generic_decline', 'Your card was declined.'],
		[
			'pm_card_chargeDeclinedInsufficientFunds',
			'card_declined',
			'insufficient_funds',
			'Your card has insufficient funds.',
		],
		['pm_card_chargeDeclinedExpiredCard', 'expired_card', 'expired_card', 'Your card has expired.'],
	])('%s -> %s/%s, invoice stays open with one attempt', async (token, code, declineCode, message) => {
		const key = freshKey('decline');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe, token);
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 5000)).id);
		const err = await rejectionOf(stripe.invoices.pay(open.id), StripeCardError);
		expect(err).toMatchObject({
			statusCode: 402,
			rawType: 'card_error',
			code,
			decline_code: declineCode,
			message,
		});
		expect(err.charge).toMatch(/^ch_/);
		expect(err.requestId).toMatch(/^req_/);
		expect(err.doc_url).toBe(`https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`);
		expect(await stripe.invoices.retrieve(open.id)).toMatchObject({
			status: 'open',
			attempted: true,
			attempt_count: 1,
			amount_paid: 0,
		});
		expect(emulator.charges(key)).toEqual([
			expect.objectContaining({ id: err.charge, status: 'failed', failure_code: code, amount: 5000 }),
		]);
	});

	it('asks for authentication on an SCA card and leaves the invoice open', async () => {
		const key = freshKey('sca');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe, 'pm_card_authenticationRequired');
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 5000)).id);
		const err = await rejectionOf(stripe.invoices.pay(open.id), StripeCardError);
		expect(err.code).toBe('invoice_payment_intent_requires_action');
		expect(err.message).toMatch(/^This payment requires additional user action/);
		expect(err.payment_intent).toMatchObject({ status: 'requires_action' });
		expect(await stripe.invoices.retrieve(open.id)).toMatchObject({
			status: 'open',
			attempted: true,
			attempt_count: 0,
		});
		expect(emulator.charges(key)).toEqual([]);
	});

	it('lets an explicit payment_method override a declining default', async () => {
		const stripe = sdk(emulator, freshKey('override'));
		const customer = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 5000)).id);
		await rejectionOf(stripe.invoices.pay(open.id), StripeCardError);
		const paid = await stripe.invoices.pay(open.id, { payment_method: 'pm_card_visa' });
		expect(paid).toMatchObject({ status: 'paid', attempt_count: 1 });
	});
});

describe('invalid requests (400/404)', () => {
	let stripe: Stripe;
	let customer: Stripe.Customer;
	beforeEach(async () => {
		stripe = sdk(emulator, freshKey('invalid'));
		customer = await customerWithCard(stripe);
	});

	it('refuses to re-finalize', async () => {
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 1000)).id);
		const err = await rejectionOf(stripe.invoices.finalizeInvoice(open.id), StripeInvalidRequestError);
		expect(err).toMatchObject({
			statusCode: 400,
			message: "This invoice is already finalized, you can't re-finalize a non-draft invoice.",
		});
	});

	it('refuses to pay twice, to void a paid invoice and to pay a void one', async () => {
		const paid = await stripe.invoices.pay((await draftWithItem(stripe, customer.id, 1000)).id);
		expect((await rejectionOf(stripe.invoices.pay(paid.id), StripeInvalidRequestError)).message).toBe(
			'Invoice is already paid',
		);
		expect((await rejectionOf(stripe.invoices.voidInvoice(paid.id), StripeInvalidRequestError)).message).toBe(
			'Invoices with `paid` payments cannot be voided.',
		);
		const voided = await stripe.invoices.voidInvoice(
			(await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 1000)).id)).id,
		);
		expect((await rejectionOf(stripe.invoices.pay(voided.id), StripeInvalidRequestError)).message).toBe(
			'Voided invoices cannot be paid.',
		);
	});

	it('guards the other transitions with their messages', async () => {
		const draft = await draftWithItem(stripe, customer.id, 1000);
		expect(
			(await rejectionOf(stripe.invoices.voidInvoice(draft.id), StripeInvalidRequestError)).message,
		).toBe("You can only pass in open invoices. This invoice isn't open.");
		expect(
			(await rejectionOf(stripe.invoices.sendInvoice(draft.id), StripeInvalidRequestError)).message,
		).toBe("You can only manually send an invoice if its collection method is 'send_invoice'.");
		const open = await stripe.invoices.finalizeInvoice(draft.id);
		expect((await rejectionOf(stripe.invoices.del(open.id), StripeInvalidRequestError)).message).toBe(
			'You can only delete draft invoices.',
		);
		await stripe.invoices.markUncollectible(open.id);
		expect(
			(await rejectionOf(stripe.invoices.markUncollectible(open.id), StripeInvalidRequestError)).message,
		).toBe('This invoice has already been marked uncollectible.');
		const err = await rejectionOf(
			stripe.invoices.update(open.id, { description: 'late change' }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({
			message: "Finalized invoices can't be updated in this way",
			param: 'description',
		});
		expect((await stripe.invoices.update(open.id, { metadata: { note: 'ok' } })).metadata).toEqual({
			note: 'ok',
		});
	});

	it('rejects items on finalized invoices and mixed currencies', async () => {
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 1000)).id);
		const locked = await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, invoice: open.id, amount: 100, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		expect(locked.message).toBe('Invalid invoice: This invoice is no longer editable');
		const mxn = await stripe.invoices.create({ customer: customer.id, currency: 'mxn' });
		const mixed = await rejectionOf(
			stripe.invoiceItems.create({ customer: customer.id, invoice: mxn.id, amount: 100, currency: 'usd' }),
			StripeInvalidRequestError,
		);
		expect(mixed.message).toBe(
			'You cannot combine currencies on a single invoice. This invoice has invoice items currency usd that conflicts with the invoice currency mxn.',
		);
		expect(mixed.code).toBeUndefined();
	});

	it('reports missing objects: 404 with param for URL ids, 400 for body references', async () => {
		const inUrl = await rejectionOf(stripe.invoices.retrieve('in_missing'), StripeInvalidRequestError);
		expect(inUrl).toMatchObject({
			statusCode: 404,
			code: 'resource_missing',
			param: 'invoice',
			message: "No such invoice: 'in_missing'",
		});
		const action = await rejectionOf(stripe.invoices.pay('in_missing'), StripeInvalidRequestError);
		expect(action).toMatchObject({ statusCode: 404, param: 'id' });
		const inBody = await rejectionOf(
			stripe.invoices.create({ customer: 'cus_missing' }),
			StripeInvalidRequestError,
		);
		expect(inBody).toMatchObject({
			statusCode: 400,
			code: 'resource_missing',
			param: 'customer',
			message: "No such customer: 'cus_missing'",
		});
		const tax = await rejectionOf(
			stripe.invoiceItems.create({
				customer: customer.id,
				amount: 100,
				currency: 'usd',
				tax_rates: ['txr_missing'],
			}),
			StripeInvalidRequestError,
		);
		expect(tax.message).toBe("No such tax rate: 'txr_missing'");
	});

	it('explains a missing payment method', async () => {
		const bare = await stripe.customers.create({ name: 'No card' });
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, bare.id, 1000)).id);
		const err = await rejectionOf(stripe.invoices.pay(open.id), StripeInvalidRequestError);
		expect(err.code).toBe('resource_missing');
		expect(err.message).toMatch(/^This customer has no attached payment source or default payment method\./);
	});

	it('enforces send_invoice due-date rules', async () => {
		const err = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, collection_method: 'send_invoice' }),
			StripeInvalidRequestError,
		);
		expect(err.message).toBe(
			"If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'.",
		);
		const err2 = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, days_until_due: 7 }),
			StripeInvalidRequestError,
		);
		expect(err2.message).toBe(
			"You can only specify 'due_date' or 'days_until_due' if invoice collection method is 'send_invoice'.",
		);
	});
});

describe('authentication (401)', () => {
	it('rejects a malformed key with a masked message', async () => {
		const stripe = sdk(emulator, 'sk_test_has spaces!abcd');
		const err = await rejectionOf(stripe.customers.list(), StripeAuthenticationError);
		expect(err.statusCode).toBe(401);
		expect(err.message).toMatch(/^Invalid API Key provided: sk_test_\*+abcd$/);
		expect(err.message).not.toContain('spaces');
	});

	it('rejects a request without a key', async () => {
		const res = await fetch(`${emulator.url}/v1/invoices`);
		const body = (await res.json()) as { error: { type: string; message: string } };
		expect(res.status).toBe(401);
		expect(body.error.type).toBe('invalid_request_error');
		expect(body.error.message).toMatch(/^You did not provide an API key\./);
		expect(res.headers.get('request-id')).toMatch(/^req_/);
	});
});
