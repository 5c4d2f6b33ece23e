// Scenario 5 of `npm run test:scale`: each event once across processes. Two webhook processors
// behind the round-robin proxy receive the same signed events, redelivered across both, after a
// restart of one processor and after a restart of main, and finally delivered twice at the same
// instant (one copy to each processor). Three workflows get every event:
//   plain   trigger → Act                                   (the trigger's own dedupe only)
//   dedupe  trigger → Remove Duplicates (eventId) → Act     (n8n's record in its database)
//   history trigger → Remove Duplicates, History Size 3 → Act (what the size limit does)
// Counted from n8n's records: executions per event id, and how often Act ran per event id.
import { randomUUID } from 'node:crypto';

import { billInvoice, webhookDeliveries, webhookEndpoints } from '../e2e/emulator-client.mjs';
import { TRIGGER_NODE } from '../e2e/trigger-helpers.mjs';
import { activateWorkflow, deactivateWorkflow, importWorkflow } from '../e2e/n8n-api.mjs';
import { readWorkflow, withNewAccount } from '../e2e/server-scenarios.mjs';
import { configureEmulator } from './billing.mjs';
import { drained, removeDuplicatesKeys } from './n8n-db.mjs';
import { control, executionsWithData } from './trigger-scenario.mjs';

// SCALE_DEDUPE_EVENTS / SCALE_DEDUPE_AT_ONCE override the sizes (for development).
export const DEDUPE = {
	distinct: Number(process.env.SCALE_DEDUPE_EVENTS ?? 30),
	// First deliveries in flight at once, as Stripe sends a burst of events.
	inFlight: 10,
	simultaneous: Number(process.env.SCALE_DEDUPE_AT_ONCE ?? 10),
	historySize: 3,
};

const ACT = 'Act';
const REMOVE_DUPLICATES = 'Remove Duplicates';

/** trigger → [Remove Duplicates keyed on eventId] → Act (a No Operation node). */
function dedupeWorkflow(label, { removeDuplicates, historySize } = {}) {
	const workflow = readWorkflow('trigger-invoice-paid.json');
	workflow.name = `Scale: each event once (${label})`;
	const [trigger] = workflow.nodes;
	trigger.webhookId = randomUUID();
	const act = {
		parameters: {},
		id: randomUUID(),
		name: ACT,
		type: 'n8n-nodes-base.noOp',
		typeVersion: 1,
		position: [440, 300],
	};
	workflow.nodes.push(act);
	if (!removeDuplicates) {
		workflow.connections = { [TRIGGER_NODE]: { main: [[{ node: ACT, type: 'main', index: 0 }]] } };
		return workflow;
	}
	workflow.nodes.push({
		parameters: {
			operation: 'removeItemsSeenInPreviousExecutions',
			dedupeValue: '={{ $json.eventId }}',
			options: historySize ? { historySize } : {},
		},
		id: randomUUID(),
		name: REMOVE_DUPLICATES,
		type: 'n8n-nodes-base.removeDuplicates',
		typeVersion: 2,
		position: [220, 300],
	});
	workflow.connections = {
		[TRIGGER_NODE]: { main: [[{ node: REMOVE_DUPLICATES, type: 'main', index: 0 }]] },
		// Output 0 is "Kept"; output 1 ("Discarded") leads nowhere.
		[REMOVE_DUPLICATES]: { main: [[{ node: ACT, type: 'main', index: 0 }], []] },
	};
	return workflow;
}

const outputOf = (execution, node) =>
	(execution.data?.resultData?.runData?.[node]?.at(-1)?.data?.main?.[0] ?? []).map((item) => item.json);

