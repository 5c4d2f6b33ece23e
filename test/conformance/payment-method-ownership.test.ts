// A PaymentMethod belongs to one customer: paying or defaulting with another customer's is refused,
// and card errors name the PaymentMethod involved.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeCardError, StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
let key: string;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	key = freshKey('pmowner');
	stripe = sdk(emulator, key);
});

/** The attached pm_… id behind a customer created with a test token. */
function defaultPm(customer: Stripe.Customer): string {
	return customer.invoice_settings.default_payment_method as string;
}

describe('payment method ownership', () => {
	// stripe/cjs/resources/Invoices.d.ts ( InvoicePayParams.payment_method): "A PaymentMethod to
	// be charged. The PaymentMethod must be the ID of a PaymentMethod belonging to the customer
	// associated with the invoice being paid." Reference §1: payment_method "must belong to the customer".
	it('refuses to pay with a PaymentMethod attached to another customer, and changes nothing', async () => {
		const owner = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, owner.id, 1500);
		const err = await rejectionOf(
			stripe.invoices.pay(draft.id, { payment_method: defaultPm(other) }),
			StripeInvalidRequestError,
		);
		expect(err).toMatchObject({ statusCode: 400, rawType: 'invalid_request_error', param: 'payment_method' });
		expect((await stripe.invoices.retrieve(draft.id)).status).toBe('draft');
		expect(emulator.charges(key)).toEqual([]);

		// The owner's own PaymentMethod and test tokens (attached on use) still work.
		const paid = await stripe.invoices.pay(draft.id, { payment_method: defaultPm(owner) });
		expect(paid.status).toBe('paid');
		const second = await draftWithItem(stripe, owner.id, 900);
		expect((await stripe.invoices.pay(second.id, { payment_method: 'pm_card_visa' })).status).toBe('paid');
	});

	// InvoiceCreateParams/InvoiceUpdateParams.default_payment_method (Invoices.d.ts): "ID of the default
	// payment method for the invoice. It must belong to the customer associated with the invoice."
	it('refuses another customer’s PaymentMethod as default_payment_method on create and update', async () => {
		const owner = await customerWithCard(stripe);
		const other = await customerWithCard(stripe);
		const onCreate = await rejectionOf(
			stripe.invoices.create({ customer: owner.id, default_payment_method: defaultPm(other) }),
			StripeInvalidRequestError,
		);
		expect(onCreate).toMatchObject({ statusCode: 400, param: 'default_payment_method' });
		expect((await stripe.invoices.list({ customer: owner.id })).data).toEqual([]);

		const draft = await stripe.invoices.create({ customer: owner.id });
		const onUpdate = await rejectionOf(
			stripe.invoices.update(draft.id, { default_payment_method: defaultPm(other) }),
			StripeInvalidRequestError,
		);
		expect(onUpdate).toMatchObject({ statusCode: 400, param: 'default_payment_method' });
		expect((await stripe.invoices.retrieve(draft.id)).default_payment_method).toBeNull();
		const own = await stripe.invoices.update(draft.id, { default_payment_method: defaultPm(owner) });
		expect(own.default_payment_method).toBe(defaultPm(owner));
	});

	// stripe/cjs/Error.d.ts, StripeRawError.payment_method: "The PaymentMethod object for errors returned on a
	// request involving a PaymentMethod." Reference §3 shows it in the card_error envelope.
	it('names the PaymentMethod in a card error', async () => {
		const customer = await customerWithCard(stripe, 'pm_card_chargeDeclined');
		const draft = await draftWithItem(stripe, customer.id, 2000);
		const err = await rejectionOf(stripe.invoices.pay(draft.id), StripeCardError);
		expect(err.payment_method).toMatchObject({
			id: defaultPm(customer),
			object: 'payment_method',
			customer: customer.id,
			type: 'card',
			card: { last4: '0002' },
		});
		const customer3ds = await customerWithCard(stripe, 'pm_card_authenticationRequired');
		const draft3ds = await draftWithItem(stripe, customer3ds.id, 2000);
		const action = await rejectionOf(stripe.invoices.pay(draft3ds.id), StripeCardError);
		expect(action.payment_method?.id).toBe(defaultPm(customer3ds));
	});
});
