/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
// `npm run emulator`: a standalone Stripe emulator on 127.0.0.1 with demo data.
// Usage: npm run emulator -- [--port N] [--latency MS] [--rate-limit N] [--fault SPEC]... (see --help)
import { CONTROL_PREFIX } from './control';
import { DEMO_COUPON, DEMO_CUSTOMERS, DEMO_PRICE_ID } from './demo-seed';
import { parseFaultSpec } from './faults';
import { settingsPatch } from './webhooks/control';
import { startEmulator } from './server';
import type { FaultRule } from './types';

const DEFAULT_PORT = 12111;

const HELP = `Usage: npm run emulator -- [options]

Options:
  --port N             Port to listen on (default 12111, or STRIPE_EMULATOR_PORT; 0 = any free port)
  --latency MS         Delay every API request by MS milliseconds
  --rate-limit N       Allow N requests/s per API key (connected accounts share it); 0 = unlimited;
                       "stripe" = Stripe's defaults: 25/s for sk_test_ keys, 100/s for sk_live_ keys,
                       and 25/s per endpoint
  --endpoint-rate-limit N
                       Allow N requests/s per endpoint (method + path template) per API key
  --search-lag SECONDS Objects show up in search only SECONDS after their last write (Stripe: under
                       a minute, up to an hour in outages; default 0)
  --no-search          Answer search requests with 400, as where Stripe offers no search (India)
  --fault "SPEC"       Inject a fault (repeatable). SPEC is
                         "<METHOD> <path-pattern> <action> [nth=N|every|from=N] [times=N]"
                       METHOD is GET, POST, DELETE or * (any); in the path, * matches one segment;
                       action is drop_after_commit, drop_before, error_500 or rate_limit_429.
                       Without nth/every/from the fault fires on the first match only.
                       e.g. --fault "POST /v1/invoices/*/pay drop_after_commit every times=3"
  --webhook KEY=VALUE  A webhook delivery setting (repeatable): repeat=N, delayMs=MS, hold=true,
                       signature=valid|corrupt|stale, staleSeconds=N
  --no-seed            Start accounts empty instead of with the demo customers and price
  --quiet              Print only the "listening on <url>" line
  -h, --help           Show this help

Control endpoints (JSON): POST ${CONTROL_PREFIX}/config {latencyMs, rateLimit, endpointRateLimit,
searchLagSeconds, searchAvailable}, POST|GET|DELETE
${CONTROL_PREFIX}/faults, GET ${CONTROL_PREFIX}/ledger POST ${CONTROL_PREFIX}/customers {count} and POST ${CONTROL_PREFIX}/invoices {customers, perCustomer} (with
Authorization: Bearer <key>), GET ${CONTROL_PREFIX}/stats, POST ${CONTROL_PREFIX}/reset.
Webhooks: GET|POST ${CONTROL_PREFIX}/webhooks/config (the settings above), POST ${CONTROL_PREFIX}/webhooks/release
{order: in_order|reverse|shuffle}, GET|DELETE ${CONTROL_PREFIX}/webhooks/deliveries[?wait=1&eventId=&endpoint=&type=],
and with Authorization: GET ${CONTROL_PREFIX}/webhooks/events, POST ${CONTROL_PREFIX}/webhooks/send
{endpoint, event | type+object, times, signature, timestamp}.

Env: STRIPE_EMULATOR_PORT (default ${DEFAULT_PORT})`;

/** `--webhook repeat=2 --webhook signature=corrupt` → checked delivery settings. */
function parseWebhookSettings(specs: string[]) {
	const body: Record<string, unknown> = {};
	for (const spec of specs) {
		const [key, value = ''] = spec.split('=', 2);
		body[key] = /^\d+$/.test(value)
			? Number(value)
			: value === 'true'
				? true
				: value === 'false'
					? false
					: value;
	}
	return settingsPatch(body);
}

function readFlag(args: string[], name: string): string | undefined {
	return readAll(args, name)[0];
}

