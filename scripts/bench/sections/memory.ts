/* eslint-disable no-console */
// E: a 10,000-row batch with no latency or pacing, in a fresh process, for peak memory and loss.
// Run twice: with V8's default heap sizing, and with the old space capped as an n8n deployment
// sets it (NODE_OPTIONS=--max-old-space-size). The node keeps under 90 MB live (heap after each
// full GC); with default sizing V8 lets garbage pile up to about four times the live heap before
// collecting, so the default-flags peak measures V8's laziness more than what the run holds.
import { compileToJs, readMarkedLine, spawnJs } from '../childProcess';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, type Figure } from '../report';
import { benchKey, benchRows, checkLedger } from '../workload';

const ROWS = 10_000;
/** The old target, kept as a regression guard for V8's default sizing. */
const DEFAULT_RSS_LIMIT_MB = 500;
const RSS_LIMIT_MB = 250;
/** The V8 old-space cap of the second run (MB): twice the live heap, so GC is not on every step. */
const OLD_SPACE_MB = 160;

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

interface Measured {
	report: MemoryReport;
	ledger: ReturnType<typeof checkLedger>;
}

async function measure(emulator: BenchEmulator, entry: string, nodeFlags: string[]): Promise<Measured> {
	const key = benchKey();
	const args = [emulator.url, key, String(ROWS)];
	const child = spawnJs(entry, ['--expose-gc', ...nodeFlags], args, ['ignore', 'pipe', 'inherit']);
	const report = JSON.parse(await readMarkedLine(child, 'BENCH_MEMORY ')) as MemoryReport;
	// The ledger check needs each row's reference and amount only, which follow from its index.
	const ledger = checkLedger(
		await emulator.ledger(key),
		benchRows(new Array<string>(ROWS).fill(''), 'bench-E'),
	);
	console.log(
		`  E${nodeFlags.length ? ` (${nodeFlags.join(' ')})` : ''}: ${report.rowsOut} rows in ${fixed(report.wallMs / 1000, 1)} s, max RSS ${fixed(report.maxRssMb, 0)} MB`,
	);
	return { report, ledger };
}

const mb = (value: number) => `${fixed(value, 0)} MB`;

function outcomeFigures(label: string, { report, ledger }: Measured): Figure[] {
	return [
		judged('E', `${label}: run finished without error`, report.error ?? 'ok', 'no error', !report.error),
		judged(
			'E',
			`${label}: rows out, paid, paired in order`,
			`${report.paid}/${report.rowsOut}${report.pairedInOrder ? '' : ' (pairing broken)'}`,
			`${ROWS}/${ROWS}`,
			report.rowsOut === ROWS && report.paid === ROWS && report.pairedInOrder,
		),
		judged(
			'E',
			`${label}: paid once, no duplicates`,
			`${ledger.paidInvoices}/${ROWS}, ${ledger.duplicates}`,
			`${ROWS}/${ROWS}, 0`,
			ledger.paidInvoices === ROWS && ledger.duplicates === 0,
		),
		info(
			'E',
			`${label}: wall time`,
			`${fixed(report.wallMs / 1000, 1)} s (${fixed(ROWS / (report.wallMs / 1000), 0)} rows/s)`,
		),
	];
}

export async function memory(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(`E: ${ROWS} rows through the engine in a fresh process, default concurrency, no pacing…`);
	await emulator.configure({ latencyMs: 0, rateLimit: null });
	// Plain JS, so neither ts-node nor the TypeScript compiler sits in the measured process.
	const compiled = compileToJs('memoryChild.ts');
	let capped: Measured;
	let defaults: Measured;
	try {
		capped = await measure(emulator, compiled.entry, [`--max-old-space-size=${OLD_SPACE_MB}`]);
		defaults = await measure(emulator, compiled.entry, []);
	} finally {
		compiled.cleanup();
	}
	return [
		judged(
			'E',
			`peak RSS, old space capped at ${OLD_SPACE_MB} MB`,
			mb(capped.report.maxRssMb),
			`< ${RSS_LIMIT_MB} MB`,
			capped.report.maxRssMb < RSS_LIMIT_MB,
		),
		...outcomeFigures('capped', capped),
		judged(
			'E',
			'peak RSS, V8 default heap sizing',
			mb(defaults.report.maxRssMb),
			`< ${DEFAULT_RSS_LIMIT_MB} MB`,
			defaults.report.maxRssMb < DEFAULT_RSS_LIMIT_MB,
		),
		info('E', 'default: peak heap used (sampled)', mb(defaults.report.peakHeapUsedMb)),
		info('E', 'default: heap retained after the run (after GC)', mb(defaults.report.heapRetainedMb)),
		info('E', 'RSS before the run (modules loaded)', mb(defaults.report.rssAtStartMb)),
		...outcomeFigures('default', defaults),
	];
}
