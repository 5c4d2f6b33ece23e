/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Section C's baseline: the same five Stripe calls per row as Invoice & Collect (same paths, form
// bodies and headers), sent one after another with Node's http module and nothing else.
import { request, type Agent } from 'node:http';

import { STRIPE_API_VERSION } from '../../nodes/StripeInvoicing/transport/apiVersion';
import { encodeForm, type FormParams } from '../../nodes/StripeInvoicing/transport/formEncode';
import { referenceIdempotencyKey } from '../../nodes/StripeInvoicing/transport/idempotencyKey';
import type { BenchRow } from './workload';

interface StripeObject {
	id: string;
	status?: string;
	data?: unknown[];
}

export interface BareClient {
	baseUrl: URL;
	key: string;
	/** undefined = the default global agent (keep-alive); false = a new connection per call. */
	agent?: Agent | false;
}

function send(
	client: BareClient,
	method: 'GET' | 'POST',
	path: string,
	body?: FormParams,
	idempotencyKey?: string,
) {
	const headers: Record<string, string> = {
		'Stripe-Version': STRIPE_API_VERSION,
		Accept: 'application/json',
		Authorization: `Bearer ${client.key}`,
	};
	const encoded = body ? encodeForm(body) : '';
	if (method === 'POST') {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		headers['Idempotency-Key'] = idempotencyKey ?? '';
		headers['Content-Length'] = String(Buffer.byteLength(encoded));
	}
	return new Promise<StripeObject>((resolve, reject) => {
		const outgoing = request(
			{
				host: client.baseUrl.hostname,
				port: client.baseUrl.port,
				method,
				path,
				headers,
				agent: client.agent,
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk: Buffer) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					const status = response.statusCode ?? 0;
					if (status < 200 || status >= 300)
						reject(new Error(`${method} ${path} answered ${status}: ${text}`));
					else resolve(JSON.parse(text) as StripeObject);
				});
				response.on('error', reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(encoded);
	});
}

/** Lookup by reference, draft, line, finalize, pay: what the node sends for a row with a Reference. */
export async function bareInvoiceAndCollect(client: BareClient, row: BenchRow): Promise<void> {
	const keyFor = (...parts: string[]) => referenceIdempotencyKey(row.ref, 'invoiceAndCollect', ...parts);
	const found = await send(
		client,
		'GET',
		`/v1/invoices?${encodeForm({ customer: row.customer, limit: 100 })}`,
	);
	if (found.data?.length) throw new Error(`Reference ${row.ref} is already billed`);
	const draft = await send(
		client,
		'POST',
		'/v1/invoices',
		{
			customer: row.customer,
			currency: row.currency,
			auto_advance: false,
			collection_method: 'charge_automatically',
			pending_invoice_items_behavior: 'exclude',
			metadata: { n8n_reference: row.ref },
		},
		keyFor('create'),
	);
	const id = draft.id;
	const line = {
		customer: row.customer,
		invoice: id,
		description: row.description,
		amount: row.amount,
		currency: row.currency,
	};
	await send(client, 'POST', '/v1/invoiceitems', line, keyFor(id, 'line', '0'));
	await send(client, 'POST', `/v1/invoices/${id}/finalize`, { auto_advance: false }, keyFor(id, 'finalize'));
	const paid = await send(client, 'POST', `/v1/invoices/${id}/pay`, undefined, keyFor(id, 'pay', 'first'));
	if (paid.status !== 'paid') throw new Error(`Invoice ${id} ended ${paid.status}`);
}
