// Scenarios against a running `n8n start` (server.mjs) and the Stripe emulator: the stack they
// share, billing rows through n8n's Webhook node, and the webhook scenario. Each scenario returns
// nothing on success and throws (CheckFailed or any error) with the reason on failure.
// The trigger scenario is in trigger-scenario.mjs; run.mjs reaches both via server-checks.mjs.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { equal } from './checks.mjs';
import { emulatorLedger } from './emulator-client.mjs';
import { ROOT, makeUserFolder } from './lib.mjs';
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
const STEPS = ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'payInvoice'];

export const readWorkflow = (file) => JSON.parse(readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8'));

/**
 * A fresh user folder with the package, `n8n start` on a free loopback port, the owner + API key,
 * and a Stripe Invoicing credential for a fresh emulator account (see withNewAccount).
 * Returns { server, client, emulator, install, userFolder, secretKey, credential, timings }.
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
	const stack = await withNewAccount({ server, client, emulator, install, userFolder }, 'default');
	timings.push(['owner, API key, credential', Date.now() - t]);
	return { ...stack, timings };
}

/**
 * The stack with a new secret key (the emulator keeps one account per key, seeded with the demo
 * customers) and an n8n credential for it: the account's ledger, charges and webhook endpoints
 * then hold only what one scenario did.
 */
export async function withNewAccount(stack, label) {
	const secretKey = `sk_test_e2e_${label}_${Date.now().toString(36)}`;
	const credential = await createStripeCredential(stack.client, {
		name: `Stripe Invoicing (emulator, ${label})`,
		secretKey,
		baseUrl: stack.emulator.url,
	});
	return { ...stack, secretKey, credential };
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

/**
 * Imports and activates the billing workflow (Webhook POST /webhook/bill → Split Out → Invoice &
 * Collect, answering with Invoice & Collect's rows). Returns its workflow id.
 */
export async function activateBillingWorkflow({ client, credential }) {
	const workflowId = await importWorkflow(client, readWorkflow('webhook-invoice-and-collect.json'), {
		credentials: { stripeInvoicingApi: credential },
	});
	await activateWorkflow(client, workflowId);
	return workflowId;
}

/** POSTs rows to the billing workflow; returns the rows Invoice & Collect answered with. */
export async function postRows({ server, client }, workflowId, rows) {
	const url = `${server.webhookUrl}/bill`;
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(rows),
	});
	const text = await res.text();
	if (res.status !== 200) {
		throw new Error(
			`POST ${url} -> ${res.status}: ${text.slice(0, 300)}${await lastError(client, workflowId)}`,
		);
	}
	return JSON.parse(text);
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
export async function webhookScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'webhook');
	const { server, client, emulator, secretKey } = stack;
	const workflowId = await activateBillingWorkflow(stack);
	try {
		equal((await countExecutions(client, workflowId)).total, 0, 'executions before the POST');
		const answered = await postRows(stack, workflowId, ROWS);
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
	const url = `${server.webhookUrl}/bill`;
	const after = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: '[]',
	});
	await after.text();
	equal(after.status, 404, `POST ${url} after deactivation`);
	equal(await countExecutions(client, workflowId), { total: 1, success: 1 }, 'executions after deactivation');
}
