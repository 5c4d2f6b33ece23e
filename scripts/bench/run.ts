/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run bench`: throughput, node overhead, module load and memory of Invoice & Collect, run
 * through n8n's engine against the Stripe emulator in a separate process. Prints a table of
 * figures against targets and exits 1 if any target is missed. `npm run bench -- H F G` (or
 * `-- --only=H,F,G`) runs only those sections.
 */
import { spawnEmulator, type BenchEmulator } from './emulatorClient';
import { judged, machineHeader, printTable, type Figure } from './report';
import { memory } from './sections/memory';
import { moduleLoad } from './sections/moduleLoad';
import { overhead } from './sections/overhead';
import { liveFinalize } from './sections/liveFinalize';
import { scale } from './sections/scale';
import { sharedAccount } from './sections/sharedAccount';
import { baseline, throughput } from './sections/throughput';

const ALL_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

function selectedSections(): Set<string> {
	const args = process.argv.slice(2);
	const flag = args.find((arg) => arg.startsWith('--only='));
	const named = flag ? flag.slice('--only='.length).split(',') : args.filter((arg) => !arg.startsWith('-'));
	const wanted = named.map((name) => name.trim().toUpperCase()).filter(Boolean);
	const unknown = wanted.filter((name) => !ALL_SECTIONS.includes(name));
	if (unknown.length > 0)
		throw new Error(`Unknown bench section(s): ${unknown.join(', ')} (have ${ALL_SECTIONS.join(' ')})`);
	return new Set(wanted.length > 0 ? wanted : ALL_SECTIONS);
}

async function main(): Promise<number> {
	const sections = selectedSections();
	console.log(machineHeader());
	const figures: Figure[] = [];
	const started = performance.now();
	const emulator: BenchEmulator = await spawnEmulator();
	console.log(`Stripe emulator (separate process) at ${emulator.url}\n`);
	// A section that throws is reported as a failed figure; the others still run.
	const attempt = async (name: string, body: () => Promise<Figure[]> | Figure[]) => {
		if (!sections.has(name)) return;
		try {
			figures.push(...(await body()));
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			console.error(`  ${name} failed: ${message}`);
			figures.push(judged(name, 'section completed', message.slice(0, 60), 'completes', false));
		}
	};
	let rowsPerSecondA: number | undefined;
	try {
		await attempt('A', async () => {
			const result = await throughput(emulator);
			rowsPerSecondA = result.rowsPerSecond;
			return result.figures;
		});
		await attempt('B', async () => await baseline(emulator, rowsPerSecondA));
		await attempt('C', async () => await overhead(emulator));
		await attempt('D', moduleLoad);
		await attempt('E', async () => await memory(emulator));
		await attempt('H', async () => await scale(emulator));
		await attempt('F', async () => await sharedAccount(emulator));
		await attempt('G', async () => await liveFinalize(emulator));
	} finally {
		await emulator.stop();
	}
	printTable(figures);
	const missed = figures.filter((figure) => figure.pass === false);
	console.log(
		`\n${missed.length === 0 ? 'All targets met' : `${missed.length} target(s) missed`} · total ${((performance.now() - started) / 1000).toFixed(0)} s`,
	);
	return missed.length === 0 ? 0 : 1;
}

main()
	.then((code) => process.exit(code))
	.catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
