/* eslint-disable no-console */
// C: what the node adds per row on top of the HTTP calls themselves. No latency, no rate limit, no
// pacing, one row at a time. The node in the engine against three loops making the same calls:
// n8n's HTTP helper from a parameterless node in the same engine, and Node's http module with a
// kept-alive connection or a new connection per call (as n8n's helper opens).
import { registerNodeType, runEngine } from '../../../test/engine/harness';
import { bareInvoiceAndCollect, httpSender, type BareClient } from '../bareLoop';
import type { BenchEmulator } from '../emulatorClient';
import { HELPER_LOOP_NODE_TYPE, HelperLoopNode } from '../helperLoopNode';
import { fixed, info, judged, median, type Figure } from '../report';
import { benchKey, benchRows, checkOutput, collectStep, STEP_NAME, type BenchRow } from '../workload';

const ROWS = 300;
const WARM_UP_ROWS = 150;
const RUNS = 5;
/**
 * The node's cap is 10,000 req/s (it rejects more): one request per 0.1 ms, which one-at-a-time
 * calls never reach, so nothing is paced.
 */
const OPTIONS = { concurrency: 1, maxRequestsPerSecond: 10_000 };

type Runner = (rows: BenchRow[], key: string) => Promise<void>;

/** Fresh key and customers for every run, so each one starts from an identical, empty account. */
async function msPerRow(emulator: BenchEmulator, count: number, label: string, runner: Runner) {
	const key = benchKey();
	const rows = benchRows(await emulator.customers(key, count), `bench-C-${label}`);
	const started = performance.now();
	await runner(rows, key);
	return (performance.now() - started) / count;
}

/** The five expressions the node reads per row, for the baseline that reads them too. */
const SAME_EXPRESSIONS = {
	customer: '={{ $json.customer }}',
	amount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	description: '={{ $json.description }}',
	reference: '={{ $json.ref }}',
};

function engineRunner(emulator: BenchEmulator, type?: string, parameters = {}): Runner {
	return async (rows, key) => {
		const step = type ? { name: STEP_NAME, type, parameters } : collectStep(OPTIONS);
		const result = await runEngine({
			rows,
			steps: [step],
			credentials: { secretKey: key, baseUrl: emulator.url },
		});
		const output = result.output(STEP_NAME);
		if (result.error || output?.length !== rows.length) {
			throw new Error(`Engine run failed: ${result.error?.message ?? `${output?.length ?? 0} rows out`}`);
		}
		// The baseline node passes rows through; the node's own output must say paid, in order.
		const check = type ? undefined : checkOutput(rows, output);
		if (check && (check.paid !== rows.length || !check.pairedInOrder)) {
			throw new Error(`Engine run failed: ${check.paid}/${rows.length} paid`);
		}
	};
}

function httpRunner(emulator: BenchEmulator, agent: BareClient['agent']): Runner {
	return async (rows, key) => {
		const send = httpSender({ baseUrl: new URL(emulator.url), key, agent });
		await bareInvoiceAndCollect(send, rows);
	};
}

export async function overhead(emulator: BenchEmulator): Promise<Figure[]> {
	console.log(
		`C: ${ROWS} rows × ${RUNS} runs each (after ${WARM_UP_ROWS} warm-up rows), one row at a time, no latency…`,
	);
	await emulator.configure({ latencyMs: 0, rateLimit: null });
	registerNodeType(HELPER_LOOP_NODE_TYPE, new HelperLoopNode());
	const runners: Record<string, Runner> = {
		node: engineRunner(emulator),
		helper: engineRunner(emulator, HELPER_LOOP_NODE_TYPE, SAME_EXPRESSIONS),
		bare: engineRunner(emulator, HELPER_LOOP_NODE_TYPE),
		http: httpRunner(emulator, undefined),
		fresh: httpRunner(emulator, false),
	};
	const times: Record<string, number[]> = { node: [], helper: [], bare: [], http: [], fresh: [] };
	for (const [name, runner] of Object.entries(runners)) {
		await msPerRow(emulator, WARM_UP_ROWS, `warm-${name}`, runner);
	}
	// Interleaved, so a slow spell of this machine hits every variant alike.
	for (let run = 1; run <= RUNS; run++) {
		for (const [name, runner] of Object.entries(runners)) {
			times[name].push(await msPerRow(emulator, ROWS, `${name}-${run}`, runner));
		}
	}
	const list = (values: number[]) => values.map((value) => fixed(value, 2)).join(', ');
	console.log(`  C: node in the engine   ${list(times.node)} ms/row`);
	console.log(`  C: n8n helper loop, same expressions ${list(times.helper)} ms/row`);
	console.log(`  C: n8n helper loop, no parameters    ${list(times.bare)} ms/row`);
	console.log(`  C: http, kept alive     ${list(times.http)} ms/row`);
	console.log(`  C: http, new connection ${list(times.fresh)} ms/row`);
	const [node, helper, bare, http, fresh] = ['node', 'helper', 'bare', 'http', 'fresh'].map((name) =>
		median(times[name]),
	);
	return [
		info('C', `node in the engine, ms/row (median of ${RUNS})`, fixed(node, 3)),
		info('C', 'same calls and expressions via n8n HTTP helper, ms/row', fixed(helper, 3)),
		judged(
			'C',
			'ratio node / n8n-helper loop reading the same expressions',
			fixed(node / helper),
			'≤ 1.25',
			node / helper <= 1.25,
		),
		info('C', 'same calls, no parameters, ms/row', fixed(bare, 3)),
		info('C', 'ratio node / parameterless n8n-helper loop', fixed(node / bare)),
		info('C', 'same calls via node:http keep-alive, ms/row', fixed(http, 3)),
		info('C', 'ratio node / node:http loop', fixed(node / http)),
		info('C', 'node:http, new connection per call, ms/row', fixed(fresh, 3)),
	];
}
