// The Stripe Invoicing node as an AI Agent's tool, in the real n8n app: n8n's AI Agent node and
// OpenAI Chat Model node (Responses API off, credential Base URL = the scripted model of
// scripted-model.mjs) drive examples/agent-billing-assistant.json's three tools — Bill customer
// (Invoice & Collect, Max Amount per Row 10000), Pay invoice (Pay, same cap) and Get invoice.
//
// The example's tool nodes have On Error = Continue: a refused call comes back to the model as
// the node's error row on both lines (n8n 1.x would otherwise stop the whole execution; the last
// scenario shows both lines' default). The example itself runs as an example (run.mjs →
// checkAgentExample): within the cap, billed once. The scenarios below run variants of it (another prompt; one a Pay tool whose Paid Out of
// Band is `$fromAI`) with `n8n execute`, and check three things each: what the model was told
// (the tool results in its next request — n8n passes a refused call's error message only), what
// Stripe recorded (the emulator's request log during the run and the account's ledger), and that
// the execution itself succeeded (a refused tool call is the model's to handle, not a crash).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { equal, expect } from './checks.mjs';
import { emulatorLedger, getInvoice, openInvoice } from './emulator-client.mjs';
import { majorOf } from './install-n8n.mjs';
import { n8n, parseRunJson, seconds } from './lib.mjs';

export const AGENT_EXAMPLE = 'agent-billing-assistant.json';
/** The example's Max Amount per Row on Bill customer and Pay invoice (smallest unit). */
export const CAP = 10000;
const RUN_TIMEOUT_MS = 180_000;
const TOOL = { bill: 'Bill_customer', pay: 'Pay_invoice', get: 'Get_invoice' };
const CUSTOMER = 'cus_demo_visa';

/** The request in the example's "Billing request" node (the scripted model answers it). */
export const EXAMPLE_PROMPT =
	'Bill customer cus_demo_visa 49.00 USD for order A-1001 (Annual support plan), then tell me the invoice status.';

const bill = (reference, amount, currency, item) => ({
	tool: TOOL.bill,
	args: {
		customer_id: CUSTOMER,
		order_reference: reference,
		currency,
		amount_in_smallest_unit: amount,
		line_description: item,
	},
});

/** A tool result as the model got it: the items the tool returned, or `[{ error }]`. */
export function toolItems(result) {
	try {
		const parsed = JSON.parse(result.content);
		return Array.isArray(parsed) ? parsed : [parsed];
	} catch {
		return [{ text: result.content }];
	}
}

/** The model's final answer repeats what it was told, so a reader of the run sees it too. */
const summarize = (results) =>
	results.map((r) => `${r.name}: ${JSON.stringify(toolItems(r).map((i) => i.error ?? i.status ?? i))}`).join('\n');

/** The scripts the model follows, by the user's message; scenarios add theirs as they set up. */
export function agentModelScripts() {
	return {
		[EXAMPLE_PROMPT]: [
			{ toolCalls: [bill('A-1001', 4900, 'usd', 'Annual support plan')] },
			{
				toolCalls: (results) => [
					{ tool: TOOL.get, args: { invoice_id: toolItems(results[0])[0].invoiceId } },
				],
			},
			{ reply: summarize },
		],
	};
}

/** The model's requests in one conversation, with the last one (after every tool result). */
function conversation(model, prompt) {
	const requests = model.conversation(prompt);
	expect(requests.length > 0, `the model was never asked about ${JSON.stringify(prompt)}`);
	for (const r of requests) {
		expect(!r.answer?.text?.startsWith('SCRIPT ERROR'), r.answer?.text);
	}
	return { requests, last: requests[requests.length - 1] };
}

