// Talking to a running n8n (2.x, and 1.123 where noted) headlessly: create the owner (POST /rest/owner/setup, open on a
// fresh instance), mint a public-API key with the session cookie (POST /rest/api-keys), then use
// the public API (/api/v1, header X-N8N-API-KEY) for credentials, workflows and executions. The
// cookie is kept for the one thing the public API lacks: a workflow's publication status.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { majorOf } from './install-n8n.mjs';
import { pollUntil } from './server.mjs';

const OWNER = {
	email: 'e2e-owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-owner-pass-1',
};
// Only what the harness uses: a key that cannot do more than the tests need.
const API_KEY_SCOPES = [
	'credential:create',
	'workflow:create',
	'workflow:read',
	'workflow:list',
	'workflow:update',
	'workflow:activate',
	'workflow:deactivate',
	'execution:list',
	'execution:read',
	'execution:retry',
];
const BROWSER_ID = 'n8n-nodes-stripe-invoicing-e2e'; // the session cookie is bound to it

async function call(url, { method = 'GET', headers = {}, body } = {}) {
	const res = await fetch(url, {
		method,
		headers: {
			accept: 'application/json',
			...(body ? { 'content-type': 'application/json' } : {}),
			...headers,
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	let json;
	try {
		json = text ? JSON.parse(text) : undefined;
	} catch {
		json = undefined;
	}
	if (!res.ok) throw new Error(`${method} ${new URL(url).pathname} -> ${res.status}: ${text.slice(0, 500)}`);
	return { res, json };
}

/**
 * Creates the owner account on a fresh n8n and an API key for the public API.
 * Returns a client: { baseUrl, apiKey, api(method, path, body) } where path is under /api/v1.
 */
export async function connectAsOwner(baseUrl) {
	let cookie;
	const restCall = (method, path, body) =>
		call(`${baseUrl}/rest${path}`, {
			method,
			body,
			headers: { 'browser-id': BROWSER_ID, ...(cookie ? { cookie } : {}) },
		});
	// n8n 1.x answers /healthz/readiness a moment before its REST routes exist: a 404 is retried.
	const setup = await pollUntil(
		async () => {
			try {
				return await restCall('POST', '/owner/setup', OWNER);
			} catch (error) {
				if (/ -> 404:/.test(error.message)) return undefined;
				throw error;
			}
		},
		{ timeoutMs: 30_000, intervalMs: 250, what: 'POST /rest/owner/setup to exist' },
	);
	cookie = (setup.res.headers.getSetCookie?.() ?? [])
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error('owner setup returned no n8n-auth cookie');
	const created = await restCall('POST', '/api-keys', {
		label: 'e2e harness',
		scopes: API_KEY_SCOPES,
		expiresAt: null,
	});
	const apiKey = created.json?.data?.rawApiKey;
	if (!apiKey) throw new Error(`POST /rest/api-keys returned no rawApiKey: ${JSON.stringify(created.json)}`);
	const api = async (method, path, body) =>
		(await call(`${baseUrl}/api/v1${path}`, { method, body, headers: { 'X-N8N-API-KEY': apiKey } })).json;
	// REST answers are wrapped as { data }.
	const rest = async (method, path, body) => (await restCall(method, path, body)).json?.data;
	return { baseUrl, apiKey, api, rest };
}

/** Creates a Stripe Invoicing API credential (n8n encrypts `data`); returns {id, name}. */
export async function createStripeCredential(client, { name, secretKey, baseUrl }) {
	const create = (data) => client.api('POST', '/credentials', { name, type: 'stripeInvoicingApi', data });
	let created;
	try {
		// n8n adds "Allowed HTTP Request Domains" to credentials the HTTP Request node can use; n8n
		// 1.123's public API refuses a credential without it (2.x takes it too). 'all' is its default.
		created = await create({ secretKey, baseUrl, allowedHttpRequestDomains: 'all' });
	} catch (error) {
		// Older n8n (1.82) has no such field and refuses it.
		if (!/additional property \\?"allowedHttpRequestDomains/.test(error.message)) throw error;
		created = await create({ secretKey, baseUrl });
	}
	return { id: created.id, name: created.name };
}

/** Creates a Stripe Invoicing Webhook Signing Secret API credential; returns {id, name}. */
export async function createSigningSecretCredential(client, { name, signingSecret }) {
	const created = await client.api('POST', '/credentials', {
		name,
		type: 'stripeInvoicingSigningSecretApi',
		data: { signingSecret },
	});
	return { id: created.id, name: created.name };
}

/**
 * Creates a workflow from an export-style object (only the fields the public API accepts are sent).
 * `credentials` maps a credential type to {id, name} and is set on every node that uses that type.
 */
export async function importWorkflow(client, workflow, { credentials = {} } = {}) {
	const nodes = workflow.nodes.map((node) => {
		const creds = { ...node.credentials };
		for (const type of Object.keys(creds)) if (credentials[type]) creds[type] = credentials[type];
		return Object.keys(creds).length ? { ...node, credentials: creds } : node;
	});
	const created = await client.api('POST', '/workflows', {
		name: workflow.name,
		nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
	});
	return created.id;
}

/**
 * Drops a workflow's static data (what trigger nodes keep between activations, e.g. a webhook
 * secret) through the public API, as a restored database or a lost row would. Only the static
 * data changes: the same settings are sent, and without publishIfActive nothing is re-published.
 * n8n 1.x's public API ignores `staticData`, and any update of an active workflow there re-activates
 * it (running the trigger's delete with the secret it still holds), so on 1.x — given `server` —
 * the row is changed in n8n's SQLite database instead, which is what a restored backup does.
 */
export async function clearStaticData(client, workflowId, { server } = {}) {
	if (server && majorOf(server.install.version) < 2) {
		clearStaticDataInDatabase(server, workflowId);
		return (await client.api('GET', `/workflows/${workflowId}`)).staticData ?? null;
	}
	const { name, nodes, connections, settings } = await client.api('GET', `/workflows/${workflowId}`);
	await client.api('PUT', `/workflows/${workflowId}`, {
		name,
		nodes,
		connections,
		settings,
		staticData: null,
	});
	return (await client.api('GET', `/workflows/${workflowId}`)).staticData ?? null;
}

/** A workflow as the public API hands it to any key with workflow:read (static data included). */
export async function readWorkflow(client, workflowId) {
	return client.api('GET', `/workflows/${workflowId}`);
}

/**
 * Saves a changed draft through the public API: `change` gets { name, nodes, connections, settings,
 * staticData } and returns the new values. Nothing is published (POST /activate does that).
 */
export async function updateWorkflow(client, workflowId, change) {
	const { name, nodes, connections, settings, staticData } = await readWorkflow(client, workflowId);
	const next = change({ name, nodes, connections, settings, staticData });
	await client.api('PUT', `/workflows/${workflowId}`, next);
	return readWorkflow(client, workflowId);
}

/** `UPDATE workflow_entity SET staticData = NULL` with the sqlite3 module of n8n's own install. */
function clearStaticDataInDatabase(server, workflowId) {
	const script = `
		const sqlite3 = require(process.argv[1]);
		const db = new sqlite3.Database(process.argv[2]);
		db.run('UPDATE workflow_entity SET "staticData" = NULL WHERE id = ?', [process.argv[3]], function (error) {
			if (error || this.changes !== 1) { console.error(error ? error.message : 'changed ' + this.changes + ' rows'); process.exit(1); }
			db.close();
		});`;
	const result = spawnSync(
		server.install.nodeBin,
		[
			'-e',
			script,
			path.join(server.install.dir, 'node_modules', 'sqlite3'),
			path.join(server.env.N8N_USER_FOLDER, '.n8n', 'database.sqlite'),
			String(workflowId),
		],
		{ encoding: 'utf8' },
	);
	if (result.status !== 0) throw new Error(`clearing static data in n8n's database failed: ${result.stderr}`);
}

/**
 * n8n's publication status of a workflow: { status: not_published | in_progress | published |
 * partial | failed, triggers: [{ nodeId, status, errorMessage }] }.
 */
export async function publicationStatus(client, workflowId) {
	return client.rest('GET', `/workflows/${workflowId}/publication-status`);
}

/** Statuses that end a publication without reaching the wanted one. */
const FAILED_PUBLICATION = ['failed', 'partial'];
// A failed status seen this long in a row is the outcome, not a read from before the call.
const FAILED_SETTLES_MS = 3_000;

/**
 * Waits (bounded) for a publication to reach `wanted`. n8n 2.41 publishes through an outbox: the
 * API call returns before the webhooks and triggers are registered or removed, and until the
 * outbox takes the change up the status still says what it was before the call (a busy n8n
 * answered "published" right after an unpublish). So a status other than `wanted` is waited out;
 * when publishing, a failed one (a trigger's create() threw) ends the wait once it has held for a
 * few seconds.
 */
export async function waitForPublication(client, workflowId, wanted, timeoutMs) {
	let last;
	let failedSince;
	const read = async () => {
		try {
			return await publicationStatus(client, workflowId);
		} catch (error) {
			// n8n 1.x has no publication status: activation there is done when its call returns
			// (webhooks and triggers registered, or the call failed with the trigger's error).
			if (!/ -> 404:/.test(error.message)) throw error;
			const { active } = await client.api('GET', `/workflows/${workflowId}`);
			return { status: active ? 'published' : 'not_published', triggers: [], final: true };
		}
	};
	const settled = await pollUntil(
		async () => {
			last = await read();
			if (!last || last.status === wanted || last.final) return last;
			// Only a publication fails; an unpublish waits for its outcome.
			if (wanted !== 'published' || !FAILED_PUBLICATION.includes(last.status)) {
				failedSince = undefined;
				return undefined;
			}
			failedSince ??= Date.now();
			return Date.now() - failedSince >= FAILED_SETTLES_MS ? last : undefined;
		},
		{ timeoutMs, intervalMs: 100, what: `workflow ${workflowId} to be ${wanted}` },
	).catch((error) => {
		if (!last) throw error;
		return last; // timed out: say what n8n last reported
	});
	if (settled.status !== wanted) {
		const problems = (settled.triggers ?? [])
			.filter((t) => t.errorMessage)
			.map((t) => `${t.nodeId}: ${t.errorMessage}`);
		throw new Error(
			`workflow ${workflowId} is ${settled.status}, not ${wanted}${problems.length ? ` (${problems.join('; ')})` : ''}`,
		);
	}
	return settled;
}

/** Publishes (activates) a workflow and waits until its webhooks and triggers are live. */
export async function activateWorkflow(client, workflowId, { timeoutMs = 30_000 } = {}) {
	await client.api('POST', `/workflows/${workflowId}/activate`, {});
	return waitForPublication(client, workflowId, 'published', timeoutMs);
}

/** Unpublishes (deactivates) a workflow and waits until its webhooks and triggers are removed. */
export async function deactivateWorkflow(client, workflowId, { timeoutMs = 30_000 } = {}) {
	await client.api('POST', `/workflows/${workflowId}/deactivate`);
	return waitForPublication(client, workflowId, 'not_published', timeoutMs);
}

/**
 * An execution record with its `status`. n8n 1.85's public API has none: it is derived there
 * from `finished`, `stoppedAt` and `waitTill` the way later n8n sets it.
 */
function withStatus(execution) {
	if (!execution || execution.status !== undefined) return execution;
	const status = execution.finished
		? 'success'
		: execution.waitTill
			? 'waiting'
			: execution.stoppedAt
				? 'error'
				: 'running';
	return { ...execution, status };
}

async function executionPages(client, workflowId, status) {
	const all = [];
	let cursor;
	do {
		const query = new URLSearchParams({ workflowId, limit: '250' });
		if (status) query.set('status', status);
		if (cursor) query.set('cursor', cursor);
		const page = await client.api('GET', `/executions?${query}`);
		all.push(...page.data.map(withStatus));
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

/**
 * Every execution n8n recorded for a workflow, newest first, without run data. The public list
 * leaves out executions still running unless asked for status=running, so both are read: running
 * first, so one that finishes in between is still seen (in the second list).
 */
export async function listExecutions(client, workflowId) {
	const byId = new Map();
	let running = [];
	try {
		running = await executionPages(client, workflowId, 'running');
	} catch (error) {
		// n8n before 1.85 cannot filter on "running" (its list leaves running ones out anyway).
		if (!/ -> 400: .*allowed values/.test(error.message)) throw error;
	}
	for (const e of running) byId.set(e.id, e);
	for (const e of await executionPages(client, workflowId)) byId.set(e.id, e);
	return [...byId.values()].sort((a, b) => Number(b.id) - Number(a.id));
}

/** Executions of a workflow counted by status, e.g. { success: 1, error: 0, total: 1 }. */
export async function countExecutions(client, workflowId) {
	const counts = { total: 0 };
	for (const execution of await listExecutions(client, workflowId)) {
		counts[execution.status] = (counts[execution.status] ?? 0) + 1;
		counts.total++;
	}
	return counts;
}

/**
 * Waits (bounded) until n8n has recorded at least `count` finished executions of the workflow,
 * then returns all its executions. Running/new/waiting ones do not count as finished.
 */
export async function waitForExecutions(client, workflowId, { count, timeoutMs = 30_000 }) {
	return pollUntil(
		async () => {
			const executions = await listExecutions(client, workflowId);
			const finished = executions.filter((e) => !['new', 'running', 'waiting'].includes(e.status));
			return finished.length >= count ? executions : undefined;
		},
		{ timeoutMs, intervalMs: 300, what: `${count} finished execution(s) of workflow ${workflowId}` },
	);
}

/** n8n's own "Retry" of a failed execution (public API); the new execution's record. */
export async function retryExecution(client, executionId) {
	return client.api('POST', `/executions/${executionId}/retry`, { loadWorkflow: false });
}

/** One execution with its run data (`data.resultData.runData`), as n8n stored it. */
export async function getExecution(client, executionId) {
	return withStatus(await client.api('GET', `/executions/${executionId}?includeData=true`));
}

/** The JSON of each item a node put on its first output in an execution fetched with data. */
export function nodeOutput(execution, nodeName) {
	const runs = execution.data?.resultData?.runData?.[nodeName];
	if (!Array.isArray(runs) || runs.length === 0) throw new Error(`node "${nodeName}" did not run`);
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}`);
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}
