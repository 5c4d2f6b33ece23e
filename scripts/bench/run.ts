/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run bench`: throughput, node overhead, module load and memory of Invoice & Collect, run
 * through n8n's engine against the Stripe emulator in a separate process. Prints a table of
 * figures against targets and exits 1 if any target is missed. `-- --only=A,C` runs some sections.
 */
import { spawnEmulator, type BenchEmulator } from './emulatorClient';
import { judged, machineHeader, printTable, type Figure } from './report';
import { memory } from './sections/memory';
import { moduleLoad } from './sections/moduleLoad';
import { overhead } from './sections/overhead';
import { baseline, throughput } from './sections/throughput';

function selectedSections(): Set<string> {
	const flag = process.argv.find((arg) => arg.startsWith('--only='));
	const wanted = flag ? flag.slice('--only='.length).toUpperCase().split(',') : ['A', 'B', 'C', 'D', 'E'];
	return new Set(wanted.map((name) => name.trim()));
}

async function main(): Promise<number> {
	console.log(machineHeader());
	const sections = selectedSections();
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
