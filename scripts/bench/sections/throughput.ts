/* eslint-disable no-console */
// A and B: 500 rows against Stripe-like latency (150 ms) and test-mode rate limit (25 req/s), with
// the node's defaults (A) and one row at a time (B).
import type { INodeParameters } from 'n8n-workflow';

import { runEngine } from '../../../test/engine/harness';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';
import { benchKey, benchRows, checkLedger, checkOutput, collectStep, STEP_NAME } from '../workload';

const ROWS = 500;
const LATENCY_MS = 150;
/** Stripe's test-mode limit, which the node's auto rate cap (maxRequestsPerSecond 0) also uses. */
const RATE_LIMIT = 25;

export interface BatchResult {
	rowsPerSecond: number;
	figures: Figure[];
}

async function runBatch(
	emulator: BenchEmulator,
	section: string,
	options: INodeParameters,
): Promise<BatchResult> {
	await emulator.configure({ latencyMs: LATENCY_MS, rateLimit: RATE_LIMIT });
	const key = benchKey();
	const rows = benchRows(await emulator.customers(key, ROWS), `bench-${section}`);
	const before = await emulator.stats();
	const started = performance.now();
	const result = await runEngine({
		rows,
		steps: [collectStep(options)],
		credentials: { secretKey: key, baseUrl: emulator.url },
	});
	const wallMs = performance.now() - started;
	const after = await emulator.stats();
	const output = checkOutput(rows, result.output(STEP_NAME));
	const ledger = checkLedger(await emulator.ledger(key), rows);

	const rowsPerSecond = ROWS / (wallMs / 1000);
	const figures: Figure[] = [
		judged(section, 'run finished without error', result.error?.message ?? 'ok', 'no error', !result.error),
		info(section, 'wall time', `${fixed(wallMs / 1000, 1)} s`),
		info(section, 'rows/s', fixed(rowsPerSecond)),
		info(section, '429s seen', String(after.rateLimited - before.rateLimited)),
		judged(
			section,
			'outputs paid, paired in order',
			`${output.paid}/${ROWS}${output.pairedInOrder ? '' : ' (pairing broken)'}`,
			`${ROWS}/${ROWS}`,
			output.paid === ROWS && output.rowsOut === ROWS && output.pairedInOrder,
		),
		judged(
			section,
			'ledger: invoices paid once',
			`${ledger.paidInvoices}/${ROWS}`,
			`${ROWS}/${ROWS}`,
			ledger.paidInvoices === ROWS,
		),
		judged(
			section,
			'duplicates (refs + double charges)',
			String(ledger.duplicates),
			'0',
			ledger.duplicates === 0,
		),
	];
	const callsPerRow = (after.requests - before.requests) / ROWS;
	if (section === 'A') {
		const ceiling = RATE_LIMIT / callsPerRow;
		const ratio = rowsPerSecond / ceiling;
		figures.splice(
			3,
			0,
			info(section, 'calls per row', fixed(callsPerRow)),
			info(section, `ceiling ${RATE_LIMIT} req/s ÷ calls per row`, `${fixed(ceiling)} rows/s`),
			judged(section, 'rows/s ÷ ceiling', fixed(ratio, 3), '≥ 0.90', ratio >= 0.9),
		);
	}
	console.log(`  ${section}: ${ROWS} rows in ${fixed(wallMs / 1000, 1)} s, ${fixed(rowsPerSecond)} rows/s`);
	return { rowsPerSecond, figures };
}

/** A: the node's defaults (concurrency 10, auto rate cap = 25 req/s for an sk_test_ key). */
export async function throughput(emulator: BenchEmulator): Promise<BatchResult> {
	console.log(`A: ${ROWS} rows, ${LATENCY_MS} ms latency, ${RATE_LIMIT} req/s limit, node defaults…`);
	return await runBatch(emulator, 'A', {});
}

/** B: the same rows one at a time, the speed a plain per-item loop would reach. */
export async function baseline(emulator: BenchEmulator, throughputA: number | undefined): Promise<Figure[]> {
	console.log(`B: ${ROWS} rows, concurrency 1 (about ${Math.round((ROWS * 5 * LATENCY_MS) / 1000)} s)…`);
	const { rowsPerSecond, figures } = await runBatch(emulator, 'B', { concurrency: 1 });
	if (throughputA === undefined) return [...figures, info('B', 'speed-up A/B', 'n/a: A did not run')];
	const speedUp = throughputA / rowsPerSecond;
	return [...figures, judged('B', 'speed-up A/B', `${fixed(speedUp)}×`, '≥ 2×', speedUp >= 2)];
}
