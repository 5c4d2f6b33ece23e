// End-to-end invoicing through the official SDK: customer -> invoice -> items -> finalize -> pay.
import type Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

describe('invoice happy path', () => {
	it('creates, finalizes and pays an invoice with basil-era fields only', async () => {
		const key = freshKey('happy');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe);
		expect(customer.invoice_settings.default_payment_method).toMatch(/^pm_/);

		const draft = await stripe.invoices.create({
			customer: customer.id,
			collection_method: 'charge_automatically',
			metadata: { order: 'A-1' },
		});
		expect(draft).toMatchObject({
			status: 'draft',
			auto_advance: false,
			number: null,
			hosted_invoice_url: null,
			amount_due: 0,
			effective_at: null,
		});

		const item = await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 2500,
			currency: 'usd',
			description: 'Setup fee',
		});
		expect(item).toMatchObject({
			object: 'invoiceitem',
			invoice: draft.id,
			amount: 2500,
			currency: 'usd',
			proration: false,
		});
		expect(item.pricing?.price_details?.price).toMatch(/^price_/);

		const finalized = await stripe.invoices.finalizeInvoice(draft.id);
		expect(finalized.status).toBe('open');
		expect(finalized.number).toMatch(/^[A-Z0-9]{3,12}-0001$/);
		expect(finalized.hosted_invoice_url).toMatch(/^https:\/\/invoice\.stripe\.com\/i\/acct_/);
		expect(finalized.invoice_pdf).toMatch(/\/pdf\?s=ap$/);
		expect(finalized.status_transitions.finalized_at).toEqual(expect.any(Number));
		expect(finalized.effective_at).toBe(finalized.status_transitions.finalized_at);
		expect(finalized).toMatchObject({
			amount_due: 2500,
			amount_remaining: 2500,
			subtotal: 2500,
			total: 2500,
		});
		expect(finalized.lines.data[0].parent?.invoice_item_details?.invoice_item).toBe(item.id);

		const paid = await stripe.invoices.pay(finalized.id, undefined, { idempotencyKey: 'pay-happy-1' });
		expect(paid).toMatchObject({
			status: 'paid',
			amount_paid: 2500,
			amount_remaining: 0,
			attempted: true,
			attempt_count: 1,
			auto_advance: false,
		});
		expect(paid.status_transitions.paid_at).toEqual(expect.any(Number));
		expect(paid.lastResponse.requestId).toMatch(/^req_/);
		expect(paid.lastResponse.idempotencyKey).toBe('pay-happy-1');
		expect(paid.lastResponse.apiVersion).toBe('2026-10-28.endive');
		for (const removed of ['paid', 'charge', 'payment_intent', 'paid_out_of_band', 'subscription'])
			expect(paid).not.toHaveProperty(removed);
		expect(paid).not.toHaveProperty('payments');
		expect(paid.metadata).toEqual({ order: 'A-1' });

		expect(emulator.charges(key)).toEqual([
			{
				id: expect.stringMatching(/^ch_/),
				invoice: paid.id,
				amount: 2500,
				currency: 'usd',
				status: 'succeeded',
				failure_code: null,
			},
		]);
	});

	it('numbers invoices per customer with its prefix', async () => {
		const stripe = sdk(emulator, freshKey('numbers'));
		const customer = await stripe.customers.create({ invoice_prefix: 'ACME' });
		const first = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 100)).id);
		const second = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 100)).id);
		expect([first.number, second.number]).toEqual(['ACME-0001', 'ACME-0002']);
	});

	it('pays a draft by finalizing it first', async () => {
		const stripe = sdk(emulator, freshKey('draftpay'));
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 1999);
		const paid = await stripe.invoices.pay(draft.id);
		expect(paid.status).toBe('paid');
		expect(paid.number).toMatch(/-0001$/);
		expect(paid.status_transitions.finalized_at).toEqual(expect.any(Number));
		expect(paid.amount_paid).toBe(1999);
	});

	it('settles a $0 invoice as paid at finalization without charging', async () => {
		const key = freshKey('zero');
		const stripe = sdk(emulator, key);
		const customer = await stripe.customers.create({ name: 'No card' });
		const draft = await stripe.invoices.create({ customer: customer.id });
		const finalized = await stripe.invoices.finalizeInvoice(draft.id);
		expect(finalized).toMatchObject({ status: 'paid', amount_due: 0, amount_paid: 0, amount_remaining: 0 });
		expect(finalized.status_transitions.paid_at).toEqual(expect.any(Number));
		expect(emulator.charges(key)).toEqual([]);
	});

	it('settles a below-minimum amount as paid and carries it on the customer balance', async () => {
		const key = freshKey('tiny');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe);
		const finalized = await stripe.invoices.finalizeInvoice(
			(await draftWithItem(stripe, customer.id, 30)).id,
		);
		expect(finalized).toMatchObject({ status: 'paid', total: 30, amount_due: 0, attempt_count: 0 });
		expect((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).toMatchObject({ balance: 30 });
		// The next invoice starts with that balance owed.
		const next = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 1000)).id);
		expect(next).toMatchObject({ starting_balance: 30, amount_due: 1030, ending_balance: 0 });
		expect(emulator.charges(key)).toEqual([]);
	});

	it('adds lines to a draft (amount, price × quantity) and applies invoice_metadata', async () => {
		const stripe = sdk(emulator, freshKey('addlines'));
		const customer = await customerWithCard(stripe);
		const price = await stripe.prices.create({
			currency: 'usd',
			unit_amount: 700,
			product_data: { name: 'Widget' },
		});
		const draft = await stripe.invoices.create({ customer: customer.id });
		const updated = await stripe.invoices.addLines(draft.id, {
			lines: [
				{ amount: 1000, description: 'Flat line' },
				{ pricing: { price: price.id }, quantity: 3, period: { start: 1700000000, end: 1700086400 } },
			],
			invoice_metadata: { batch: '7' },
		});
		expect(updated.lines).toMatchObject({ total_count: 2 });
		expect(updated.lines.data.map((l) => l.amount)).toEqual([1000, 2100]);
		expect(updated.lines.data[1]).toMatchObject({
			quantity: 3,
			period: { start: 1700000000, end: 1700086400 },
		});
		expect(updated.lines.data[1].pricing?.price_details?.price).toBe(price.id);
		expect(updated.lines.data[0].id).toMatch(/^il_/);
		expect(updated).toMatchObject({
			subtotal: 3100,
			total: 3100,
			amount_due: 3100,
			metadata: { batch: '7' },
		});
		const items = await stripe.invoiceItems.list({ invoice: draft.id });
		expect(items.data).toHaveLength(2);
	});

	it('adds exclusive tax to the total and keeps inclusive tax inside it', async () => {
		const stripe = sdk(emulator, freshKey('tax'));
		const customer = await customerWithCard(stripe);
		const vat = await stripe.taxRates.create({ display_name: 'VAT', percentage: 20, inclusive: false });
		const gst = await stripe.taxRates.create({ display_name: 'GST', percentage: 10, inclusive: true });
		const draft = await stripe.invoices.create({ customer: customer.id });
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 1000,
			currency: 'usd',
			tax_rates: [vat.id],
		});
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 1100,
			currency: 'usd',
			tax_rates: [gst.id],
		});
		const invoice = await stripe.invoices.retrieve(draft.id);
		expect(invoice).toMatchObject({
			subtotal: 2100,
			total: 2300,
			total_excluding_tax: 2000,
			amount_due: 2300,
		});
		expect(invoice.total_taxes).toEqual([
			expect.objectContaining({
				amount: 200,
				tax_behavior: 'exclusive',
				tax_rate_details: { tax_rate: vat.id },
				taxable_amount: 1000,
			}),
			expect.objectContaining({
				amount: 100,
				tax_behavior: 'inclusive',
				tax_rate_details: { tax_rate: gst.id },
				taxable_amount: 1000,
			}),
		]);
	});

	it('sweeps pending items only with pending_invoice_items_behavior=include', async () => {
		const stripe = sdk(emulator, freshKey('pending'));
		const customer = await customerWithCard(stripe);
		const pending = await stripe.invoiceItems.create({ customer: customer.id, amount: 500, currency: 'usd' });
		expect(pending.invoice).toBeNull();
		const excluded = await stripe.invoices.create({ customer: customer.id });
		expect(excluded.lines.data).toEqual([]);
		const included = await stripe.invoices.create({
			customer: customer.id,
			pending_invoice_items_behavior: 'include',
		});
		expect(included.lines.data.map((l) => l.parent?.invoice_item_details?.invoice_item)).toEqual([
			pending.id,
		]);
		expect((await stripe.invoiceItems.retrieve(pending.id)).invoice).toBe(included.id);
	});

	it('records paid_out_of_band without a charge', async () => {
		const key = freshKey('oob');
		const stripe = sdk(emulator, key);
		const customer = await stripe.customers.create({ name: 'Wire transfer' });
		const open = await stripe.invoices.finalizeInvoice((await draftWithItem(stripe, customer.id, 4200)).id);
		const paid = await stripe.invoices.pay(open.id, { paid_out_of_band: true });
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 4200, attempted: false });
		expect(emulator.charges(key)).toEqual([]);
	});

	it('sends, voids and marks uncollectible per the state machine', async () => {
		const stripe = sdk(emulator, freshKey('states'));
		const customer = await stripe.customers.create({ email: 'billing@example.com' });
		const draft = await stripe.invoices.create({
			customer: customer.id,
			collection_method: 'send_invoice',
			days_until_due: 30,
		});
		expect(draft.due_date).toBe(draft.created + 30 * 86400);
		await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: draft.id,
			amount: 9000,
			currency: 'usd',
		});
		const sent = await stripe.invoices.sendInvoice(draft.id);
		expect(sent.status).toBe('open');
		const uncollectible = await stripe.invoices.markUncollectible(sent.id);
		expect(uncollectible.status).toBe('uncollectible');
		expect(uncollectible.status_transitions.marked_uncollectible_at).toEqual(expect.any(Number));
		const voided = await stripe.invoices.voidInvoice(sent.id);
		expect(voided).toMatchObject({ status: 'void', amount_due: 9000, amount_paid: 0 });
		expect(voided.status_transitions.voided_at).toEqual(expect.any(Number));
	});

	it('deletes drafts and expands payments on request', async () => {
		const stripe = sdk(emulator, freshKey('delete'));
		const customer = await customerWithCard(stripe);
		const draft = await draftWithItem(stripe, customer.id, 800);
		expect(await stripe.invoices.del(draft.id)).toMatchObject({
			id: draft.id,
			object: 'invoice',
			deleted: true,
		});

		const paid = await stripe.invoices.pay((await draftWithItem(stripe, customer.id, 800)).id);
		const expanded = await stripe.invoices.retrieve(paid.id, { expand: ['payments'] });
		expect(expanded.payments?.data).toEqual([
			expect.objectContaining({
				object: 'invoice_payment',
				amount_paid: 800,
				status: 'paid',
				is_default: true,
			}),
		]);
	});
});
