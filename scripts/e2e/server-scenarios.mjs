// Scenarios against a running `n8n start` (server.mjs) and the Stripe emulator. Each one returns
// nothing on success and throws a CheckFailed (or any error) with the reason on failure.
//
// Adding the trigger scenario (nodes/StripeInvoicingTrigger, on another branch): fill in
// triggerScenario() below. run.mjs already calls it when dist/nodes/StripeInvoicingTrigger exists
// and prints SKIP (never PASS) otherwise. Everything it needs is in the stack from
// startServerStack(): server.webhookUrl (what n8n registers with the emulator, via WEBHOOK_URL),
// client (public API), emulator + secretKey (the account the credential acts for).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { equal, expect } from './checks.mjs';
import { ROOT, makeUserFolder, seconds } from './lib.mjs';
import {
	activateWorkflow,
	connectAsOwner,
	countExecutions,
	createStripeCredential,
	deactivateWorkflow,
	getExecution,
	importWorkflow,
	listExecutions,
	nodeOutput,
	waitForExecutions,
} from './n8n-api.mjs';
import { startN8nServer } from './server.mjs';

const WORKFLOWS_DIR = path.join(ROOT, 'scripts', 'e2e', 'workflows');
export const TRIGGER_DIST = path.join(ROOT, 'dist', 'nodes', 'StripeInvoicingTrigger');
const STEPS = ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'payInvoice'];

const readWorkflow = (file) => JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));

/**
 * A fresh user folder with the package, `n8n start` on a free loopback port, the owner + API key,
 * and a Stripe Invoicing credential pointing at the (already running) emulator with its own
 * secret key, so the emulator's ledger for that key holds only what this stack did.
 * Returns { server, client, emulator, secretKey, credential, timings }.
 */
export async function startServerStack({ install, emulator, log = console.log }) {
	const timings = [];
	let t = Date.now();
	const userFolder = await makeUserFolder('n8n-e2e-server-');
	const server = await startN8nServer({ install, userFolder });
	timings.push(['n8n start until ready', Date.now() - t]);
	log(`   n8n server: ${server.url} (pid ${server.pid}), webhooks at ${server.webhookUrl}`);
	t = Date.now();
	const client = await connectAsOwner(server.url);
	const secretKey = `sk_test_e2e_server_${Date.now().toString(36)}`;
	const credential = await createStripeCredential(client, {
		name: 'Stripe Invoicing (emulator)',
		secretKey,
		baseUrl: emulator.url,
	});
	timings.push(['owner, API key, credential', Date.now() - t]);
	return { server, client, emulator, secretKey, credential, timings };
}

/** The emulator's exactly-once ledger for one account, through its HTTP control endpoint. */
export async function emulatorLedger(emulator, secretKey) {
	const res = await fetch(`${emulator.url}/_emulator/ledger`, {
		headers: { authorization: `Bearer ${secretKey}` },
	});
	if (!res.ok) throw new Error(`GET /_emulator/ledger -> ${res.status}: ${await res.text()}`);
	return res.json();
}

/** Why the workflow's newest execution failed, from n8n's records (for a failure message). */
async function lastError(client, workflowId) {
	try {
		const [newest] = await listExecutions(client, workflowId);
		if (!newest) return '; n8n recorded no execution';
		const error = (await getExecution(client, newest.id)).data?.resultData?.error;
		return `; execution ${newest.id} is ${newest.status}${error ? `: ${error.message}` : ''}`;
	} catch (error) {
		return `; (could not read the executions: ${error.message})`;
	}
}

const ROWS = [
	{ order: 'W-3001', customer: 'cus_demo_visa', amount: 4200, currency: 'usd', item: 'Webhook order A' },
	{ order: 'W-3002', customer: 'cus_demo_visa', amount: 1250, currency: 'eur', item: 'Webhook order B' },
	{ order: 'W-3003', customer: 'cus_demo_visa', amount: 700, currency: 'gbp', item: 'Webhook order C' },
];

/**
 * n8n's Webhook node -> Split Out -> Invoice & Collect, activated in the running server. One POST
 * of three rows must give exactly one successful execution (n8n's records) and three invoices
 * paid once each (the emulator's ledger); after deactivation the webhook is gone.
 */
