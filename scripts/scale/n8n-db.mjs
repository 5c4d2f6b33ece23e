// What the scale scenarios read from n8n's Postgres database directly: execution counts (cheaper
// than paging the public API while thousands are queued) and Remove Duplicates' stored record.
import { pollUntil } from '../e2e/server.mjs';

/** n8n ids are letters and digits; anything else must not reach a query. */
function checkedId(id) {
	if (!/^[A-Za-z0-9]+$/.test(String(id))) throw new Error(`unexpected n8n id: ${id}`);
	return id;
}

/** Executions of a workflow: { unfinished (new, running, waiting), total, error }. */
export async function executionCounts(postgres, workflowId) {
	const rows = await postgres.query(
		`select count(*) filter (where status in ('new', 'running', 'waiting')), count(*),` +
			` count(*) filter (where status in ('error', 'crashed'))` +
			` from execution_entity where "workflowId" = '${checkedId(workflowId)}'`,
	);
	const [unfinished, total, error] = rows[0].map(Number);
	return { unfinished, total, error };
}

/**
 * Waits until the workflows have at least `atLeast[i]` executions each (0 when not given) and none
 * is queued or running any more.
 */
export async function drained(postgres, workflowIds, atLeast = []) {
	await pollUntil(
		async () => {
			for (const [i, id] of workflowIds.entries()) {
				const counts = await executionCounts(postgres, id);
				if (counts.unfinished > 0 || counts.total < (atLeast[i] ?? 0)) return false;
			}
			return true;
		},
		{ timeoutMs: 300_000, intervalMs: 500, what: 'the workers to run every queued execution' },
	);
}

/**
 * How many keys Remove Duplicates ("items processed in previous executions") has stored for a
 * workflow: n8n keeps one row per workflow and node scope whose value lists the keys' hashes.
 */
export async function removeDuplicatesKeys(postgres, workflowId) {
	const rows = await postgres.query(
		`select coalesce(sum(json_array_length((value::json)->'data')), 0) from processed_data` +
			` where "workflowId" = '${checkedId(workflowId)}'`,
	);
	return Number(rows[0]?.[0] ?? 0);
}
