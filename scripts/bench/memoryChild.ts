/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// Section E's own process (plain JS, compiled ahead by the bench): runs a large batch through the engine and reports this process's peak
// memory, so the figure is the node's and the engine's, not the bench's or the emulator's.
// Args: <emulator url> <key> <rows>. Prints "BENCH_MEMORY {json}".
import { runEngine } from '../../test/engine/harness';
import { connectEmulator } from './emulatorClient';
import { benchRows, checkOutput, collectStep, STEP_NAME } from './workload';

const MB = 2 ** 20;
const SAMPLE_MS = 50;

async function main(): Promise<void> {
	const [url, key, count] = process.argv.slice(2);
	const emulator = connectEmulator(url);
	const rows = benchRows(await emulator.customers(key, Number(count)), 'bench-E');
	const atStart = process.memoryUsage();
	let peakRss = atStart.rss;
	let peakHeapUsed = atStart.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeapUsed = Math.max(peakHeapUsed, now.heapUsed);
	};
	const sampler = setInterval(sample, SAMPLE_MS);
	const started = performance.now();
	// Default concurrency; the highest rate cap the node accepts (10,000 req/s), i.e. no pacing.
	const result = await runEngine({
		rows,
		steps: [collectStep({ maxRequestsPerSecond: 10_000 })],
		credentials: { secretKey: key, baseUrl: url },
	});
	const wallMs = performance.now() - started;
	sample();
	clearInterval(sampler);
	const output = checkOutput(rows, result.output(STEP_NAME));
	// What the finished run still holds (its output included), garbage aside; needs --expose-gc.
	(globalThis as { gc?: () => void }).gc?.();
	const heapRetainedMb = process.memoryUsage().heapUsed / MB;
	const report = {
		error: result.error?.message,
		wallMs,
		...output,
		rssAtStartMb: atStart.rss / MB,
		// maxRSS is in kilobytes.
		maxRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
		peakRssMb: peakRss / MB,
		peakHeapUsedMb: peakHeapUsed / MB,
		heapRetainedMb,
	};
	console.log(`BENCH_MEMORY ${JSON.stringify(report)}`);
}

main()
	.then(() => process.exit(0))
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
