// Connect on invoices: application_fee_amount, transfer_data and on_behalf_of. Since API 2025-03-31
// the fee and the transfer are request parameters, not Invoice fields; they show on the invoice's
// PaymentIntent. InvoiceCreateParams.application_fee_amount: "The request must be made with an
// OAuth key or the Stripe-Account header in order to take an application fee."
// Under `npm run test:live` these need STRIPE_TEST_CONNECTED_ACCOUNT (helpers.connectedAccount).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { connectedAccount, customerWithCard, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('connect'));
});

async function paymentIntentOf(
	invoiceId: string,
	options?: Stripe.RequestOptions,
): Promise<Stripe.PaymentIntent> {
	const invoice = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] }, options);
	const payment = invoice.payments!.data[0].payment;
	return await stripe.paymentIntents.retrieve(payment.payment_intent as string, {}, options);
}

describe('Connect fees and transfers on invoices', () => {
	it('refuses an application fee on the platform’s own invoice without a destination', async () => {
		const customer = await customerWithCard(stripe);
		const err = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, application_fee_amount: 100 }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, param: 'application_fee_amount' });
		expect(err.message).toMatch(/^Can only apply an application_fee_amount when/);
	});

	it('takes a fee on a destination charge and shows it on the PaymentIntent, not on the invoice', async () => {
		const destination = connectedAccount('Seller');
		const customer = await customerWithCard(stripe);
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			application_fee_amount: 150,
			transfer_data: { destination },
			on_behalf_of: destination,
		});
		expect(draft).not.toHaveProperty('application_fee_amount');
		expect(draft).not.toHaveProperty('transfer_data');
		expect(draft.on_behalf_of).toBe(destination);
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 2000 });
		const paid = await stripe.invoices.pay(draft.id);
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 2000 });
		const intent = await paymentIntentOf(draft.id);
		expect(intent).toMatchObject({
			object: 'payment_intent',
			amount: 2000,
			amount_received: 2000,
			status: 'succeeded',
			application_fee_amount: 150,
			transfer_data: { destination },
			on_behalf_of: destination,
		});
	});

	it('takes a fee on a connected account’s invoice made with the Stripe-Account header', async () => {
		const acct = { stripeAccount: connectedAccount('Direct') };
		const customer = await stripe.customers.create(
			{ payment_method: 'pm_card_visa', invoice_settings: { default_payment_method: 'pm_card_visa' } },
			acct,
		);
		const draft = await stripe.invoices.create(
			{ customer: customer.id, currency: 'usd', application_fee_amount: 99 },
			acct,
		);
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1000 }, acct);
		await stripe.invoices.pay(draft.id, {}, acct);
		expect(await paymentIntentOf(draft.id, acct)).toMatchObject({
			application_fee_amount: 99,
			transfer_data: null,
		});
	});

	it('transfers a set amount, and refuses it together with a fee', async () => {
		const destination = connectedAccount('Partial');
		const customer = await customerWithCard(stripe);
		const both = await rejectionOf(
			stripe.invoices.create({
				customer: customer.id,
				application_fee_amount: 100,
				transfer_data: { destination, amount: 800 },
			}),
			StripeInvalidRequestError,
		);
		expect(both.code).toBe('parameters_exclusive');
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			transfer_data: { destination, amount: 800 },
		});
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1000 });
		await stripe.invoices.pay(draft.id);
		expect((await paymentIntentOf(draft.id)).transfer_data).toEqual({ destination, amount: 800 });
	});

	it('checks the destination and the fee against what the invoice collects', async () => {
		const customer = await customerWithCard(stripe);
		const malformed = await rejectionOf(
			stripe.invoices.create({ customer: customer.id, transfer_data: { destination: 'cus_not_an_account' } }),
			StripeInvalidRequestError,
		);
		expect(malformed.param).toBe('transfer_data[destination]');
		const destination = connectedAccount('Fee');
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'usd',
			application_fee_amount: 5000,
			transfer_data: { destination },
		});
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1000 });
		const tooBig = await rejectionOf(stripe.invoices.finalizeInvoice(draft.id), StripeInvalidRequestError);
		expect(tooBig.param).toBe('application_fee_amount');
		expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft');
		// Dropping the destination leaves a fee the platform cannot take on its own invoice.
		const orphanFee = await rejectionOf(
			stripe.invoices.update(draft.id, { transfer_data: '' }),
			StripeInvalidRequestError,
		);
		expect(orphanFee.param).toBe('application_fee_amount');
		await stripe.invoices.update(draft.id, { application_fee_amount: 300 });
		expect(await stripe.invoices.finalizeInvoice(draft.id)).toMatchObject({
			status: 'open',
			amount_due: 1000,
		});
	});
});
