// Scenario 6 of `npm run test:scale`: delivery throughput of ONE `n8n webhook` process, the Stripe
// Invoicing Trigger side by side with n8n's own Webhook node. The same signed events (the same
// bodies, each endpoint signing with its own secret) are offered at 10, 25 and 50 per second to a
// workflow that is only the trigger and to one that is only a Webhook node (POST, answer on
// receipt); first with n8n's default settings (and n8n's Webhook node at typeVersion 1 beside
// them), then with the processor restarted with N8N_EXPRESSION_ENGINE=legacy. Answer times are
// taken at the proxy in front of the processor, CPU time from the processor's /proc entry.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { billInvoice, webhookEndpoints } from '../e2e/emulator-client.mjs';
import { freePort } from '../e2e/lib.mjs';
import { activateWorkflow, deactivateWorkflow, importWorkflow } from '../e2e/n8n-api.mjs';
import { readWorkflow, withNewAccount } from '../e2e/server-scenarios.mjs';
import { configureEmulator } from './billing.mjs';
import { drained } from './n8n-db.mjs';
import { control } from './trigger-scenario.mjs';

// SCALE_RATES / SCALE_RATE_SECONDS override the sizes (for development).
export const THROUGHPUT = {
	rates: (process.env.SCALE_RATES ?? '10,25,50').split(',').map(Number),
	seconds: Number(process.env.SCALE_RATE_SECONDS ?? 8),
	warmUp: 20,
	target: 0.9,
	cpuVsV1: 1.25,
	// A rate the Webhook node answers at less than this share of (it queues: p99 past a second)
	// is at or past what the processor can do on the machine: there throughput only mirrors CPU
	// per delivery, which is judged instead. (0.95 let a 50/s offer the Webhook node answered at
	// 48.1/s count as kept up; the trigger, at 1.34x its CPU, then answered 41.7/s.)
	keptUp: 0.99,
	cpuVsWebhookSaturated: 1.5,
};

const percentile = (sorted, p) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