/** What the model was shown: each tool's description and each $fromAI field's description. */
function checkToolsOffered(request) {
	const tools = Object.fromEntries(request.tools.map((t) => [t.name, t]));
	equal(Object.keys(tools).sort(), Object.values(TOOL).sort(), 'tools offered to the model');
	const amount = tools[TOOL.bill].parameters?.properties?.amount_in_smallest_unit;
	expect(amount?.type === 'number', `amount_in_smallest_unit is offered as ${amount?.type}, not number`);
	expect(
		/smallest unit/.test(amount?.description ?? '') && /4900/.test(amount?.description ?? ''),
		`the amount's description does not teach the unit: ${amount?.description}`,
	);
	expect(/smallest unit/.test(tools[TOOL.bill].description), 'Bill customer: the tool description names no unit');
	for (const tool of Object.values(tools)) {
		for (const [key, schema] of Object.entries(tool.parameters?.properties ?? {}))
			expect(schema.description?.trim(), `${tool.name}.${key} has no description for the model`);
	}
}

/** The execution succeeded and the agent answered; a tool's refusal does not fail the run. */
function expectAgentRun(run, exitCode) {
	const error = run.data?.resultData?.error;
	expect(!error, `the execution failed: ${error?.message}`);
	expect(run.status === 'success' || run.finished === true, `execution status is ${run.status}`);
	expect(exitCode === 0, `n8n execute exited ${exitCode}`);
	const agent = run.data.resultData.runData['Billing Agent'];
	expect(agent?.[0]?.data?.main?.[0]?.[0]?.json?.output, 'the Billing Agent gave no answer');
}

/** examples/agent-billing-assistant.json, run by run.mjs: within the cap, billed once. */
export async function checkAgentExample(run, ctx) {
	expectAgentRun(run, ctx.exitCode);
	const { requests, last } = conversation(ctx.model, EXAMPLE_PROMPT);
	checkToolsOffered(requests[0]);
	equal(requests.length, 3, 'model requests (bill, get, answer)');
	const [billed, looked] = last.toolResults.map((r) => toolItems(r)[0]);
	equal(
		[billed.paid, billed.alreadyPaid, billed.amountPaid, billed.totalFormatted, billed.reference],
		[true, false, 4900, '49.00 USD', 'A-1001'],
		'Bill customer as the model saw it: paid, alreadyPaid, amountPaid, totalFormatted, reference',
	);
	equal([looked.id, looked.status], [billed.invoiceId, 'paid'], 'Get invoice: the same invoice, paid');
	const ledger = await emulatorLedger(ctx.emulator, ctx.secretKey);
	equal(ledger.invoicesByReference['A-1001']?.length, 1, 'invoices for A-1001');
	equal(ledger.successfulChargesByInvoice[billed.invoiceId], 1, 'charges on the A-1001 invoice');
	equal(
		ctx.newCharges().map((c) => [c.status, c.amount, c.currency]),
		[['succeeded', 4900, 'usd']],
		'charges made by the run',
	);
}

/** The highest typeVersion a node file of the installed n8n declares (`version: [..]`, `defaultVersion`). */
function highestVersion(install, ...relativeFiles) {
	const dir = path.join(install.dir, 'node_modules', '@n8n', 'n8n-nodes-langchain', 'dist', 'nodes');
	let highest = 0;
	for (const file of relativeFiles) {
		let text;
		try {
			text = readFileSync(path.join(dir, file), 'utf8');
		} catch {
			continue;
		}
		for (const [, list] of text.matchAll(/\bversion: \[([\d.,\s]+)\]/g))
			for (const v of list.split(',')) highest = Math.max(highest, Number(v));
		for (const [, v] of text.matchAll(/\bdefaultVersion: ([\d.]+)/g)) highest = Math.max(highest, Number(v));
	}
	return highest;
}

/** The AI Agent node version the example runs with on this n8n (3, or older n8n's highest). */
function agentVersionOf(install) {
	return Math.min(3, highestVersion(install, 'agents/Agent/Agent.node.js', 'agents/Agent/V3/AgentV3.node.js'));
}

/**
 * The agent example as this n8n can run it. It is written for the AI Agent 3 and the OpenAI Chat
 * Model 1.3 (n8n 1.123 and 2.x have both); older n8n offers fewer versions (1.85: Agent 1.8 with
 * its Tools Agent, Chat Model 1.2, which has no Responses API), so their highest is used there.
 * Other workflows come back unchanged.
 */
