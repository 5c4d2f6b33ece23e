/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// A local HTTP server standing in for the receiving end of Stripe webhooks: it keeps each
// delivery's exact bytes and headers, and answers with whatever `answer` decides.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
	rawBody: Buffer;
	headers: IncomingMessage['headers'];
	status: number;
}

export interface WebhookReceiver {
	url: string;
	received: ReceivedDelivery[];
	/** The parsed events in arrival order. */
	events(): Array<
		{ id: string; type: string; data: { object: Record<string, unknown> } } & Record<string, unknown>
	>;
	close(): Promise<void>;
}

export type Answer = (
	delivery: Omit<ReceivedDelivery, 'status'>,
) => Promise<{ status: number; body?: string }> | { status: number; body?: string };

export async function startReceiver(answer: Answer = () => ({ status: 200 })): Promise<WebhookReceiver> {
	const received: ReceivedDelivery[] = [];
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const delivery = { rawBody: Buffer.concat(chunks), headers: req.headers };
			Promise.resolve(answer(delivery))
				.catch(() => ({ status: 500, body: 'receiver failed' }))
				.then(({ status, body }) => {
					received.push({ ...delivery, status });
					res.writeHead(status, { 'Content-Type': 'text/plain' });
					res.end(body ?? '');
				});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook`,
		received,
		events: () => received.map((d) => JSON.parse(d.rawBody.toString('utf8'))),
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