/** Every value of a repeatable flag, as `--name value` or `--name=value`. */
function readAll(args: string[], name: string): string[] {
	const values: string[] = [];
	args.forEach((arg, index) => {
		if (arg === name && index + 1 < args.length) values.push(args[index + 1]);
		else if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
	});
	return values;
}

function fail(message: string): never {
	console.error(message);
	process.exit(2);
}

function parseNonNegativeInt(value: string | undefined, label: string, fallback: number): number {
	if (value === undefined || value === '') return fallback;
	if (!/^\d+$/.test(value)) fail(`Invalid ${label}: ${value}`);
	return Number(value);
}

function parseRate(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	if (!/^\d+(\.\d+)?$/.test(value)) fail(`Invalid rate limit: ${value}`);
	return Number(value) || undefined;
}

function parseFaults(specs: string[]): FaultRule[] {
	return specs.map((spec) => {
		try {
			return parseFaultSpec(spec);
		} catch (err) {
			return fail((err as Error).message);
		}
	});
}

function printBanner(
	url: string,
	seeded: boolean,
	latencyMs: number,
	rateLimit: number | string | undefined,
): void {
	console.log(
		'Any key like sk_test_anything works; each distinct key is a separate, ' +
			(seeded ? 'freshly seeded account.' : 'initially empty account.'),
	);
	if (seeded) {
		console.log('Seeded customers:');
		for (const customer of DEMO_CUSTOMERS)
			console.log(`  ${customer.id.padEnd(24)} ${customer.paymentMethod ?? '(no payment method)'}`);
		console.log(`Seeded price: ${DEMO_PRICE_ID} (usd 1500)`);
		console.log(
			`Seeded coupon: ${DEMO_COUPON.id} (10 % off), promotion code ${DEMO_COUPON.code} (${DEMO_COUPON.promotionCode})`,
		);
	}
	console.log(`In n8n, set the Stripe Invoicing credential's Base URL to ${url} and use any sk_test_ key.`);
	if (latencyMs > 0) console.log(`Adding ${latencyMs} ms latency to every request.`);
	if (rateLimit === 'stripe')
		console.log("Rate limits: Stripe's defaults by key mode, 25 requests/s per endpoint.");
	else if (rateLimit) console.log(`Rate limit: ${rateLimit} requests/s per API key.`);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args.includes('--help') || args.includes('-h')) {
		console.log(HELP);
		return;
	}
	const port = parseNonNegativeInt(
		readFlag(args, '--port') ?? process.env.STRIPE_EMULATOR_PORT,
		'port',
		DEFAULT_PORT,
	);
	const latencyMs = parseNonNegativeInt(readFlag(args, '--latency'), 'latency', 0);
	const rateFlag = readFlag(args, '--rate-limit');
	const rateLimit = rateFlag === 'stripe' ? 'stripe' : parseRate(rateFlag);
	const endpointRateLimit = parseRate(readFlag(args, '--endpoint-rate-limit'));
	const searchLagSeconds = parseNonNegativeInt(readFlag(args, '--search-lag'), 'search lag', 0);
	const faults = parseFaults(readAll(args, '--fault'));
	const webhookSettings = parseWebhookSettings(readAll(args, '--webhook'));
	const seeded = !args.includes('--no-seed');
	const quiet = args.includes('--quiet');
	const emulator = await startEmulator({
		port,
		host: '127.0.0.1',
		latencyMs,
		rateLimit,
		endpointRateLimit,
		searchLagSeconds,
		searchAvailable: !args.includes('--no-search'),
		faults,
		seedDemoData: seeded,
	});

	emulator.webhooks.configure(webhookSettings);

	// Benchmarks parse "listening on http://127.0.0.1:<port>" from this line: keep its wording.
	console.log(`Stripe emulator (invoicing subset, API 2026-10-28.endive) listening on ${emulator.url}`);
	if (!quiet) {
		printBanner(emulator.url, seeded, latencyMs, rateLimit);
		for (const spec of readAll(args, '--fault')) console.log(`Fault: ${spec}`);
	}

	let stopping = false;
	const stop = (signal: string): void => {
		if (stopping) return;
		stopping = true;
		if (!quiet) console.log(`\nReceived ${signal}, shutting down.`);
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