/** Per event id: executions started, times Act ran; plus failed executions and their messages. */
async function tally(client, workflowId) {
	const runs = new Map();
	const acted = new Map();
	const errors = [];
	for (const execution of await executionsWithData(client, workflowId)) {
		const [item] = outputOf(execution, TRIGGER_NODE);
		if (item) runs.set(item.eventId, (runs.get(item.eventId) ?? 0) + 1);
		for (const { eventId } of outputOf(execution, ACT)) acted.set(eventId, (acted.get(eventId) ?? 0) + 1);
		if (execution.status !== 'success')
			errors.push(execution.data?.resultData?.error?.message ?? execution.status);
	}
	return { runs, acted, errors };
}

/** A delivery the trigger accepted (n8n started a run), not one it acknowledged (duplicate). */
const accepted = (delivery) => delivery.status === 200 && !/"outcome"/.test(delivery.response ?? '');

export async function eachEventOnce(stack) {
	const { proxy } = stack.cluster;
	await configureEmulator(stack.emulator, { rateLimit: 0, latencyMs: 0 });
	const account = await withNewAccount(stack, 'dedupe');
	// The invoice the events are about, billed before any endpoint exists (it sends nothing).
	const { invoice } = await billInvoice(stack.emulator, account.secretKey, {
		customer: 'cus_demo_visa',
		amount: 1500,
		currency: 'usd',
		metadata: {},
	});
	const send = (body) => control(stack, account, 'POST', '/send', body);

	const flows = {
		plain: { workflow: dedupeWorkflow('trigger only') },
		dedupe: { workflow: dedupeWorkflow('Remove Duplicates', { removeDuplicates: true }) },
		history: {
			workflow: dedupeWorkflow(`Remove Duplicates, History Size ${DEDUPE.historySize}`, {
				removeDuplicates: true,
				historySize: DEDUPE.historySize,
			}),
		},
	};
	for (const flow of Object.values(flows)) {
		flow.id = await importWorkflow(stack.client, flow.workflow, {
			credentials: { stripeInvoicingApi: account.credential },
		});
		await activateWorkflow(stack.client, flow.id);
	}
	try {
		const endpoints = await webhookEndpoints(stack.emulator, account.secretKey);
		for (const flow of Object.values(flows)) {
			const endpoint = endpoints.find((e) => e.metadata?.n8n_workflow_id === flow.id);
			if (!endpoint) throw new Error(`no endpoint for workflow ${flow.id}`);
			flow.endpoint = endpoint.id;
			flow.path = new URL(endpoint.url).pathname;
		}
		const { plain, dedupe, history } = flows;
		const both = [plain, dedupe];

		/** Where each delivery of an event to a workflow landed (proxy records, oldest first). */
		const landings = (flow, eventId, from = 0) =>
			proxy.log.slice(from).filter((r) => r.path === flow.path && r.eventId === eventId);
		/** Waits for the executions of every accepted delivery; then the per-event tallies. */
		const settle = async () => {
			const expected = [];
			for (const flow of both) {
				const deliveries = await webhookDeliveries(stack.emulator, account.secretKey, flow.endpoint);
				expected.push(deliveries.filter(accepted).length);
			}
			await drained(
				stack.postgres,
				both.map((f) => f.id),
				expected,
			);
			return { plain: await tally(stack.client, plain.id), dedupe: await tally(stack.client, dedupe.id) };
		};

		// Phase 1: each event once, `inFlight` at a time (a burst). The plain workflow's delivery
		// creates the event; the Remove Duplicates workflow gets the very same event.
		const events = [];
		for (let i = 0; i < DEDUPE.distinct; i += DEDUPE.inFlight) {
			const window = Array.from({ length: Math.min(DEDUPE.inFlight, DEDUPE.distinct - i) }, () =>
				send({ endpoint: plain.endpoint, type: 'invoice.paid', object: invoice.id }),
			);
			const ids = (await Promise.all(window)).map((sent) => sent.event);
			await Promise.all(ids.map((event) => send({ endpoint: dedupe.endpoint, event })));
			events.push(...ids);
		}
		const phases = [{ name: 'first deliveries', counts: await settle() }];

		/**
		 * Every event redelivered once to both workflows, one delivery at a time, the two workflows
		 * in random order per event: round-robin then sends each workflow's copy to either processor
		 * (strict alternation would send all of one workflow's to one processor). Where each landed,
		 * against where that event went before, is read from the proxy's log.
		 */
		const redeliverAll = async (name, restarted) => {
			const from = proxy.log.length;
			for (const event of events) {
				const order = Math.random() < 0.5 ? both : [...both].reverse();
				for (const flow of order) await send({ endpoint: flow.endpoint, event });
			}
			// Per workflow: how many landed where the event had been, elsewhere, on the restarted
			// processor, and how many of each the trigger accepted (started a run for).
			const where = {};
			for (const [label, flow] of [
				['plain', plain],
				['dedupe', dedupe],
			]) {
				where[label] = {};
				for (const key of ['same', 'other', 'restarted']) where[label][key] = { landed: 0, ran: 0 };
				for (const event of events) {
					const [now] = landings(flow, event, from);
					const before = new Set(
						landings(flow, event)
							.filter((r) => r !== now)
							.map((r) => r.backend),
					);
					const key = now.backend === restarted ? 'restarted' : before.has(now.backend) ? 'same' : 'other';
					where[label][key].landed++;
					if (accepted(now)) where[label][key].ran++;
				}
			}
			phases.push({ name, where, counts: await settle() });
		};

		await redeliverAll('redelivered once more (round-robin)');
		const restartedName = stack.cluster.webhooks.at(-1).name;
		await stack.cluster.restartWebhook(restartedName);
		await redeliverAll(`after a restart of ${restartedName}`, restartedName);
		await stack.cluster.restartMain();
		await redeliverAll('after a restart of main');

		// Simultaneous: each new event delivered twice at once; nothing else goes through the
		// proxy meanwhile, so round-robin puts one copy on each processor.
		const simultaneous = [];
		let split = 0;
		for (let i = 0; i < DEDUPE.simultaneous; i++) {
			const from = proxy.log.length;
			const { event } = await send({
				endpoint: plain.endpoint,
				type: 'invoice.paid',
				object: invoice.id,
				times: 2,
			});
			await send({ endpoint: dedupe.endpoint, event, times: 2 });
			simultaneous.push(event);
			const spread = both.map((flow) => new Set(landings(flow, event, from).map((r) => r.backend)).size);
			if (spread.every((n) => n === 2)) split++;
		}
		phases.push({ name: 'delivered twice at the same instant', counts: await settle() });

		// History Size: distinct events one after another, two more than the size.
		const historyEvents = [];
		for (let i = 0; i < DEDUPE.historySize + 2; i++) {
			historyEvents.push(
				(await send({ endpoint: history.endpoint, type: 'invoice.paid', object: invoice.id })).event,
			);
			await drained(stack.postgres, [history.id], [i + 1]);
		}
		const historyTally = await tally(stack.client, history.id);

		return report({ events, simultaneous, split, phases, historyEvents, historyTally, stack, dedupe });
	} finally {
		for (const flow of Object.values(flows)) if (flow.id) await deactivateWorkflow(stack.client, flow.id);
	}
}

