/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Drives the emulator child through its /_emulator control endpoints (JSON over HTTP).
import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';

import type { EmulatorSettings } from '../../test/emulator/control';
import type { EmulatorStats, Ledger } from '../../test/emulator/types';
import { readMarkedLine, spawnTs } from './childProcess';

export interface BenchEmulator {
	url: string;
	configure(settings: Partial<EmulatorSettings>): Promise<void>;
	stats(): Promise<EmulatorStats>;
	ledger(key: string): Promise<Ledger>;
	/** Customers with a default card (pm_card_visa), created directly, without API calls. */
	customers(key: string, count: number): Promise<string[]>;
	/** Draft invoices added directly to each customer, tagged with references of their own. */
	pastInvoices(key: string, customers: string[], perCustomer: number): Promise<string[]>;
	/** Stops the emulator child (if this client started it) and waits for it to exit. */
	stop(): Promise<void>;
}

/**
 * One control request on a connection of its own: a kept-alive socket could be closed by the server
 * while the bench is busy (section D blocks the event loop), and then fail the next call.
 */
function call<T>(url: string, method: string, body?: object, key?: string): Promise<T> {
	const payload = body ? JSON.stringify(body) : '';
	const headers: Record<string, string> = {
		'Content-Type': 'application/json',
		'Content-Length': String(Buffer.byteLength(payload)),
	};
	if (key) headers.Authorization = `Bearer ${key}`;
	return new Promise((resolve, reject) => {
		const outgoing = request(url, { method, headers, agent: false }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				const status = response.statusCode ?? 0;
				if (status < 200 || status >= 300) reject(new Error(`${method} ${url} answered ${status}: ${text}`));
				else resolve(JSON.parse(text) as T);
			});
			response.on('error', reject);
		});
		outgoing.on('error', (error) => reject(new Error(`${method} ${url} failed: ${error.message}`)));
		outgoing.end(payload);
	});
}

/** An emulator already running at `url` (the memory child reaches the bench's emulator this way). */
export function connectEmulator(url: string, stop = async () => {}): BenchEmulator {
	const control = `${url}/_emulator`;
	return {
		url,
		configure: async (settings) => {
			await call(`${control}/config`, 'POST', settings);
		},
		stats: async () => await call<EmulatorStats>(`${control}/stats`, 'GET'),
		ledger: async (key) => await call<Ledger>(`${control}/ledger`, 'GET', undefined, key),
		customers: async (key, count) =>
			(
				await call<{ ids: string[] }>(
					`${control}/customers`,
					'POST',
					{ count, paymentMethod: 'pm_card_visa' },
					key,
				)
			).ids,
		pastInvoices: async (key, customers, perCustomer) =>
			(await call<{ ids: string[] }>(`${control}/invoices`, 'POST', { customers, perCustomer }, key)).ids,
		stop,
	};
}

export async function spawnEmulator(latencyMs = 0, rateLimit = 0): Promise<BenchEmulator> {
	const child: ChildProcess = spawnTs(
		'emulatorProcess.ts',
		[String(latencyMs), String(rateLimit)],
		['pipe', 'pipe', 'inherit'],
	);
	const url = await readMarkedLine(child, 'EMULATOR_URL ');
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			// Closing stdin lets the child close its server and exit on its own.
			child.stdin?.end();
		});
	return connectEmulator(url, stop);
}
