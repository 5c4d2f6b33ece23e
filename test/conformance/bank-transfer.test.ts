// A Send Invoice paid by bank transfer: payment_settings with customer_balance and the
// bank_transfer funding type (Invoices.d.ts PaymentSettings), the transfer instructions on the
// PaymentIntent, and Stripe's test helper that simulates the customer's transfer
// (POST /v1/test_helpers/customers/:id/fund_cash_balance).
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError } = Stripe.errors;

let emulator: RunningEmulator;
let stripe: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	stripe = sdk(emulator, freshKey('banktransfer'));
});

const gbTransfer: Stripe.InvoiceCreateParams.PaymentSettings = {
	payment_method_types: ['customer_balance'],
	payment_method_options: {
		customer_balance: { funding_type: 'bank_transfer', bank_transfer: { type: 'gb_bank_transfer' } },
	},
};

async function sentInvoice(amount: number): Promise<{ customer: Stripe.Customer; invoice: Stripe.Invoice }> {
	const customer = await stripe.customers.create({ name: 'Ltd', email: 'accounts@example.co.uk' });
	const draft = await stripe.invoices.create({
		customer: customer.id,
		currency: 'gbp',
		collection_method: 'send_invoice',
		days_until_due: 30,
		payment_settings: gbTransfer,
	});
	await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount });
	return { customer, invoice: await stripe.invoices.sendInvoice(draft.id, { expand: ['payments'] }) };
}

describe('bank transfer invoices', () => {
	it('shows transfer instructions, and is paid once the customer’s transfer covers it', async () => {
		const { customer, invoice } = await sentInvoice(12_000);
		expect(invoice).toMatchObject({ status: 'open', amount_due: 12_000, collection_method: 'send_invoice' });
		expect(invoice.payment_settings).toMatchObject(gbTransfer);
		const intentId = invoice.payments!.data[0].payment.payment_intent as string;
		const intent = await stripe.paymentIntents.retrieve(intentId);
		expect(intent).toMatchObject({ status: 'requires_action', payment_method_types: ['customer_balance'] });
		expect(intent.next_action).toMatchObject({
			type: 'display_bank_transfer_instructions',
			display_bank_transfer_instructions: {
				type: 'gb_bank_transfer',
				currency: 'gbp',
				amount_remaining: 12_000,
			},
		});
		const reference = intent.next_action!.display_bank_transfer_instructions!.reference!;
		expect(reference).toEqual(expect.any(String));

		const part = await stripe.testHelpers.customers.fundCashBalance(customer.id, {
			amount: 5000,
			currency: 'gbp',
			reference,
		});
		expect(part).toMatchObject({
			object: 'customer_cash_balance_transaction',
			type: 'funded',
			net_amount: 5000,
		});
		expect((await stripe.invoices.retrieve(invoice.id)).status).toBe('open');
		const waiting = await stripe.paymentIntents.retrieve(intentId);
		expect(waiting.next_action?.display_bank_transfer_instructions?.amount_remaining).toBe(7000);

		await stripe.testHelpers.customers.fundCashBalance(customer.id, {
			amount: 8000,
			currency: 'gbp',
			reference,
		});
		const paid = await stripe.invoices.retrieve(invoice.id);
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 12_000, amount_remaining: 0 });
		expect((await stripe.paymentIntents.retrieve(intentId)).status).toBe('succeeded');
		// The 1,000 sent beyond the invoice stays on the customer's cash balance.
		const cash = await stripe.customers.retrieveCashBalance(customer.id);
		expect(cash).toMatchObject({ object: 'cash_balance', available: { gbp: 1000 } });
	});

	it('pays the next bank-transfer invoice from funds already on the cash balance', async () => {
		const { customer } = await sentInvoice(1000);
		await stripe.testHelpers.customers.fundCashBalance(customer.id, { amount: 3000, currency: 'gbp' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			currency: 'gbp',
			collection_method: 'send_invoice',
			days_until_due: 14,
			payment_settings: gbTransfer,
		});
		await stripe.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 1500 });
		const second = await stripe.invoices.finalizeInvoice(draft.id);
		expect(second).toMatchObject({ status: 'paid', amount_paid: 1500 });
		expect((await stripe.customers.retrieveCashBalance(customer.id)).available).toEqual({ gbp: 500 });
	});

	it('takes an EU transfer with its country, and refuses settings Stripe would refuse', async () => {
		const customer = await stripe.customers.create({ name: 'GmbH' });
		const base = { customer: customer.id, collection_method: 'send_invoice' as const, days_until_due: 30 };
		const eu = await stripe.invoices.create({
			...base,
			currency: 'eur',
			payment_settings: {
				payment_method_types: ['customer_balance'],
				payment_method_options: {
					customer_balance: {
						funding_type: 'bank_transfer',
						bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'DE' } },
					},
				},
			},
		});
		expect(eu.payment_settings.payment_method_options?.customer_balance).toMatchObject({
			bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'DE' } },
		});
		const options = (bankTransfer: Record<string, unknown>) => ({
			payment_method_types: ['customer_balance' as const],
			payment_method_options: {
				customer_balance: { funding_type: 'bank_transfer', bank_transfer: bankTransfer },
			},
		});
		const noCountry = await rejectionOf(
			stripe.invoices.create({
				...base,
				currency: 'eur',
				payment_settings: options({ type: 'eu_bank_transfer' }),
			}),
			StripeInvalidRequestError,
		);
		expect(noCountry).toMatchObject({
			code: 'parameter_missing',
			param:
				'payment_settings[payment_method_options][customer_balance][bank_transfer][eu_bank_transfer][country]',
		});
		const noType = await rejectionOf(
			stripe.invoices.create({ ...base, currency: 'gbp', payment_settings: options({}) }),
			StripeInvalidRequestError,
		);
		expect(noType.param).toBe(
			'payment_settings[payment_method_options][customer_balance][bank_transfer][type]',
		);
		const wrongCurrency = await rejectionOf(
			stripe.invoices.create({
				...base,
				currency: 'usd',
				payment_settings: options({ type: 'gb_bank_transfer' }),
			}),
			StripeInvalidRequestError,
		);
		expect(wrongCurrency.param).toBe(
			'payment_settings[payment_method_options][customer_balance][bank_transfer][type]',
		);
		const unknownType = await rejectionOf(
			stripe.invoices.create({
				...base,
				currency: 'gbp',
				payment_settings: options({ type: 'ch_bank_transfer' }),
			}),
			StripeInvalidRequestError,
		);
		expect(unknownType.param).toBe(
			'payment_settings[payment_method_options][customer_balance][bank_transfer][type]',
		);
		const unknownMethod = await rejectionOf(
			stripe.invoices.create({
				...base,
				currency: 'gbp',
				payment_settings: { payment_method_types: ['carrier_pigeon' as 'card'] },
			}),
			StripeInvalidRequestError,
		);
		expect(unknownMethod.param).toBe('payment_settings[payment_method_types][0]');
		const badFunding = await rejectionOf(
			stripe.testHelpers.customers.fundCashBalance(customer.id, { amount: 100, currency: 'chf' }),
			StripeInvalidRequestError,
		);
		expect(badFunding.param).toBe('currency');
	});
});
