/* eslint-disable no-console */
// H: exactly-once at production scale. 500 Invoice & Collect rows with References for 100
// customers who each have 450 past invoices, at Stripe's latency and test-mode limits: how many
// reads the reference lookup costs per row, first run and re-run, and whether that holds for
// customers with no history or 5,000 past invoices (and where search is refused).
import type { INodeParameters } from 'n8n-workflow';

import type { EmulatorStats } from '../../../test/emulator/types';
import { runEngine } from '../../../test/engine/harness';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';
import {
	benchKey,
	benchRows,
	checkLedger,
	checkOutput,
	collectStep,
	STEP_NAME,
	type BenchRow,
} from '../workload';

const ROWS = 500;
const CUSTOMERS = 100;
const PAST_INVOICES = 450;
const LATENCY_MS = 150;
const TEST_MODE_LIMIT = 25;

/** Rows spread over the customers in turn, each with its own Reference. */
function rowsFor(customers: string[], count: number, prefix: string): BenchRow[] {
	return benchRows(
		Array.from({ length: count }, (_, index) => customers[index % customers.length]),
		prefix,
	);
}

interface Measured {
	wallMs: number;
	calls: number;
	reads: number;
	limited: number;
	error?: string;
	output: ReturnType<typeof checkOutput>;
}

async function measure(
	emulator: BenchEmulator,
	key: string,
	rows: BenchRow[],
	options: INodeParameters = {},
): Promise<Measured> {
	const before = await emulator.stats();
	const started = performance.now();
	const result = await runEngine({
		rows,
		steps: [collectStep(options)],
		credentials: { secretKey: key, baseUrl: emulator.url },
	});
	const wallMs = performance.now() - started;
	const after = await emulator.stats();
	const delta = (pick: (stats: EmulatorStats) => number) => pick(after) - pick(before);
	return {
		wallMs,
		calls: delta((stats) => stats.requests),
		reads: delta((stats) => stats.byMethod.GET ?? 0),
		limited: delta((stats) => stats.rateLimited),
		error: result.error?.message,
		output: checkOutput(rows, result.output(STEP_NAME)),
	};
}

export async function scale(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(
		`H: ${ROWS} rows, ${CUSTOMERS} customers × ${PAST_INVOICES} past invoices, ${LATENCY_MS} ms, Stripe test-mode limits…`,
	);
	await emulator.configure({ latencyMs: 0, rateLimit: null, searchAvailable: true, searchLagSeconds: 0 });
	const key = benchKey();
	const customers = await emulator.customers(key, CUSTOMERS);
	await emulator.pastInvoices(key, customers, PAST_INVOICES);
	const rows = rowsFor(customers, ROWS, 'bench-H');
	await emulator.configure({ latencyMs: LATENCY_MS, rateLimit: 'stripe' });
	const first = await measure(emulator, key, rows);
	const rerun = await measure(emulator, key, rows);
	const ledger = checkLedger(await emulator.ledger(key), rows);

	const callsPerRow = (first.calls - first.limited) / ROWS;
	const ceiling = TEST_MODE_LIMIT / callsPerRow;
	const rowsPerSecond = ROWS / (first.wallMs / 1000);
	const readsPerRow = first.reads / ROWS;
	console.log(`  H: ${fixed(rowsPerSecond)} rows/s, ${fixed(readsPerRow, 3)} reads per row`);
	return [
		judged(
			'H',
			'runs finished without error',
			first.error ?? rerun.error ?? 'ok',
			'no error',
			!first.error && !rerun.error,
		),
		judged('H', 'reads per row, first run', fixed(readsPerRow, 3), '≤ 0.2 (limit 1)', readsPerRow <= 0.2),
		judged('H', 'reads per row, re-run', fixed(rerun.reads / ROWS, 3), '≤ 0.2', rerun.reads / ROWS <= 0.2),
		info('H', 'calls per row', fixed(callsPerRow, 3)),
		info('H', `ceiling ${TEST_MODE_LIMIT} req/s ÷ calls per row`, `${fixed(ceiling)} rows/s`),
		info('H', 'rows/s', `${fixed(rowsPerSecond)} (${fixed(first.wallMs / 1000, 1)} s)`),
		judged(
			'H',
			'rows/s ÷ ceiling',
			fixed(rowsPerSecond / ceiling, 3),
			'≥ 0.90',
			rowsPerSecond / ceiling >= 0.9,
		),
		info('H', '429s seen (first run, re-run)', `${first.limited}, ${rerun.limited}`),
		judged(
			'H',
			'paid (first run), already paid (re-run)',
			`${first.output.paid}/${ROWS}, ${rerun.output.paid}/${ROWS}`,
			`${ROWS}/${ROWS}`,
			first.output.paid === ROWS && rerun.output.paid === ROWS && first.output.pairedInOrder,
		),
		judged(
			'H',
			'ledger: invoices paid once',
			`${ledger.paidInvoices}/${ROWS}`,
			`${ROWS}/${ROWS}`,
			ledger.paidInvoices === ROWS,
		),
		judged(
			'H',
			'duplicates (refs + double charges)',
			String(ledger.duplicates),
			'0',
			ledger.duplicates === 0,
		),
		...(await readsByHistory(emulator)),
	];
}

const HISTORY_ROWS = 100;
const HISTORY_CUSTOMERS = 10;
const UNPACED = { maxRequestsPerSecond: 10_000 };

/** Reads per row whatever the customers' history, with search and (bounded) without it. */
async function readsByHistory(emulator: BenchEmulator): Promise<Figure[]> {
	const figures: Figure[] = [];
	for (const searchAvailable of [true, false]) {
		for (const past of [0, 450, 5000]) {
			await emulator.configure({ latencyMs: 0, rateLimit: null, searchAvailable: true });
			const key = benchKey();
			const customers = await emulator.customers(key, HISTORY_CUSTOMERS);
			if (past > 0) await emulator.pastInvoices(key, customers, past);
			const rows = rowsFor(customers, HISTORY_ROWS, `bench-H${past}`);
			await emulator.configure({ searchAvailable });
			// Only reads are counted here: no latency, no pacing.
			const first = await measure(emulator, key, rows, UNPACED);
			const rerun = await measure(emulator, key, rows, UNPACED);
			const perRow = (reads: number) => fixed(reads / HISTORY_ROWS, 2);
			const name = `reads/row, ${past} past invoices${searchAvailable ? '' : ', no search'}`;
			const value = `${perRow(first.reads)} first, ${perRow(rerun.reads)} re-run`;
			const ok =
				!first.error &&
				!rerun.error &&
				first.output.paid === HISTORY_ROWS &&
				rerun.output.paid === HISTORY_ROWS;
			if (searchAvailable) {
				const pass = ok && first.reads / HISTORY_ROWS <= 0.2 && rerun.reads / HISTORY_ROWS <= 0.2;
				figures.push(judged('H', name, value, '≤ 0.2', pass));
			} else {
				// Bounded by the listing cap (10 pages per customer), not by the history.
				figures.push(judged('H', name, value, 'no error', ok));
			}
		}
	}
	await emulator.configure({ searchAvailable: true });
	return figures;
}
