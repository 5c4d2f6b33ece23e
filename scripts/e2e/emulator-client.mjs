// The Stripe emulator over HTTP, as a separate process would see it: the Stripe API for one
// account (Bearer secret key) and the `/_emulator` control endpoints. Works the same whether the
// emulator runs in this process (lib.mjs startStripeEmulator) or elsewhere (`npm run emulator`).

async function request(emulator, secretKey, method, path, body) {
	const headers = { authorization: `Bearer ${secretKey}` };
	let payload;
	if (body !== undefined) {
		// The Stripe API takes form bodies; the control endpoints take JSON.
		const form = path.startsWith('/v1/');
		headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
		payload = form ? new URLSearchParams(body).toString() : JSON.stringify(body);
	}
	const res = await fetch(`${emulator.url}${path}`, { method, headers, body: payload });
	const text = await res.text();
	if (!res.ok) throw new Error(`emulator ${method} ${path} -> ${res.status}: ${text.slice(0, 300)}`);
	return JSON.parse(text);
}

/** The exactly-once ledger of one account (invoices by reference, charges per invoice). */
export function emulatorLedger(emulator, secretKey) {
	return request(emulator, secretKey, 'GET', '/_emulator/ledger');
}

/** The account's webhook endpoints, as Stripe lists them (GET /v1/webhook_endpoints). */
export async function webhookEndpoints(emulator, secretKey) {
	return (await request(emulator, secretKey, 'GET', '/v1/webhook_endpoints?limit=100')).data;
}

/**
 * Webhook delivery attempts to one endpoint, after every delivery in flight has been answered
 * (`?wait=1` makes the emulator wait for that, so no polling is needed here).
 */
export async function webhookDeliveries(emulator, secretKey, endpointId) {
	const query = new URLSearchParams({ wait: '1', endpoint: endpointId });
	return (await request(emulator, secretKey, 'GET', `/_emulator/webhooks/deliveries?${query}`)).data;
}

/**
 * Delivers an event to an endpoint now: a stored one again ({ event: 'evt_…' }) or a new one about
 * an invoice ({ type: 'invoice.paid', object: 'in_…' }). Resolves after the delivery was answered.
 */
export function sendWebhookEvent(emulator, secretKey, body) {
	return request(emulator, secretKey, 'POST', '/_emulator/webhooks/send', body);
}

/** The account's recorded events, newest first. */
export async function webhookEvents(emulator, secretKey) {
	return (await request(emulator, secretKey, 'GET', '/_emulator/webhooks/events')).data;
}

/**
 * Bills one invoice straight through the emulator's Stripe API (create, one line, finalize, pay),
 * so its invoice.* events reach the subscribed endpoints. A declined payment is an outcome here,
 * not an error: returns { invoice, declined } with the invoice as it stands after the attempt.
 */
export async function billInvoice(emulator, secretKey, { customer, amount, currency, metadata = {} }) {
	const call = (method, path, body) => request(emulator, secretKey, method, path, body);
	const meta = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`metadata[${k}]`, v]));
	const draft = await call('POST', '/v1/invoices', { customer, ...meta });
	await call('POST', '/v1/invoiceitems', { customer, invoice: draft.id, amount: String(amount), currency });
	await call('POST', `/v1/invoices/${draft.id}/finalize`, {});
	let declined = false;
	try {
		await call('POST', `/v1/invoices/${draft.id}/pay`, {});
	} catch (error) {
		if (!/-> 402:/.test(error.message)) throw error;
		declined = true;
	}
	return { invoice: await call('GET', `/v1/invoices/${draft.id}`), declined };
}

/**
 * An open invoice straight through the emulator's Stripe API (create, one line, finalize; not
 * paid), for scenarios that pay one. Returns the invoice.
 */
export async function openInvoice(emulator, secretKey, { customer, amount, currency }) {
	const call = (method, path, body) => request(emulator, secretKey, method, path, body);
	const draft = await call('POST', '/v1/invoices', { customer, currency });
	await call('POST', '/v1/invoiceitems', { customer, invoice: draft.id, amount: String(amount), currency });
	return call('POST', `/v1/invoices/${draft.id}/finalize`, {});
}

/** One invoice as the emulator's Stripe API returns it. */
export function getInvoice(emulator, secretKey, invoiceId) {
	return request(emulator, secretKey, 'GET', `/v1/invoices/${encodeURIComponent(invoiceId)}`);
}
