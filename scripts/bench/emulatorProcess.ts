/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// The Stripe emulator in a process of its own, so its CPU and memory stay out of the node's figures.
// Args: [latencyMs] [rateLimit]. Prints "EMULATOR_URL <url>"; stops when stdin closes (the bench ended).
import { startEmulator } from '../../test/emulator';

async function main(): Promise<void> {
	const latencyMs = Number(process.argv[2] ?? 0);
	const rateLimit = Number(process.argv[3] ?? 0) || undefined;
	const emulator = await startEmulator({ port: 0, recordRequests: false, latencyMs, rateLimit });
	console.log(`EMULATOR_URL ${emulator.url}`);
	const stop = () => {
		emulator.close().finally(() => process.exit(0));
	};
	process.stdin.on('end', stop);
	process.stdin.resume();
	process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