export async function webhookScenario({ server, client, emulator, secretKey, credential }) {
	const workflowId = await importWorkflow(client, readWorkflow('webhook-invoice-and-collect.json'), {
		credentials: { stripeInvoicingApi: credential },
	});
	await activateWorkflow(client, workflowId);
	const url = `${server.webhookUrl}/bill`;
	try {
		equal((await countExecutions(client, workflowId)).total, 0, 'executions before the POST');
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(ROWS),
		});
		const text = await res.text();
		if (res.status !== 200) {
			throw new Error(
				`POST ${url} -> ${res.status}: ${text.slice(0, 300)}${await lastError(client, workflowId)}`,
			);
		}
		// responseMode lastNode + allEntries: the answer is Invoice & Collect's rows.
		const answered = JSON.parse(text);
		equal(
			answered.map((r) => [r.reference, r.paid]),
			ROWS.map((r) => [r.order, true]),
			'webhook response: reference and paid per row',
		);

		const [execution, ...others] = await waitForExecutions(client, workflowId, { count: 1 });
		equal(others.length, 0, 'executions beyond the first');
		equal([execution.mode, execution.status], ['webhook', 'success'], 'execution mode and status');
		const rows = nodeOutput(await getExecution(client, execution.id), 'Invoice & Collect');
		equal(rows.length, ROWS.length, 'rows out of Invoice & Collect (stored execution)');
		rows.forEach((row, i) => {
			const at = `row ${i} (${ROWS[i].order})`;
			equal(
				[row.reference, row.paid, row.status],
				[ROWS[i].order, true, 'paid'],
				`${at}: reference, paid, status`,
			);
			equal(row.amountPaid, ROWS[i].amount, `${at}: amountPaid`);
			equal(row.stepsCompleted, STEPS, `${at}: stepsCompleted`);
		});

		const ledger = await emulatorLedger(emulator, secretKey);
		for (const [i, row] of ROWS.entries()) {
			const invoices = ledger.invoicesByReference[row.order] ?? [];
			equal(invoices.length, 1, `invoices tagged ${row.order}`);
			equal(
				[invoices[0].status, invoices[0].amountPaid],
				['paid', row.amount],
				`${row.order}: status, amountPaid`,
			);
			equal(ledger.successfulChargesByInvoice[invoices[0].id], 1, `${row.order}: successful charges`);
			equal(invoices[0].id, rows[i].invoiceId, `${row.order}: the invoice the node reported`);
		}
		equal([ledger.duplicateReferences, ledger.invoicesChargedTwice], [[], []], 'duplicates in the ledger');
		equal([ledger.invoiceCount, ledger.succeededCharges], [3, 3], 'invoices and charges in the account');
	} finally {
		await deactivateWorkflow(client, workflowId);
	}
	// Deactivated: the production webhook is unregistered and nothing more runs.
	const after = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '[]',
	});
	await after.text();
	equal(after.status, 404, `POST ${url} after deactivation`);
	equal(await countExecutions(client, workflowId), { total: 1, success: 1 }, 'executions after deactivation');
}

/** Whether the trigger node is in this build; a reason to print when it is not. */
export function triggerScenarioSkipReason() {
	return existsSync(TRIGGER_DIST)
		? undefined
		: `${path.relative(ROOT, TRIGGER_DIST)} is not built on this branch (StripeInvoicingTrigger not merged yet)`;
}

/**
 * NOT IMPLEMENTED: the trigger scenario, to fill in once StripeInvoicingTrigger and the emulator's
 * /v1/webhook_endpoints + signed event delivery are merged. Intended steps, with the pieces above:
 *  1. importWorkflow(client, readWorkflow('trigger-invoice-paid.json'), { credentials: {...} }):
 *     a Stripe Invoicing Trigger node (type n8n-nodes-stripe-invoicing.stripeInvoicingTrigger,
 *     events e.g. invoice.paid) with the same credential; activateWorkflow(client, id).
 *  2. GET `${emulator.url}/v1/webhook_endpoints` with the secret key: exactly one endpoint, its
 *     url under server.webhookUrl; activating again / restarting must not add a second one.
 *  3. Bill rows with Invoice & Collect (webhookScenario's workflow, or the emulator's API
 *     directly) so the emulator delivers signed invoice.* events to n8n.
 *  4. waitForExecutions(client, triggerWorkflowId, { count: N }) then a short bounded poll that
 *     the count stays N (a redelivered event must not start a second execution), and
 *     nodeOutput(...) of the trigger node carries the events' ids.
 *  5. deactivateWorkflow: the emulator's endpoint is deleted (zero endpoints left).
 */
export async function triggerScenario(_stack) {
	throw new Error('triggerScenario is a skeleton: implement it when StripeInvoicingTrigger lands');
}

/**
 * For run.mjs: starts the stack once, runs each server scenario, reports each as PASS, FAIL or
 * SKIP through `report(label, status, detail)`, and stops the server (also on failure).
 */
export async function runServerChecks({ install, emulator, report, time }) {
	let stack;
	try {
		stack = await startServerStack({ install, emulator });
		for (const [label, ms] of stack.timings) time(label, ms);
	} catch (error) {
		report('server: n8n start + owner + API key', 'fail', error.message);
		return;
	}
	const scenarios = [
		['server: webhook -> Invoice & Collect', webhookScenario],
		['server: Stripe Invoicing Trigger', triggerScenario, triggerScenarioSkipReason()],
	];
	try {
		for (const [label, scenario, skipReason] of scenarios) {
			if (skipReason) {
				report(label, 'skip', skipReason);
				continue;
			}
			const started = Date.now();
			try {
				await scenario(stack);
				time(label, Date.now() - started);
				report(label, 'pass', seconds(Date.now() - started));
			} catch (error) {
				const tail = process.env.E2E_VERBOSE ? `\n--- n8n log tail ---\n${stack.server.logTail()}` : '';
				report(label, 'fail', `${error.message}${tail}`);
			}
		}
	} finally {
		const started = Date.now();
		await stack.server.stop();
		time('n8n server stop', Date.now() - started);
	}
}
