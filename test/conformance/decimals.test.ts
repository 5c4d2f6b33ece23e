// Decimal fields travel as JSON strings and come back from the SDK as Stripe.Decimal values.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, freshKey, sdk, useEmulator } from './helpers';

let emulator: RunningEmulator;
useEmulator((started) => (emulator = started));

describe('decimal fields', () => {
	it('computes amounts from decimal unit amounts and quantities and returns strings on the wire', async () => {
		const key = freshKey('decimal');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe);
		const invoice = await stripe.invoices.create({ customer: customer.id });
		const item = await stripe.invoiceItems.create({
			customer: customer.id,
			invoice: invoice.id,
			currency: 'usd',
			unit_amount_decimal: Stripe.Decimal.from('12.345'),
			quantity_decimal: Stripe.Decimal.from('2.5'),
		});
		// 12.345 × 2.5 = 30.8625 -> 31
		expect(item.amount).toBe(31);
		expect(item.quantity_decimal.toString()).toBe('2.5');
		expect(item.pricing?.unit_amount_decimal?.toString()).toBe('12.345');

		const sent = emulator.requests.find((r) => r.path === '/v1/invoiceitems' && r.method === 'POST');
		expect(sent?.rawBody).toContain('unit_amount_decimal=12.345');
		expect(sent?.rawBody).toContain('quantity_decimal=2.5');

		const res = await fetch(`${emulator.url}/v1/invoiceitems/${item.id}`, {
			headers: { Authorization: `Bearer ${key}` },
		});
		const raw = (await res.json()) as Record<string, unknown> & { pricing: Record<string, unknown> };
		expect(raw.quantity_decimal).toBe('2.5');
		expect(raw.pricing.unit_amount_decimal).toBe('12.345');
		expect(typeof raw.amount).toBe('number');
		expect(typeof raw.date).toBe('number');

		const invoiceRaw = (await (
			await fetch(`${emulator.url}/v1/invoices/${invoice.id}`, {
				headers: { Authorization: `Bearer ${key}` },
			})
		).json()) as {
			lines: { data: Array<Record<string, unknown>> };
		};
		expect(invoiceRaw.lines.data[0].quantity_decimal).toBe('2.5');
	});

	it('reports amount items as unit_amount_decimal = amount and quantity_decimal "1"', async () => {
		const key = freshKey('decimal2');
		const stripe = sdk(emulator, key);
		const customer = await customerWithCard(stripe);
		const item = await stripe.invoiceItems.create({ customer: customer.id, amount: 1234, currency: 'usd' });
		expect(item.quantity).toBe(1);
		expect(item.quantity_decimal.toString()).toBe('1');
		expect(item.pricing?.unit_amount_decimal?.toString()).toBe('1234');
		const updated = await stripe.invoiceItems.update(item.id, { quantity: 3 });
		expect(updated).toMatchObject({ amount: 3702, quantity: 3 });
	});
});
