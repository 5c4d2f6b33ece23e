/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Section C's baselines: the same five Stripe calls per row as Invoice & Collect (same paths, form
// bodies and headers), sent one after another with nothing else around them. Two senders: Node's
// http module, and n8n's own HTTP helper as a node calls it.
import { request, type Agent } from 'node:http';
import type { IExecuteFunctions, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { STRIPE_API_VERSION } from '../../nodes/shared/transport/apiVersion';
import { encodeForm, type FormParams } from '../../nodes/shared/transport/formEncode';
import { referenceIdempotencyKey } from '../../nodes/shared/transport/idempotencyKey';
import type { BenchRow } from './workload';

interface StripeObject {
	id: string;
	status?: string;
	data?: unknown[];
}

type Sender = (
	method: 'GET' | 'POST',
	path: string,
	body?: FormParams,
	idempotencyKey?: string,
) => Promise<StripeObject>;

function stripeHeaders(method: 'GET' | 'POST', idempotencyKey?: string): Record<string, string> {
	const headers: Record<string, string> = {
		'Stripe-Version': STRIPE_API_VERSION,
		Accept: 'application/json',
	};
	if (method === 'POST') {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		headers['Idempotency-Key'] = idempotencyKey ?? '';
	}
	return headers;
}

function checked(method: string, path: string, status: number, body: unknown): StripeObject {
	if (status < 200 || status >= 300)
		throw new Error(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
	return body as StripeObject;
}

export interface BareClient {
	baseUrl: URL;
	key: string;
	/** undefined = the default global agent (keep-alive); false = a new connection per call. */
	agent?: Agent | false;
}

/** Node's http module, the key set by hand. */
export function httpSender(client: BareClient): Sender {
	return async (method, path, body, idempotencyKey) => {
		const encoded = body ? encodeForm(body) : '';
		const headers: Record<string, string> = {
			...stripeHeaders(method, idempotencyKey),
			Authorization: `Bearer ${client.key}`,
		};
		if (method === 'POST') headers['Content-Length'] = String(Buffer.byteLength(encoded));
		return await new Promise<StripeObject>((resolve, reject) => {
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
						try {
							const text = Buffer.concat(chunks).toString('utf8');
							resolve(checked(method, path, response.statusCode ?? 0, JSON.parse(text)));
						} catch (error) {
							reject(error);
						}
					});
					response.on('error', reject);
				},
			);
			outgoing.on('error', reject);
			outgoing.end(encoded);
		});
	};
}

/** n8n's HTTP helper with the credential's authentication: what the node's transport calls. */
export function n8nHelperSender(ctx: IExecuteFunctions, baseURL: string): Sender {
	return async (method, path, body, idempotencyKey) => {
		const encoded = body ? encodeForm(body) : '';
		const options: IHttpRequestOptions = {
			method,
			baseURL,
			url: path,
			body: method === 'POST' && encoded ? encoded : undefined,
			headers: stripeHeaders(method, idempotencyKey),
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		};
		const response = (await ctx.helpers.httpRequestWithAuthentication.call(
			ctx,
			'stripeInvoicingApi',
			options,
		)) as IN8nHttpFullResponse;
		return checked(method, path, response.statusCode, response.body);
	};
}

/**
 * What the node sends for rows with a Reference: one search for each ten rows' references, then
 * per row draft, line, finalize, pay.
 */
export async function bareInvoiceAndCollect(send: Sender, rows: BenchRow[]): Promise<void> {
	for (let start = 0; start < rows.length; start += 10) {
		const chunk = rows.slice(start, start + 10);
		const query = chunk.map((row) => `metadata['n8n_reference']:'${row.ref}'`).join(' OR ');
		const found = await send('GET', `/v1/invoices/search?${encodeForm({ query, limit: 100 })}`);
		if (found.data?.length) throw new Error(`A reference of rows ${start}… is already billed`);
		for (const row of chunk) await bareRow(send, row);
	}
}

async function bareRow(send: Sender, row: BenchRow): Promise<void> {
	const keyFor = (...parts: string[]) => referenceIdempotencyKey(row.ref, 'invoiceAndCollect', parts);
	const draft = await send(
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
	await send('POST', '/v1/invoiceitems', line, keyFor(id, 'line', '0'));
	await send('POST', `/v1/invoices/${id}/finalize`, { auto_advance: false }, keyFor(id, 'finalize'));
	const paid = await send('POST', `/v1/invoices/${id}/pay`, undefined, keyFor(id, 'pay', 'first'));
	if (paid.status !== 'paid') throw new Error(`Invoice ${id} ended ${paid.status}`);
}