export function adaptToN8n(workflow, install) {
	const agentVersion = highestVersion(install, 'agents/Agent/Agent.node.js', 'agents/Agent/V3/AgentV3.node.js');
	const modelVersion = highestVersion(install, 'llms/LMChatOpenAi/LmChatOpenAi.node.js');
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.type === '@n8n/n8n-nodes-langchain.agent' && agentVersion && node.typeVersion > agentVersion) {
			node.typeVersion = agentVersion;
			if (agentVersion < 2) node.parameters.agent = 'toolsAgent';
		}
		if (node.type === '@n8n/n8n-nodes-langchain.lmChatOpenAi' && modelVersion && node.typeVersion > modelVersion) {
			node.typeVersion = modelVersion;
			if (modelVersion < 1.3) delete node.parameters.responsesApiEnabled;
		}
	}
	return copy;
}

/** The example with another id, name and prompt; `change(nodesByName)` edits it further. */
function variant(example, { id, name, prompt, change }) {
	const workflow = structuredClone(example);
	workflow.id = id;
	workflow.name = `${example.name} — ${name}`;
	const byName = Object.fromEntries(workflow.nodes.map((n) => [n.name, n]));
	byName['Billing request'].parameters.jsCode = `return [{ prompt: ${JSON.stringify(prompt)} }];`;
	change?.(byName);
	return workflow;
}

/**
 * The refusal as the model got it. With the tool node's On Error set to Continue (as in the
 * example) the node answers the call with its error row, `{ error: { message, type, param } }`;
 * with n8n's default, n8n 2.x answers `{ error: message }` (the message only).
 */
export function refusalMessage(result) {
	const items = toolItems(result);
	equal(items.length, 1, `${result.name}: items the model got`);
	const { error } = items[0];
	return typeof error === 'string' ? error : error?.message;
}

/** A refusal the model can act on: the field, the numbers or the reason, and what to change. */
function expectRefusal(result, { field, mentions }) {
	const message = refusalMessage(result);
	expect(typeof message === 'string', `${result.name}: the model got no error, but ${result.content}`);
	expect(message.startsWith(`${field}:`), `the refusal does not name ${field}: ${message}`);
	for (const text of mentions) expect(message.includes(text), `the refusal does not say "${text}": ${message}`);
	expect(!/sk_test_/.test(message), 'the refusal shows the secret key');
	return message;
}

/**
 * The scenarios. Each returns { workflow, prompt, script, check(outcome) } once set up (set-up may
 * create invoices in the emulator); outcome = { run, exitCode, model, requests (emulator), ledger }.
 */
