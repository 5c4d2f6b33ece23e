/* eslint-disable no-console */
// C: what the engine and the node add per row on top of the HTTP calls themselves. No latency, no
// rate limit, no pacing, one row at a time; the engine against a bare loop making the same calls.
import { runEngine } from '../../../test/engine/harness';
import { bareInvoiceAndCollect, type BareClient } from '../bareLoop';
import type { BenchEmulator } from '../emulatorClient';
import { fixed, info, judged, median, type Figure } from '../report';
import { benchKey, benchRows, checkOutput, collectStep, STEP_NAME, type BenchRow } from '../workload';

const ROWS = 300;
const WARM_UP_ROWS = 50;
const RUNS = 3;
/**
 * The node's cap is 10,000 req/s (it rejects more): one request per 0.1 ms, which one-at-a-time
 * calls never reach, so nothing is paced.
 */
const OPTIONS = { concurrency: 1, maxRequestsPerSecond: 10_000 };

type Runner = (rows: BenchRow[], key: string) => Promise<void>;

/** Fresh key and customers for every run, so each one starts from an identical, empty account. */
async function msPerRow(
	emulator: BenchEmulator,
	count: number,
	label: string,
	runner: Runner,
): Promise<number> {
	const key = benchKey();
	const rows = benchRows(await emulator.customers(key, count), `bench-C-${label}`);
	const started = performance.now();
	await runner(rows, key);
	return (performance.now() - started) / count;
}

export async function overhead(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(
		`C: ${ROWS} rows × ${RUNS} runs each, engine (concurrency 1, maxRequestsPerSecond ${OPTIONS.maxRequestsPerSecond}) vs bare http loop, no latency…`,
	);
	await emulator.configure({ latencyMs: 0, rateLimit: null });
	const engine: Runner = async (rows, key) => {
		const result = await runEngine({
			rows,
			steps: [collectStep(OPTIONS)],
			credentials: { secretKey: key, baseUrl: emulator.url },
		});
		const output = checkOutput(rows, result.output(STEP_NAME));
		if (result.error || output.paid !== rows.length || !output.pairedInOrder) {
			throw new Error(`Engine run failed: ${result.error?.message ?? `${output.paid}/${rows.length} paid`}`);
		}
	};
	const bare =
		(agent: BareClient['agent']): Runner =>
		async (rows, key) => {
			const client: BareClient = { baseUrl: new URL(emulator.url), key, agent };
			for (const row of rows) await bareInvoiceAndCollect(client, row);
		};
	const keepAlive = bare(undefined);
	const newConnection = bare(false);

	await msPerRow(emulator, WARM_UP_ROWS, 'warm-engine', engine);
	await msPerRow(emulator, WARM_UP_ROWS, 'warm-bare', keepAlive);
	await msPerRow(emulator, WARM_UP_ROWS, 'warm-fresh', newConnection);
	const times = { engine: [] as number[], bare: [] as number[], fresh: [] as number[] };
	for (let run = 1; run <= RUNS; run++) {
		times.engine.push(await msPerRow(emulator, ROWS, `engine-${run}`, engine));
		times.bare.push(await msPerRow(emulator, ROWS, `bare-${run}`, keepAlive));
		times.fresh.push(await msPerRow(emulator, ROWS, `fresh-${run}`, newConnection));
	}
	const list = (values: number[]) => values.map((value) => fixed(value, 3)).join(', ');
	console.log(
		`  C: engine ${list(times.engine)} · bare ${list(times.bare)} · bare, new connection ${list(times.fresh)} ms/row`,
	);
	const engineMs = median(times.engine);
	const bareMs = median(times.bare);
	const ratio = engineMs / bareMs;
	return [
		info('C', 'engine ms/row (median of 3)', fixed(engineMs, 3)),
		info('C', 'bare loop ms/row (median of 3)', fixed(bareMs, 3)),
		judged('C', 'ratio engine/bare', fixed(ratio), '≤ 1.25', ratio <= 1.25),
		info('C', 'engine − bare, ms/row', fixed(engineMs - bareMs, 3)),
		// For attribution only: n8n's HTTP helper opens a new connection per request.
		info('C', 'bare, new connection per call, ms/row', fixed(median(times.fresh), 3)),
	];
}