/** Runs per event added by each phase, and the figures line. */
async function report({ events, simultaneous, split, phases, historyEvents, historyTally, stack, dedupe }) {
	const sum = (map, ids) => ids.reduce((n, id) => n + (map.get(id) ?? 0), 0);
	const lines = [];
	let previous;
	const checks = [];
	for (const phase of phases) {
		const ids = phase.name.startsWith('delivered twice') ? simultaneous : events;
		const delta = (flow, what) =>
			sum(phase.counts[flow][what], ids) - (previous && ids === events ? sum(previous[flow][what], ids) : 0);
		const part = (w, text) => (w.landed ? [`${text} ${w.landed} (ran ${w.ran})`] : []);
		const landed = (flow) => {
			if (!phase.where) return '';
			const w = phase.where[flow];
			const parts = [
				...part(w.same, 'on the processor that had it'),
				...part(w.other, 'on the other'),
				...part(w.restarted, 'on the restarted one'),
			];
			return ` (${parts.join(', ')})`;
		};
		const deliveries = ids.length * (phase.name.startsWith('delivered twice') ? 2 : 1);
		const figures = {
			plainRuns: delta('plain', 'runs'),
			dedupeRuns: delta('dedupe', 'runs'),
			dedupeActed: delta('dedupe', 'acted'),
		};
		lines.push(
			`${phase.name}: ${deliveries} deliveries per workflow -> trigger only${landed('plain')}: ` +
				`${figures.plainRuns} runs; with Remove Duplicates${landed('dedupe')}: ${figures.dedupeRuns} runs, ` +
				`Act ran ${figures.dedupeActed}`,
		);
		checks.push({ phase: phase.name, ids, figures, where: phase.where });
		if (ids === events) previous = phase.counts;
	}
	const last = phases.at(-1).counts;
	const perEvent = (map, ids) => {
		const counts = {};
		for (const id of ids) counts[map.get(id) ?? 0] = (counts[map.get(id) ?? 0] ?? 0) + 1;
		return JSON.stringify(counts);
	};
	const stored = await removeDuplicatesKeys(stack.postgres, dedupe.id);
	const distinct = events.length + simultaneous.length;
	const historyOutcome = historyEvents.map((id, i) => {
		const acted = historyTally.acted.get(id) ?? 0;
		return `#${i + 1}: ${acted ? 'Act ran' : 'failed'}`;
	});
	const historyError = historyTally.errors[0] ?? 'none';
	// What must hold: nothing lost; the first deliveries ran once; the simultaneous pairs really
	// straddled both processors; the trigger's memory held on each processor; History Size works
	// as the README says for n8n 2.41 (full = every later execution fails). The rest are figures.
	const first = checks[0].figures;
	// The trigger's own memory: a redelivery to the processor that had the event never runs again.
	const memoryHeld = checks.filter((c) => c.where).every((c) => c.where.plain.same.ran === 0);
	const historyAsDocumented = historyEvents.every(
		(id, i) => (historyTally.acted.get(id) ?? 0) === (i < DEDUPE.historySize ? 1 : 0),
	);
	const ok =
		memoryHeld &&
		historyAsDocumented &&
		events.every((id) => (last.plain.acted.get(id) ?? 0) >= 1 && (last.dedupe.acted.get(id) ?? 0) >= 1) &&
		simultaneous.every(
			(id) => (last.plain.acted.get(id) ?? 0) >= 1 && (last.dedupe.runs.get(id) ?? 0) >= 1,
		) &&
		first.plainRuns === events.length &&
		first.dedupeRuns === events.length &&
		split === simultaneous.length &&
		historyTally.runs.size === historyEvents.length;
	return {
		ok,
		figures:
			`${events.length} events, then ${simultaneous.length} more delivered twice at once ` +
			`(${split}/${simultaneous.length} pairs split across both processors). ${lines.join('; ')}. ` +
			`Act runs per event over the whole scenario: trigger only ${perEvent(last.plain.acted, [...events, ...simultaneous])}, ` +
			`with Remove Duplicates ${perEvent(last.dedupe.acted, [...events, ...simultaneous])} ` +
			`(failed executions: ${last.dedupe.errors.length}${last.dedupe.errors[0] ? `, e.g. "${last.dedupe.errors[0]}"` : ''}); ` +
			`Remove Duplicates stored ${stored} keys for ${distinct} distinct events. ` +
			`History Size ${DEDUPE.historySize}, ${historyEvents.length} distinct events one by one: ${historyOutcome.join(', ')} ` +
			`(error: "${historyError}")`,
	};
}
