/* eslint-disable no-console */
// F: two executions of 300 Invoice & Collect rows each, started together on one test-mode account
// (25 req/s): each paces itself to the whole limit, so together they must back off on 429s (AIMD)
// and settle under it, instead of storming it.
import { runEngine } from '../../../test/engine/harness';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';
import { benchKey, benchRows, checkLedger, checkOutput, collectStep, STEP_NAME } from '../workload';

const ROWS_EACH = 300;
const LATENCY_MS = 150;
const TEST_MODE_LIMIT = 25;

export async function sharedAccount(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(
		`F: 2 × ${ROWS_EACH} rows on one account at ${TEST_MODE_LIMIT} req/s, ${LATENCY_MS} ms latency…`,
	);
	await emulator.configure({
		latencyMs: LATENCY_MS,
		rateLimit: 'stripe',
		searchAvailable: true,
		searchLagSeconds: 0,
	});
	const key = benchKey();
	const customers = await emulator.customers(key, ROWS_EACH * 2);
	const batches = [
		benchRows(customers.slice(0, ROWS_EACH), 'bench-F1'),
		benchRows(customers.slice(ROWS_EACH), 'bench-F2'),
	];
	const before = await emulator.stats();
	const started = performance.now();
	const results = await Promise.all(
		batches.map(
			async (rows) =>
				await runEngine({
					rows,
					// Enough retries that a run which keeps meeting the other one's traffic still finishes.
					steps: [collectStep({ maxAttempts: 10 })],
					credentials: { secretKey: key, baseUrl: emulator.url },
				}),
		),
	);
	const wallMs = performance.now() - started;
	const after = await emulator.stats();
	const rows = [...batches[0], ...batches[1]];
	const ledger = checkLedger(await emulator.ledger(key), rows);
	const outputs = results.map((result, index) => checkOutput(batches[index], result.output(STEP_NAME)));

	const calls = after.requests - before.requests;
	const limited = after.rateLimited - before.rateLimited;
	const callsPerRow = (calls - limited) / rows.length;
	const ceiling = TEST_MODE_LIMIT / callsPerRow;
	const rowsPerSecond = rows.length / (wallMs / 1000);
	const share = limited / calls;
	const paid = outputs.reduce((sum, output) => sum + output.paid, 0);
	const errors = results.map((result) => result.error?.message).filter(Boolean);
	console.log(`  F: ${fixed(rowsPerSecond)} rows/s combined, ${limited} × 429 of ${calls} calls`);
	return [
		judged('F', 'both runs finished without error', errors[0] ?? 'ok', 'no error', errors.length === 0),
		info('F', 'wall time', `${fixed(wallMs / 1000, 1)} s`),
		info('F', 'combined rows/s', fixed(rowsPerSecond)),
		info(
			'F',
			`ceiling ${TEST_MODE_LIMIT} req/s ÷ ${fixed(callsPerRow, 2)} calls per row`,
			`${fixed(ceiling)} rows/s`,
		),
		judged(
			'F',
			'combined rows/s ÷ ceiling',
			fixed(rowsPerSecond / ceiling, 3),
			'≥ 0.85',
			rowsPerSecond / ceiling >= 0.85,
		),
		judged('F', '429s ÷ calls', `${fixed(share * 100, 2)} % (${limited}/${calls})`, '≤ 2 %', share <= 0.02),
		judged(
			'F',
			'paid, paired in order',
			`${paid}/${rows.length}`,
			`${rows.length}/${rows.length}`,
			paid === rows.length && outputs.every((o) => o.pairedInOrder),
		),
		judged(
			'F',
			'duplicates (refs + double charges)',
			String(ledger.duplicates),
			'0',
			ledger.duplicates === 0,
		),
	];
}