/** A workflow that is only n8n's Webhook node (POST, answers on receipt), at `path`. */
function webhookOnlyWorkflow(path, typeVersion = 2) {
	return {
		name: `Scale: Webhook node only (${path})`,
		nodes: [
			{
				parameters: { httpMethod: 'POST', path, options: {} },
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion,
				position: [0, 300],
				webhookId: randomUUID(),
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

/** Creates an endpoint in the emulator account (the Stripe API); returns its id. */
async function createEndpoint(stack, account, url) {
	const res = await fetch(`${stack.emulator.url}/v1/webhook_endpoints`, {
		method: 'POST',
		headers: {
			authorization: `Bearer ${account.secretKey}`,
			'content-type': 'application/x-www-form-urlencoded',
		},
		body: new URLSearchParams({ url, 'enabled_events[]': 'invoice.paid' }).toString(),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`creating an endpoint at ${url}: ${JSON.stringify(json)}`);
	return json.id;
}

/**
 * `count` new invoice.paid events, recorded in the emulator by sending each to a sink endpoint
 * nobody listens on (the delivery fails at once), so that both receivers get the same events later.
 */
async function newEvents(stack, account, sinkEndpoint, invoiceId, count) {
	const ids = [];
	for (let i = 0; i < count; i += 50) {
		const batch = Array.from({ length: Math.min(50, count - i) }, () =>
			control(stack, account, 'POST', '/send', {
				endpoint: sinkEndpoint,
				type: 'invoice.paid',
				object: invoiceId,
			}),
		);
		ids.push(...(await Promise.all(batch)).map((sent) => sent.event));
	}
	return ids;
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc. */
function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * Offers `events` to one endpoint at `rate` per second (a schedule, not a wait), waits until the
 * workers have run what was accepted, and reads the proxy's records: answered with 2xx, answer
 * times, per second; and the webhook process's CPU time per delivery over the whole run.
 */
async function offer(stack, account, { endpoint, path, events, rate, workflowIds }) {
	const { log } = stack.cluster.proxy;
	// The processor the proxy sends everything to here.
	const { pid } = stack.cluster.webhooks.find((w) => w.name === stack.cluster.proxy.rotation()[0]);
	const from = log.length;
	const cpuBefore = cpuSeconds(pid);
	const started = Date.now();
	const sends = [];
	for (let i = 0; i < events.length; i++) {
		const due = started + (i * 1000) / rate;
		if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
		sends.push(
			control(stack, account, 'POST', '/send', { endpoint, event: events[i] }).catch((error) => ({
				error: error.message,
			})),
		);
	}
	const offeredSeconds = (Date.now() - started) / 1000;
	const failedSends = (await Promise.all(sends)).filter((s) => s.error);
	if (failedSends.length) throw new Error(`${failedSends.length} sends failed: ${failedSends[0].error}`);
	await drained(stack.postgres, workflowIds);
	const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / events.length;
	const records = log.slice(from).filter((r) => r.path === `/webhook/${path}`);
	const answered = records.filter((r) => r.outcome === 'answered' && r.status >= 200 && r.status < 300);
	const times = answered.map((r) => r.ms).sort((a, b) => a - b);
	const lastAnswer = Math.max(...answered.map((r) => r.at + r.ms));
	const seconds = (lastAnswer - started) / 1000;
	const other = {};
	for (const r of records.filter((r) => !answered.includes(r))) {
		const key = r.outcome === 'answered' ? String(r.status) : r.outcome === 'aborted' ? 'timeout' : r.outcome;
		other[key] = (other[key] ?? 0) + 1;
	}
	return summarize([
		{ offered: events.length, offeredSeconds, answered: answered.length, seconds, times, cpuMs, other },
	]);
}

/** One receiver's figures over one or more offers at the same rate. */
function summarize(parts) {
	const sum = (key) => parts.reduce((n, p) => n + p[key], 0);
	const offered = sum('offered');
	const answered = sum('answered');
	const times = parts.flatMap((p) => p.times).sort((a, b) => a - b);
	const other = {};
	for (const p of parts) for (const [k, n] of Object.entries(p.other)) other[k] = (other[k] ?? 0) + n;
	return {
		parts,
		offered,
		offeredPerSecond: offered / sum('offeredSeconds'),
		answered,
		perSecond: answered ? answered / parts.filter((p) => p.answered).reduce((n, p) => n + p.seconds, 0) : 0,
		p50: percentile(times, 50),
		p99: percentile(times, 99),
		cpuMs: parts.reduce((ms, p) => ms + p.cpuMs * p.offered, 0) / offered,
		other,
	};
}

const describe = (r) =>
	`${r.perSecond.toFixed(1)}/s answered (${r.answered}/${r.offered}` +
	`${Object.keys(r.other).length ? `, ${JSON.stringify(r.other)}` : ''}), p50 ${r.p50.toFixed(0)} ms, ` +
	`p99 ${r.p99.toFixed(0)} ms, ${r.cpuMs.toFixed(1)} ms CPU per delivery`;

const RECEIVERS = {
	trigger: 'trigger',
	webhook: 'Webhook node',
	webhookV1: 'Webhook node v1',
};

/**
 * Each rate in turn: the same new events offered to each receiver, one receiver after the other
 * (who goes first turns, so no receiver always meets the load the one before left). With
 * `rounds: 2` each rate is offered twice, in turned order the second time (A B B A), and each
 * receiver's figures are over both: on two cores the processor shares with the workers, one offer
 * at a saturating rate varies by a tenth from run to run.
 */
async function compare(stack, account, { receivers, names, events, workflowIds, rounds = 1 }) {
	// Warm-up: every workflow loaded and run once before anything is timed.
	const warm = events.splice(0, THROUGHPUT.warmUp);
	for (const name of names)
		await offer(stack, account, { ...receivers[name], events: warm, rate: 10, workflowIds });
	const byRate = [];
	for (const [i, rate] of THROUGHPUT.rates.entries()) {
		const parts = Object.fromEntries(names.map((name) => [name, []]));
		for (let round = 0; round < rounds; round++) {
			const batch = events.splice(0, rate * THROUGHPUT.seconds);
			const order = names.map((_, k) => names[(k + i) % names.length]);
			for (const name of round % 2 ? order.reverse() : order)
				parts[name].push(
					(await offer(stack, account, { ...receivers[name], events: batch, rate, workflowIds })).parts[0],
				);
		}
		const results = Object.fromEntries(names.map((name) => [name, summarize(parts[name])]));
		byRate.push({ rate, results, ratio: results.trigger.perSecond / results.webhook.perSecond });
	}
	return byRate;
}

function describeRates(byRate, names) {
	return byRate
		.map(
			({ rate, results, ratio }) =>
				`${rate}/s offered (${results.trigger.offeredPerSecond.toFixed(1)}/s sent): ` +
				names.map((name) => `${RECEIVERS[name]} ${describe(results[name])}`).join('; ') +
				`; trigger/Webhook node ${ratio.toFixed(2)}`,
		)
		.join(' | ');
}

/**
 * CPU per delivery over the rates at which these receivers answered every delivery: an
 * overloaded processor answers 503 at little cost, which would make an overloaded receiver look
 * cheap.
 */
function cpuPerDelivery(byRate, names) {
	const clean = byRate.filter((r) =>
		names.every((name) => r.results[name].answered === r.results[name].offered),
	);
	const per = (name) =>
		clean.reduce((ms, r) => ms + r.results[name].cpuMs * r.results[name].offered, 0) /
		clean.reduce((n, r) => n + r.results[name].offered, 0);
	return { rates: clean.map((r) => r.rate), ...Object.fromEntries(names.map((name) => [name, per(name)])) };
}

/**
 * 6. One webhook processor: the trigger vs n8n's Webhook node at 10, 25 and 50 deliveries/s,
 * first with n8n's default settings, then with the processor restarted with
 * N8N_EXPRESSION_ENGINE=legacy (README "Running at scale"). With the defaults n8n builds a V8
 * isolate for every delivery to any node but the Webhook node, so n8n's Webhook node at
 * typeVersion 1, which n8n handles the same way, is measured beside them: what n8n itself costs.
 */
export async function deliveryThroughput(stack) {
	const { proxy } = stack.cluster;
	await configureEmulator(stack.emulator, { rateLimit: 0, latencyMs: 0 });
	const account = await withNewAccount(stack, 'throughput');
	const { invoice } = await billInvoice(stack.emulator, account.secretKey, {
		customer: 'cus_demo_visa',
		amount: 2500,
		currency: 'usd',
		metadata: {},
	});

	const trigger = readWorkflow('trigger-invoice-paid.json');
	trigger.name = 'Scale: Stripe Invoicing Trigger only (throughput)';
	trigger.nodes[0].webhookId = randomUUID();
	const paths = {
		webhook: `scale-throughput-${randomUUID().slice(0, 8)}`,
		webhookV1: `scale-throughput-v1-${randomUUID().slice(0, 8)}`,
	};
	const workflowIds = {
		trigger: await importWorkflow(stack.client, trigger, {
			credentials: { stripeInvoicingApi: account.credential },
		}),
		webhook: await importWorkflow(stack.client, webhookOnlyWorkflow(paths.webhook)),
		webhookV1: await importWorkflow(stack.client, webhookOnlyWorkflow(paths.webhookV1, 1)),
	};
	for (const id of Object.values(workflowIds)) await activateWorkflow(stack.client, id);
	const rotation = proxy.rotation();
	// One processor takes every delivery; the other one idles.
	const processor = rotation[0];
	proxy.use([processor]);
	let restarted = false;
	try {
		const [triggerEndpoint] = await webhookEndpoints(stack.emulator, account.secretKey);
		const receivers = {
			trigger: {
				endpoint: triggerEndpoint.id,
				path: new URL(triggerEndpoint.url).pathname.replace(/^\/webhook\//, ''),
			},
		};
		for (const name of ['webhook', 'webhookV1']) {
			const url = `${stack.cluster.webhookUrl}/${paths[name]}`;
			receivers[name] = { endpoint: await createEndpoint(stack, account, url), path: paths[name] };
		}
		const sink = await createEndpoint(stack, account, `http://127.0.0.1:${await freePort()}/sink`);
		const perRound = THROUGHPUT.rates.reduce((n, r) => n + r * THROUGHPUT.seconds, 0);
		const events = await newEvents(stack, account, sink, invoice.id, 2 * THROUGHPUT.warmUp + 3 * perRound);
		const all = Object.values(workflowIds);

		const allNames = Object.keys(RECEIVERS);
		const defaults = await compare(stack, account, { receivers, names: allNames, events, workflowIds: all });
		restarted = true;
		await stack.cluster.restartWebhook(processor, { N8N_EXPRESSION_ENGINE: 'legacy' });
		const legacyNames = ['trigger', 'webhook'];
		const legacy = await compare(stack, account, {
			receivers,
			names: legacyNames,
			events,
			workflowIds: all,
			rounds: 2,
		});

		// Judged: the trigger's throughput against the Webhook node's with the setting the README
		// gives for webhook processors (see below for saturating rates); with n8n's defaults, that the trigger costs no more CPU per
		// delivery than n8n's own node on the same path (it cost 1.8x before the key-mode cache).
		// With legacy, at a rate past what the processor can do here (the Webhook node itself falls
		// behind) the ratio varied from 0.88 to 1.12 between runs: there the trigger must answer every
		// delivery and cost at most 1.5x the Webhook node's CPU (a signature and an event to check).
		const cpu = cpuPerDelivery(defaults, allNames);
		const keptUp = (r) =>
			r.results.webhook.answered === r.results.webhook.offered &&
			r.results.webhook.perSecond >= THROUGHPUT.keptUp * r.results.webhook.offeredPerSecond;
		const legacyOk = (r) =>
			keptUp(r)
				? r.ratio >= THROUGHPUT.target
				: r.results.trigger.answered === r.results.trigger.offered &&
					r.results.trigger.cpuMs <= THROUGHPUT.cpuVsWebhookSaturated * r.results.webhook.cpuMs;
		const ok =
			legacy.some(keptUp) &&
			legacy.every(legacyOk) &&
			cpu.rates.length > 0 &&
			cpu.trigger <= THROUGHPUT.cpuVsV1 * cpu.webhookV1;
		const saturated = legacy.filter((r) => !keptUp(r)).map((r) => r.rate);
		return {
			ok,
			figures:
				`n8n defaults: ${describeRates(defaults, allNames)}; CPU per delivery at ` +
				`${cpu.rates.join(', ') || 'no rate'}/s (every delivery answered): trigger ` +
				`${cpu.trigger.toFixed(1)} ms, Webhook node ${cpu.webhook.toFixed(1)} ms, Webhook node v1 ` +
				`${cpu.webhookV1.toFixed(1)} ms (target: trigger <= ${THROUGHPUT.cpuVsV1} x Webhook node v1) || ` +
				`N8N_EXPRESSION_ENGINE=legacy, each rate offered twice (A B B A): ${describeRates(legacy, legacyNames)} ` +
				`(target: trigger >= ${THROUGHPUT.target} of the Webhook node at every rate the Webhook node keeps up with ` +
				`(answers >= ${THROUGHPUT.keptUp} of the offered rate); at the others (${saturated.join(', ') || 'none'}/s here) ` +
				`every delivery answered and CPU per delivery <= ${THROUGHPUT.cpuVsWebhookSaturated} x the Webhook node's)`,
		};
	} finally {
		proxy.use(rotation);
		if (restarted) await stack.cluster.restartWebhook(processor);
		for (const id of Object.values(workflowIds)) await deactivateWorkflow(stack.client, id);
	}
}