const SCENARIOS = [
	{
		label: 'agent: over the cap -> refused, no Stripe call',
		async setUp() {
			const prompt = 'Bill customer cus_demo_visa 250.00 USD for order A-1002 (Onboarding workshop).';
			return {
				prompt,
				script: [{ toolCalls: [bill('A-1002', 25000, 'usd', 'Onboarding workshop')] }, { reply: summarize }],
				check({ last, stripeCalls, ledger }) {
					const message = expectRefusal(last.toolResults[0], {
						field: 'Max Amount per Row',
						mentions: ['25000', String(CAP), 'smallest unit', 'nothing was billed', 'needs a person'],
					});
					equal(stripeCalls, [], 'Stripe calls during the run');
					equal(ledger.invoicesByReference['A-1002'], undefined, 'invoices for A-1002');
					return message;
				},
			};
		},
	},
	{
		label: 'agent: the same reference in two tool calls -> billed once',
		async setUp() {
			const prompt = 'Bill customer cus_demo_visa 15.00 EUR for order A-1003 (Extra seat).';
			const call = bill('A-1003', 1500, 'eur', 'Extra seat');
			return {
				prompt,
				// Two calls in one turn, as a model that repeats itself would make.
				script: [{ toolCalls: [call, call] }, { reply: summarize }],
				check({ last, ledger }) {
					const [first, second] = last.toolResults.map((r) => toolItems(r)[0]);
					equal(last.toolResults.length, 2, 'tool results the model got');
					equal([first.paid, second.paid], [true, true], 'both calls report paid');
					equal(second.invoiceId, first.invoiceId, 'both calls report the same invoice');
					equal(
						[first.alreadyPaid, second.alreadyPaid].sort(),
						[false, true],
						'one call billed, the other found it already paid',
					);
					equal(ledger.invoicesByReference['A-1003']?.length, 1, 'invoices for A-1003');
					equal(ledger.successfulChargesByInvoice[first.invoiceId], 1, 'charges on the A-1003 invoice');
					return `alreadyPaid ${first.alreadyPaid}/${second.alreadyPaid}, one invoice, one charge`;
				},
			};
		},
	},
	{
		label: 'agent: Pay within the cap, then Get',
		async setUp({ emulator, secretKey }) {
			const invoice = await openInvoice(emulator, secretKey, { customer: CUSTOMER, amount: 3000, currency: 'usd' });
			const prompt = `Charge invoice ${invoice.id} to the customer's card on file and tell me its status.`;
			return {
				prompt,
				script: [
					{ toolCalls: [{ tool: TOOL.pay, args: { invoice_id: invoice.id } }] },
					{ toolCalls: [{ tool: TOOL.get, args: { invoice_id: invoice.id } }] },
					{ reply: summarize },
				],
				check({ last, ledger }) {
					const [paid, looked] = last.toolResults.map((r) => toolItems(r)[0]);
					equal([paid.id, paid.status, paid.amountPaid], [invoice.id, 'paid', 3000], 'Pay invoice: id, status, amountPaid');
					equal([looked.id, looked.status], [invoice.id, 'paid'], 'Get invoice: id, status');
					equal(ledger.successfulChargesByInvoice[invoice.id], 1, 'charges on the invoice');
					return 'paid 3000 once';
				},
			};
		},
	},
	{
		label: 'agent: Pay over the cap -> refused before any write',
		async setUp({ emulator, secretKey }) {
			const invoice = await openInvoice(emulator, secretKey, { customer: CUSTOMER, amount: 50000, currency: 'usd' });
			const prompt = `Charge invoice ${invoice.id} to the customer's card on file.`;
			return {
				prompt,
				script: [{ toolCalls: [{ tool: TOOL.pay, args: { invoice_id: invoice.id } }] }, { reply: summarize }],
				async check({ last, stripeCalls }) {
					const message = expectRefusal(last.toolResults[0], {
						field: 'Max Amount per Row',
						mentions: ['50000', String(CAP), 'nothing was billed', 'needs a person'],
					});
					// The cap is checked against Stripe's amount due: one read, no write.
					equal(stripeCalls, [`GET /v1/invoices/${invoice.id}`], 'Stripe calls during the run');
					const after = await getInvoice(emulator, secretKey, invoice.id);
					equal([after.status, after.amount_paid], ['open', 0], 'the invoice afterwards');
					return message;
				},
			};
		},
	},
	{
		label: 'agent: a settlement switch filled by $fromAI -> refused',
		async setUp({ emulator, secretKey }) {
			const invoice = await openInvoice(emulator, secretKey, { customer: CUSTOMER, amount: 2000, currency: 'usd' });
			const prompt = `Invoice ${invoice.id} was paid by bank transfer. Mark it as paid.`;
			return {
				prompt,
				// The author exposed Paid Out of Band to the model, but not "Let AI Choose Settlement".
				change(nodes) {
					nodes['Pay invoice'].parameters.options.paidOutOfBand =
						"={{ $fromAI('paid_out_of_band', 'true when the customer paid outside Stripe', 'boolean') }}";
				},
				script: [
					{ toolCalls: [{ tool: TOOL.pay, args: { invoice_id: invoice.id, paid_out_of_band: true } }] },
					{ reply: summarize },
				],
				async check({ last, stripeCalls }) {
					const message = expectRefusal(last.toolResults[0], {
						field: 'Paid Out of Band',
						mentions: ['nothing was sent to Stripe', 'needs a person', 'Let AI Choose Settlement'],
					});
					equal(stripeCalls, [], 'Stripe calls during the run');
					const after = await getInvoice(emulator, secretKey, invoice.id);
					equal(after.status, 'open', 'the invoice afterwards');
					return message;
				},
			};
		},
	},
	{
		label: "agent: a refusal under n8n's default error handling (tool node On Error: Stop)",
		async setUp({ install }) {
			const prompt = 'Bill customer cus_demo_visa 120.00 USD for order A-1004 (Training day).';
			// Measured: the AI Agent 3 of n8n 1.123 lets a failed tool stop the whole execution; the
			// AI Agent 3 of n8n 2.x hands the error's message to the model, and so does n8n 1.85's
			// AI Agent 1.8 (its tools run inside the agent).
			const stopsRun = majorOf(install.version) < 2 && agentVersionOf(install) >= 3;
			return {
				prompt,
				change(nodes) {
					delete nodes['Bill customer'].onError;
				},
				script: [{ toolCalls: [bill('A-1004', 12000, 'usd', 'Training day')] }, { reply: summarize }],
				expectFailedRun: stopsRun,
				check({ last, run, stripeCalls, ledger }) {
					equal(stripeCalls, [], 'Stripe calls during the run');
					equal(ledger.invoicesByReference['A-1004'], undefined, 'invoices for A-1004');
					const wanted = 'Max Amount per Row: the invoice total is 12000, above the cap of 10000';
					if (stopsRun) {
						const error = run.data.resultData.error;
						expect(error?.message?.startsWith(wanted), `the execution's error: ${error?.message}`);
						expect(last.toolResults.length === 0, 'the model got a tool result, but this n8n stops the run');
						return `n8n ${install.version} stopped the execution: ${error.message}`;
					}
					const content = last.toolResults[0]?.content ?? '';
					expect(
						content.includes(wanted) && content.includes('needs a person'),
						`the model got ${content || 'no tool result'}`,
					);
					return `the model got ${content}`;
				},
			};
		},
	},
];

