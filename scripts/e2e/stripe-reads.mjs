// What the e2e checks of the "whole invoice" examples (checks.mjs) read back from the Stripe
// emulator over its API, as any Stripe client would (Bearer secret key): the objects an example
// made and the payment behind an invoice; and the emulator's stand-in for a bank transfer.

/**
 * @param {{ emulator: { url: string }, secretKey: string }} ctx
 * @param {string} method
 * @param {string} path  `/v1/…` (form body) or `/_emulator/…` (JSON body)
 * @param {Record<string, string | number> | undefined} [body]
 */
async function call(ctx, method, path, body) {
	const headers = { authorization: `Bearer ${ctx.secretKey}` };
	let payload;
	if (body !== undefined) {
		const form = path.startsWith('/v1/');
		headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
		payload = form
			? new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString()
			: JSON.stringify(body);
	}
	const res = await fetch(`${ctx.emulator.url}${path}`, { method, headers, body: payload });
	const text = await res.text();
	if (!res.ok) throw new Error(`emulator ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

/** GET a Stripe object by its API path, e.g. `/v1/tax_rates/txr_…`. */
export const stripeGet = (ctx, path) => call(ctx, 'GET', path);

/** The invoice with its payments (`expand[]=payments`). */
export const invoiceWithPayments = (ctx, invoiceId) =>
	stripeGet(ctx, `/v1/invoices/${encodeURIComponent(invoiceId)}?expand[]=payments`);

/**
 * The PaymentIntent behind an invoice's (only) payment, read with GET /v1/payment_intents/:id:
 * where Stripe shows Connect's fee and transfer and the bank-transfer instructions.
 */
export async function paymentIntentOf(ctx, invoiceId) {
	const invoice = await invoiceWithPayments(ctx, invoiceId);
	const payments = invoice.payments?.data ?? [];
	if (payments.length !== 1)
		throw new Error(`invoice ${invoiceId} has ${payments.length} payments, expected 1`);
	const intent = payments[0].payment?.payment_intent;
	if (typeof intent !== 'string') throw new Error(`invoice ${invoiceId}: payment has no payment_intent`);
	return stripeGet(ctx, `/v1/payment_intents/${encodeURIComponent(intent)}`);
}

/** The customer's bank transfer arriving (the emulator's stand-in for the real transfer). */
export const bankTransferArrives = (ctx, transfer) =>
	call(ctx, 'POST', '/_emulator/bank_transfers', transfer);

/** Stripe's rounding of a percentage of a whole amount (half away from zero), in integers. */
export function percentOf(amount, percent) {
	const scaled = amount * percent;
	return Math.sign(scaled) * Math.round(Math.abs(scaled) / 100);
}

const sum = (entries) => (entries ?? []).reduce((total, entry) => total + entry.amount, 0);

/** An invoice's discount and tax as the node's figures name them. */
export function invoiceDiscountAndTax(invoice) {
	return { discount: sum(invoice.total_discount_amounts), tax: sum(invoice.total_taxes) };
}
