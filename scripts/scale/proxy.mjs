// A round-robin HTTP proxy on a free loopback port: what a load balancer in front of several
// `n8n webhook` processors does. Each request goes to the next backend in turn; a backend that
// refuses the connection (stopped, restarting) is skipped, as a load balancer's health check
// would. Every request is logged with the backend that answered it, the Stripe event id in its
// body (when there is one), the status and the answer time, so scenarios can tell which
// processor saw which delivery, what it answered (the first 200 characters) and how long it took.
import http from 'node:http';

import { freePort, onCleanup } from '../e2e/lib.mjs';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);
const EVENT_ID = /"id"\s*:\s*"(evt_[A-Za-z0-9_]+)"/;

/**
 * @typedef {{ name: string, port: number }} Backend
 * @typedef {{ at: number, path: string, eventId?: string, backend?: string, status: number,
 *   ms: number, outcome: 'answered' | 'refused' | 'aborted' | 'failed', response?: string }} ProxyRecord
 */

/**
 * Starts the proxy. `backends` is the initial rotation; use(names) changes it (a subset of the
 * backends given, or backends added with add()). Returns { url, port, log, use, add, stop }.
 * @param {{ backends: Backend[] }} options
 */
export async function startRoundRobinProxy({ backends }) {
	const known = new Map(backends.map((b) => [b.name, b]));
	let rotation = backends.map((b) => b.name);
	let next = 0;
	/** @type {ProxyRecord[]} */
	const log = [];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

	/** Sends one buffered request to a backend; resolves its response, rejects on a socket error. */
	const forward = (backend, req, body, retried = false) =>
		new Promise((resolve, reject) => {
			const headers = Object.fromEntries(
				Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
			);
			headers['content-length'] = String(body.length);
			const outgoing = http.request(
				{ host: '127.0.0.1', port: backend.port, method: req.method, path: req.url, headers, agent },
				resolve,
			);
			outgoing.on('error', (error) => {
				// A kept-alive socket the backend closed just as this request went out: the backend
				// never read it, so sending it again is safe (Node's documented pattern).
				if (outgoing.reusedSocket && error.code === 'ECONNRESET' && !retried)
					resolve(forward(backend, req, body, true));
				else reject(error);
			});
			outgoing.end(body);
		});

	const server = http.createServer(async (req, res) => {
		const started = performance.now();
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		/** @type {ProxyRecord} */
		const record = {
			at: Date.now(),
			path: req.url ?? '',
			eventId: EVENT_ID.exec(body.toString('utf8', 0, Math.min(body.length, 200)))?.[1],
			status: 0,
			ms: 0,
			outcome: 'failed',
		};
		log.push(record);
		let aborted = false;
		// The caller gave up (Stripe's timeout) before the answer was sent.
		res.on('close', () => {
			if (res.writableFinished) return;
			aborted = true;
			record.outcome = 'aborted';
			record.ms = performance.now() - started;
		});
		// Each backend is tried at most once; only a refused connection moves on to the next one
		// (the request never reached it, so sending it elsewhere cannot run it twice).
		const order = rotation.map((_, i) => rotation[(next + i) % rotation.length]);
		next = (next + 1) % Math.max(rotation.length, 1);
		for (const name of order) {
			record.backend = name;
			let response;
			try {
				response = await forward(known.get(name), req, body);
			} catch (error) {
				if (error.code === 'ECONNREFUSED') {
					record.outcome = 'refused';
					continue;
				}
				record.outcome = aborted ? 'aborted' : 'failed';
				record.ms = performance.now() - started;
				if (!res.headersSent) res.writeHead(502).end(`proxy: ${error.code ?? error.message}`);
				return;
			}
			const headers = Object.fromEntries(
				Object.entries(response.headers).filter(([h]) => !HOP_BY_HOP.has(h)),
			);
			res.writeHead(response.statusCode ?? 502, headers);
			response.pipe(res);
			let answer = '';
			response.on('data', (chunk) => {
				if (answer.length < 200) answer += chunk.toString('utf8', 0, 200 - answer.length);
			});
			response.on('end', () => {
				record.response = answer;
				record.status = response.statusCode ?? 0;
				if (aborted) return;
				record.ms = performance.now() - started;
				record.outcome = 'answered';
			});
			response.on('error', () => (record.outcome = 'failed'));
			return;
		}
		record.ms = performance.now() - started;
		res.writeHead(502).end('proxy: every backend refused the connection');
	});
	// Deliveries wait as long as n8n takes (the caller has its own timeout).
	server.requestTimeout = 0;
	server.headersTimeout = 0;
	server.keepAliveTimeout = 60_000;
	const port = await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	const stop = async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(() => resolve()));
		agent.destroy();
	};
	onCleanup(stop);
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		log,
		/** Sends requests to these backends only, in this order. */
		use(names) {
			for (const name of names) if (!known.has(name)) throw new Error(`proxy: no backend ${name}`);
			rotation = [...names];
			next = 0;
		},
		/** The backends in the rotation now. */
		rotation: () => [...rotation],
		stop,
	};
}