/**
 * Runs every scenario with `n8n execute` in the user folder of step 4 (credentials imported there,
 * the OpenAI one pointing at `model`). `report(label, status, detail)` and `time` come from run.mjs.
 */
export async function runAgentScenarios({ install, env, emulator, secretKey, model, example, report, time }) {
	const accountCalls = () => emulator.requests.length;
	let n = 0;
	for (const scenario of SCENARIOS) {
		const started = Date.now();
		try {
			const setUp = await scenario.setUp({ emulator, secretKey, install });
			model.addScript(setUp.prompt, setUp.script);
			const workflow = variant(adaptToN8n(example, install), {
				id: `StripeInvAgentS${++n}`,
				name: scenario.label,
				prompt: setUp.prompt,
				change: setUp.change,
			});
			const file = path.join(env.N8N_USER_FOLDER, `${workflow.id}.json`);
			writeFileSync(file, JSON.stringify([workflow]));
			let result = await n8n(install, env, ['import:workflow', `--input=${file}`]);
			if (result.code !== 0) throw new Error(`import:workflow exited ${result.code}: ${result.stderr.slice(-500)}`);
			const before = accountCalls();
			result = await n8n(install, env, ['execute', `--id=${workflow.id}`, '--rawOutput'], {
				timeoutMs: RUN_TIMEOUT_MS,
			});
			const stripeCalls = emulator.requests.slice(before).map((r) => `${r.method} ${r.path}`);
			const run = parseRunJson(result.stdout, result.stderr);
			if (!run) throw new Error(`n8n execute printed no run JSON (exit ${result.code}): ${result.stderr.slice(-800)}`);
			if (setUp.expectFailedRun) expect(run.data?.resultData?.error, 'the execution did not fail');
			else expectAgentRun(run, result.code);
			const { last } = conversation(model, setUp.prompt);
			const detail = await setUp.check({
				last,
				run,
				stripeCalls,
				ledger: await emulatorLedger(emulator, secretKey),
			});
			time(scenario.label, Date.now() - started);
			report(scenario.label, 'pass', `${seconds(Date.now() - started)}; ${detail}`);
		} catch (error) {
			report(scenario.label, 'fail', error.message);
		}
	}
}
