/* eslint-disable no-console */
// E: a 10,000-row batch with no latency or pacing, in a fresh process, for peak memory and loss.
import { compileToJs, readMarkedLine, spawnJs } from '../childProcess';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';
import { benchKey, benchRows, checkLedger } from '../workload';

const ROWS = 10_000;
const RSS_LIMIT_MB = 500;

interface MemoryReport {
	error?: string;
	wallMs: number;
	rowsOut: number;
	paid: number;
	pairedInOrder: boolean;
	rssAtStartMb: number;
	maxRssMb: number;
	peakRssMb: number;
	peakHeapUsedMb: number;
	heapRetainedMb: number;
}

export async function memory(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(`E: ${ROWS} rows through the engine in a fresh process, default concurrency, no pacing…`);
	await emulator.configure({ latencyMs: 0, rateLimit: null });
	const key = benchKey();
	// Plain JS, so neither ts-node nor the TypeScript compiler sits in the measured process.
	const compiled = compileToJs('memoryChild.ts');
	let report: MemoryReport;
	try {
		const args = [emulator.url, key, String(ROWS)];
		const child = spawnJs(compiled.entry, ['--expose-gc'], args, ['ignore', 'pipe', 'inherit']);
		report = JSON.parse(await readMarkedLine(child, 'BENCH_MEMORY ')) as MemoryReport;
	} finally {
		compiled.cleanup();
	}
	// The ledger check needs each row's reference and amount only, which follow from its index.
	const ledger = checkLedger(
		await emulator.ledger(key),
		benchRows(new Array<string>(ROWS).fill(''), 'bench-E'),
	);
	console.log(
		`  E: ${report.rowsOut} rows in ${fixed(report.wallMs / 1000, 1)} s, max RSS ${fixed(report.maxRssMb, 0)} MB`,
	);
	const mb = (value: number) => `${fixed(value, 0)} MB`;
	return [
		judged('E', 'run finished without error', report.error ?? 'ok', 'no error', !report.error),
		judged(
			'E',
			'peak RSS (resourceUsage maxRSS)',
			mb(report.maxRssMb),
			`< ${RSS_LIMIT_MB} MB`,
			report.maxRssMb < RSS_LIMIT_MB,
		),
		info('E', 'peak RSS (sampled every 50 ms)', mb(report.peakRssMb)),
		info('E', 'peak heap used (sampled)', mb(report.peakHeapUsedMb)),
		info('E', 'heap retained after the run (after GC)', mb(report.heapRetainedMb)),
		info('E', 'RSS before the run (modules loaded)', mb(report.rssAtStartMb)),
		info(
			'E',
			'wall time',
			`${fixed(report.wallMs / 1000, 1)} s (${fixed(ROWS / (report.wallMs / 1000), 0)} rows/s)`,
		),
		judged(
			'E',
			'rows out, paid, paired in order',
			`${report.paid}/${report.rowsOut}${report.pairedInOrder ? '' : ' (pairing broken)'}`,
			`${ROWS}/${ROWS}`,
			report.rowsOut === ROWS && report.paid === ROWS && report.pairedInOrder,
		),
		judged(
			'E',
			'ledger: invoices paid once',
			`${ledger.paidInvoices}/${ROWS}`,
			`${ROWS}/${ROWS}`,
			ledger.paidInvoices === ROWS,
		),
		judged(
			'E',
			'duplicates (refs + double charges)',
			String(ledger.duplicates),
			'0',
			ledger.duplicates === 0,
		),
	];
}
