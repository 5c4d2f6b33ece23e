// Per-key account isolation, the recorded request log and the direct helpers.
import Stripe from 'stripe';
import { startEmulator, type RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

describe('account isolation', () => {
	it('keeps each API key in its own account', async () => {
		const keyA = freshKey('isoA');
		const keyB = freshKey('isoB');
		const a = sdk(emulator, keyA);
		const b = sdk(emulator, keyB);
		const customer = await customerWithCard(a);
		const invoice = await a.invoices.create({ customer: customer.id });

		await rejectionOf(b.invoices.retrieve(invoice.id), Stripe.errors.StripeInvalidRequestError);
		await rejectionOf(b.customers.retrieve(customer.id), Stripe.errors.StripeInvalidRequestError);
		expect((await b.invoices.list()).data).toEqual([]);
		expect(emulator.invoices(keyA).map((i) => i.id)).toEqual([invoice.id]);
		expect(emulator.invoices(keyB)).toEqual([]);
	});

	it('marks live keys as livemode', async () => {
		const live = sdk(emulator, 'sk_live_conf_livemode');
		const customer = await live.customers.create({ name: 'Live' });
		expect(customer.livemode).toBe(true);
		const invoice = await live.invoices.finalizeInvoice((await draftWithItem(live, customer.id, 0)).id);
		expect(invoice.hosted_invoice_url).toContain('/live_');
	});
});

describe('direct helpers', () => {
	it('createCustomer sets a default payment method that pay() uses', async () => {
		const key = freshKey('helper');
		const stripe = sdk(emulator, key);
		const { id } = emulator.createCustomer(key, {
			paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
			name: 'Helper',
			currency: 'eur',
		});
		const fetched = (await stripe.customers.retrieve(id)) as Stripe.Customer;
		expect(fetched).toMatchObject({ name: 'Helper', currency: 'eur' });
		expect(fetched.invoice_settings.default_payment_method).toMatch(/^pm_/);
		const invoice = await stripe.invoices.create({ customer: id });
		expect(invoice.currency).toBe('eur');
		await stripe.invoiceItems.create({ customer: id, invoice: invoice.id, amount: 700 });
		const err = await rejectionOf(stripe.invoices.pay(invoice.id), Stripe.errors.StripeCardError);
		expect(err.decline_code).toBe('insufficient_funds');
		expect(emulator.charges(key)).toEqual([
			expect.objectContaining({ invoice: invoice.id, amount: 700, currency: 'eur', status: 'failed' }),
		]);
		expect(emulator.invoices(key)[0]).toMatchObject({ id: invoice.id, status: 'open', attempt_count: 1 });
	});

	it('seeds demo customers and the demo price when asked', async () => {
		const demo = await startEmulator({ seedDemoData: true });
		try {
			const stripe = sdk(demo, freshKey('demo'));
			const price = await stripe.prices.retrieve('price_demo_widget');
			expect(price).toMatchObject({ currency: 'usd', unit_amount: 1500 });
			expect(price.unit_amount_decimal?.toString()).toBe('1500');
			const invoice = await stripe.invoices.create({ customer: 'cus_demo_visa' });
			await stripe.invoiceItems.create({
				customer: 'cus_demo_visa',
				invoice: invoice.id,
				pricing: { price: price.id },
				quantity: 2,
			});
			expect(await stripe.invoices.pay(invoice.id)).toMatchObject({ status: 'paid', amount_paid: 3000 });
			const nopm = await stripe.invoices.create({ customer: 'cus_demo_nopm' });
			await stripe.invoiceItems.create({ customer: 'cus_demo_nopm', invoice: nopm.id, amount: 1000 });
			await rejectionOf(stripe.invoices.pay(nopm.id), Stripe.errors.StripeInvalidRequestError);
			const sca = await stripe.invoices.create({ customer: 'cus_demo_sca' });
			await stripe.invoiceItems.create({ customer: 'cus_demo_sca', invoice: sca.id, amount: 1000 });
			expect((await rejectionOf(stripe.invoices.pay(sca.id), Stripe.errors.StripeCardError)).code).toBe(
				'invoice_payment_intent_requires_action',
			);
		} finally {
			await demo.close();
		}
	});
});

describe('request log', () => {
	it('records method, path, parsed bracket params, headers and the account, never the key', async () => {
		const key = freshKey('log');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe);
		const tax = await stripe.taxRates.create({ display_name: 'VAT', percentage: 21, inclusive: false });
		const invoice = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoiceItems.create(
			{
				customer: customer.id,
				invoice: invoice.id,
				amount: 100,
				currency: 'usd',
				metadata: { sku: 'A-1' },
				tax_rates: [tax.id],
				period: { start: 1, end: 2 },
			},
			{ idempotencyKey: 'log-item-1' },
		);
		await stripe.invoices.retrieve(invoice.id, { expand: ['payments'] });

		const log = emulator.requests.filter(
			(r) => r.rawBody.includes(customer.id) || r.path.includes(invoice.id),
		);
		const itemPost = log.find((r) => r.path === '/v1/invoiceitems');
		expect(itemPost).toMatchObject({
			method: 'POST',
			status: 200,
			params: {
				customer: customer.id,
				amount: '100',
				metadata: { sku: 'A-1' },
				tax_rates: [tax.id],
				period: { start: '1', end: '2' },
			},
			headers: {
				idempotencyKey: 'log-item-1',
				stripeVersion: '2026-10-28.endive',
				contentType: 'application/x-www-form-urlencoded',
			},
		});
		expect(itemPost?.rawBody).toContain('metadata[sku]=A-1');
		expect(itemPost?.rawBody).toContain('tax_rates[0]=');
		expect(itemPost?.requestId).toMatch(/^req_/);
		expect(itemPost?.account).toMatch(/^acct_[0-9a-f]{16}$/);
		const get = log.find((r) => r.method === 'GET');
		expect(get).toMatchObject({
			path: `/v1/invoices/${invoice.id}`,
			query: { expand: ['payments'] },
			params: { expand: ['payments'] },
		});
		expect(JSON.stringify(emulator.requests)).not.toContain(key);
	});

	it('reset() clears state and the log', async () => {
		const local = await startEmulator();
		try {
			const key = freshKey('reset');
			const stripe = sdk(local, key);
			await stripe.customers.create({ name: 'Gone soon' });
			local.reset();
			expect(local.requests).toEqual([]);
			expect((await stripe.customers.list()).data).toEqual([]);
		} finally {
			await local.close();
		}
	});
});
