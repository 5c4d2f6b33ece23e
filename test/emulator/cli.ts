/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// `npm run emulator`: a standalone Stripe emulator on 127.0.0.1 with demo data.
// Usage: npm run emulator -- [--port N] [--latency MS]   (or STRIPE_EMULATOR_PORT=N)
import { DEMO_CUSTOMERS, DEMO_PRICE_ID } from './demo-seed';
import { startEmulator } from './server';

const DEFAULT_PORT = 12111;

function readFlag(args: string[], name: string): string | undefined {
	const index = args.indexOf(name);
	if (index !== -1) return args[index + 1];
	const inline = args.find((a) => a.startsWith(`${name}=`));
	return inline?.slice(name.length + 1);
}

function parseNonNegativeInt(value: string | undefined, label: string, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	if (!/^\d+$/.test(value)) {
		console.error(`Invalid ${label}: ${value}`);
		process.exit(2);
	}
	return Number(value);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		console.log(
			'Usage: npm run emulator -- [--port N] [--latency MS]\nEnv: STRIPE_EMULATOR_PORT (default 12111)',
		);
		return;
	}
	const port = parseNonNegativeInt(
		readFlag(args, '--port') ?? process.env.STRIPE_EMULATOR_PORT,
		'port',
		DEFAULT_PORT,
	);
	const latencyMs = parseNonNegativeInt(readFlag(args, '--latency'), 'latency', 0);
	const emulator = await startEmulator({ port, host: '127.0.0.1', latencyMs, seedDemoData: true });

	console.log(`Stripe emulator (invoicing subset, API 2026-10-28.endive) listening on ${emulator.url}`);
	console.log(
		'Any key like sk_test_anything works; each distinct key is a separate, freshly seeded account.',
	);
	console.log('Seeded customers:');
	for (const customer of DEMO_CUSTOMERS)
		console.log(`  ${customer.id.padEnd(24)} ${customer.paymentMethod ?? '(no payment method)'}`);
	console.log(`Seeded price: ${DEMO_PRICE_ID} (usd 1500)`);
	console.log(
		`In n8n, set the Stripe Invoicing credential's Base URL to ${emulator.url} and use any sk_test_ key.`,
	);
	if (latencyMs > 0) console.log(`Adding ${latencyMs} ms latency to every request.`);

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\nReceived ${signal}, shutting down.`);
		emulator.close().then(
			() => process.exit(0),
			(err: unknown) => {
				console.error('Error while closing the emulator', err);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
	console.error('Failed to start the Stripe emulator:', err);
	process.exit(1);
});
