// Billing through the queue-mode cluster as production does: rows POSTed to n8n's Webhook node
// (received by the webhook processor, run by a worker) -> Split Out -> Invoice & Collect with a
// Reference. Also the emulator's control endpoints the scenarios read: settings, stats, ledger.
import { randomUUID } from 'node:crypto';

import { emulatorLedger } from '../e2e/emulator-client.mjs';
import { activateWorkflow, importWorkflow } from '../e2e/n8n-api.mjs';
import { readWorkflow, withNewAccount } from '../e2e/server-scenarios.mjs';

/** Calls per Invoice & Collect row with one search each (lookups are batched now: about 4.1). */
export const CALLS_PER_ROW = 5;

async function control(emulator, method, path, body) {
	const res = await fetch(`${emulator.url}/_emulator${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const json = await res.json();
	if (!res.ok) throw new Error(`emulator ${method} ${path} -> ${res.status}: ${JSON.stringify(json)}`);
	return json;
}

/** Sets the emulator's per-account rate limit (req/s) and latency per call (ms). */
export const configureEmulator = (emulator, settings) => control(emulator, 'POST', '/config', settings);

/** Request counters over all accounts (requests, byStatus, rateLimited). */
export const emulatorStats = (emulator) => control(emulator, 'GET', '/stats');

/** The difference of two stats snapshots: { requests, rateLimited, share429 }. */
export function statsBetween(before, after) {
	const requests = after.requests - before.requests;
	const rateLimited = after.rateLimited - before.rateLimited;
	return { requests, rateLimited, share429: requests ? rateLimited / requests : 0 };
}

/** `count` rows with unique references `${prefix}-0001`…, all for the demo customer. */
export function makeRows(prefix, count) {
	return Array.from({ length: count }, (_, i) => ({
		order: `${prefix}-${String(i + 1).padStart(4, '0')}`,
		customer: 'cus_demo_visa',
		amount: 1000 + i,
		currency: 'usd',
		item: `Scale order ${i + 1}`,
	}));
}

/**
 * An active billing workflow at POST /webhook/scale-<label>, for `account` or a fresh emulator
 * account. Invoice & Collect runs with the node's defaults (10 rows at a time, 5 attempts, the
 * key's rate).
 */
export async function billingWorkflow(stack, label, existing) {
	const account = existing ?? (await withNewAccount(stack, label));
	const workflow = readWorkflow('webhook-invoice-and-collect.json');
	workflow.name = `Scale: webhook rows -> Invoice & Collect (${label})`;
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') {
			node.parameters.path = `scale-${label}`;
			node.webhookId = randomUUID();
		}
		// SCALE_MAX_RPS tries the README's advice for executions at once (not used in CI).
		if (node.name === 'Invoice & Collect')
			node.parameters.options = process.env.SCALE_MAX_RPS
				? { maxRequestsPerSecond: Number(process.env.SCALE_MAX_RPS) }
				: {};
	}
	const workflowId = await importWorkflow(stack.client, workflow, {
		credentials: { stripeInvoicingApi: account.credential },
	});
	await activateWorkflow(stack.client, workflowId);
	return { ...account, workflowId, url: `${stack.cluster.webhookUrl}/scale-${label}` };
}

/**
 * POSTs rows to the billing workflow and waits for the answer (the last node's rows, once a
 * worker has finished). Never throws for an HTTP error: returns { status, rows?, text, ms }.
 */
export async function postBatch(url, rows, { signal } = {}) {
	const started = Date.now();
	try {
		const res = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(rows),
			signal,
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return {
			status: res.status,
			rows: Array.isArray(json) ? json : undefined,
			text,
			ms: Date.now() - started,
		};
	} catch (error) {
		return { status: 0, text: error.message, ms: Date.now() - started };
	}
}

/**
 * What the account's ledger says about these references: paid once (one invoice, paid, one
 * succeeded charge), missing (no invoice), unpaid, duplicated (two invoices) or charged twice.
 */
export async function ledgerFor(account, references) {
	const ledger = await emulatorLedger(account.emulator, account.secretKey);
	const tally = { paidOnce: 0, missing: [], unpaid: [], duplicated: [], chargedTwice: [] };
	for (const ref of references) {
		const invoices = ledger.invoicesByReference[ref] ?? [];
		if (invoices.length === 0) tally.missing.push(ref);
		else if (invoices.length > 1) tally.duplicated.push(ref);
		const charges = invoices.map((inv) => ledger.successfulChargesByInvoice[inv.id] ?? 0);
		if (charges.some((n) => n > 1)) tally.chargedTwice.push(ref);
		if (invoices.length === 1 && invoices[0].status === 'paid' && charges[0] === 1) tally.paidOnce++;
		else if (invoices.length === 1) tally.unpaid.push(ref);
	}
	tally.invoiceCount = ledger.invoiceCount;
	tally.succeededCharges = ledger.succeededCharges;
	tally.ok =
		tally.paidOnce === references.length &&
		ledger.duplicateReferences.length === 0 &&
		ledger.invoicesChargedTwice.length === 0;
	return tally;
}

/** A ledger tally in a line: "300/300 paid once, 0 missing, 0 duplicate invoices, 0 charged twice". */
export function describeLedger(tally, total) {
	const parts = [
		`${tally.paidOnce}/${total} paid once`,
		`${tally.missing.length} missing`,
		`${tally.unpaid.length} unpaid`,
		`${tally.duplicated.length} duplicate invoices`,
		`${tally.chargedTwice.length} charged twice`,
	];
	const sample = [...tally.missing, ...tally.unpaid, ...tally.duplicated].slice(0, 3);
	return `${parts.join(', ')}${sample.length ? ` (e.g. ${sample.join(', ')})` : ''}`;
}
