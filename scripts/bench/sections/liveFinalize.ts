/* eslint-disable no-console */
// G: a live-mode key (100 req/s for the account, 25 req/s per endpoint), 1,000 Finalize rows: one
// endpoint, so the per-endpoint limit is the one that binds, and the node must pace to it.
import { runEngine } from '../../../test/engine/harness';
import { byId, finalizeInvoice } from '../../../test/node/params';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';

const ROWS = 1000;
const LATENCY_MS = 150;
const ENDPOINT_LIMIT = 25;
const STEP = 'Finalize';

export async function liveFinalize(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(`G: ${ROWS} Finalize rows, live-mode key, ${LATENCY_MS} ms latency, Stripe's live limits…`);
	await emulator.configure({ latencyMs: 0, rateLimit: null });
	const key = `sk_live_bench${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
	const customers = await emulator.customers(key, ROWS / 10);
	const drafts = await emulator.pastInvoices(key, customers, 10);
	await emulator.configure({ latencyMs: LATENCY_MS, rateLimit: 'stripe' });
	const before = await emulator.stats();
	const started = performance.now();
	const result = await runEngine({
		rows: drafts.map((invoiceId) => ({ invoiceId })),
		steps: [{ name: STEP, parameters: finalizeInvoice({ invoiceId: byId('={{ $json.invoiceId }}') }) }],
		credentials: { secretKey: key, baseUrl: emulator.url },
	});
	const wallMs = performance.now() - started;
	const after = await emulator.stats();
	const calls = after.requests - before.requests;
	const limited = after.rateLimited - before.rateLimited;
	const output = result.output(STEP) ?? [];
	const finalized = output.filter(
		(item) => item.json.status === 'open' || item.json.status === 'paid',
	).length;
	const rowsPerSecond = ROWS / (wallMs / 1000);
	console.log(`  G: ${fixed(rowsPerSecond)} rows/s, ${limited} × 429`);
	return [
		judged('G', 'run finished without error', result.error?.message ?? 'ok', 'no error', !result.error),
		info('G', 'wall time', `${fixed(wallMs / 1000, 1)} s`),
		judged(
			'G',
			`rows/s ÷ ${ENDPOINT_LIMIT} (the per-endpoint limit)`,
			`${fixed(rowsPerSecond)} rows/s = ${fixed(rowsPerSecond / ENDPOINT_LIMIT, 3)}`,
			'≥ 0.90',
			rowsPerSecond / ENDPOINT_LIMIT >= 0.9,
		),
		judged(
			'G',
			'429s ÷ calls',
			`${fixed((limited / calls) * 100, 2)} % (${limited}/${calls})`,
			'≤ 1 %',
			limited / calls <= 0.01,
		),
		judged('G', 'invoices finalized', `${finalized}/${ROWS}`, `${ROWS}/${ROWS}`, finalized === ROWS),
	];
}
