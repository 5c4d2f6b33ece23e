import type { IHookFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { endpoints } from '../../shared/transport/endpoints';
import { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { redactSecrets } from '../../shared/transport/redact';
import {
	activationStampOf,
	belongsTo,
	modeOf,
	ownerKey,
	ownerOf,
	type StripeWebhookEndpoint,
} from './endpointOwner';
import { deleteEndpoint, listEndpoints } from './stripeEndpoints';
import { forgetProcessMemory } from './seenEvents';
import { forgetEndpoint, noteLeftBehind, storedEndpoint } from './storedEndpoints';

/**
 * n8n 2.41 calls the webhook's delete() both when a workflow is unpublished and, when a new version
 * changes the node, just before it activates that version: the two cannot be told apart from inside
 * delete(). So a production endpoint is removed a few seconds later, unless an activation of the
 * same node claimed it meanwhile (in this process it cancels the removal; in any process it writes a
 * new activation stamp into the endpoint's metadata, which the removal checks first). Changing the
 * Events then updates the endpoint in place, keeping its id, its secret and Stripe's pending retries.
 */
export const REMOVAL_GRACE_MS = 5_000;

type Wait = (ms: number) => Promise<void>;
let wait: Wait = async (ms) => await sleep(ms);
const pending = new Map<string, () => Promise<void>>();
const running = new Set<Promise<void>>();

/** Tests: how removals wait (e.g. never, then runPendingRemovals()). */
export function setRemovalWait(next: Wait): void {
	wait = next;
}

/** Tests: runs every scheduled removal now, and waits for those already running. */
export async function runPendingRemovals(): Promise<void> {
	await Promise.all([...pending.values()].map(async (run) => await run()));
	await Promise.all([...running]);
}

/**
 * An activation of the node claims its endpoint: the removal scheduled for it waits. The returned
 * function gives it back (runs it now) for an activation that failed, which leaves nothing to serve.
 */
export function pauseRemoval(key: string): () => void {
	const run = pending.get(key);
	if (!run) return () => {};
	pending.delete(key);
	return () => {
		if (pending.has(key)) return;
		pending.set(key, run);
		void run();
	};
}

interface Listed {
	id: string;
	stamp: string | undefined;
}

async function removeUnclaimed(ctx: IHookFunctions, key: string, listed: Listed[]): Promise<void> {
	const client = new StripeClient(ctx, { session: { maxAttempts: 3 } });
	let removedAll = true;
	for (const { id, stamp } of listed) {
		try {
			const current = await client.get<StripeWebhookEndpoint>(endpoints.webhookEndpoint(id));
			if (activationStampOf(current) !== stamp) {
				removedAll = false; // activated again since: it serves the new version
				continue;
			}
			await client.del(endpoints.webhookEndpoint(id));
		} catch (error) {
			if (stripeErrorKind(error) === 'not_found') continue;
			removedAll = false;
			ctx.logger.error(
				`Stripe Invoicing Trigger could not delete webhook endpoint ${id}: ${redactSecrets(String((error as Error).message))}. ` +
					'It stays registered at Stripe until the workflow is published again, which removes it, or you delete it in the Stripe Dashboard (Developers → Webhooks).',
				{ node: ctx.getNode().name, workflowId: ctx.getWorkflow().id },
			);
		}
	}
	if (removedAll) forgetProcessMemory(key);
}

function schedule(ctx: IHookFunctions, key: string, listed: Listed[]): void {
	const run = async (): Promise<void> => {
		if (pending.get(key) !== run) return; // claimed by an activation, or run already
		pending.delete(key);
		const removal = removeUnclaimed(ctx, key, listed);
		running.add(removal);
		try {
			await removal;
		} finally {
			running.delete(removal);
		}
	};
	pending.set(key, run);
	void wait(REMOVAL_GRACE_MS).then(run);
}

function leftBehindMessage(ids: string[], error: unknown): string {
	const reason = redactSecrets(error instanceof Error ? error.message : String(error));
	const which = ids.length > 0 ? ids.join(', ') : 'of this node';
	return `Could not remove the Stripe webhook endpoint ${which}: ${reason}. It stays registered at Stripe; publishing the workflow again removes it, or delete it in the Stripe Dashboard (Developers → Webhooks).`;
}

/**
 * n8n calls delete() the same way for both (mode 'internal', activation 'update'); the URL tells
 * them apart. An endpoint of this node at this URL decides; with none there (deleted by hand, or a
 * production endpoint still at an old WEBHOOK_URL), the test listen's own entry does: n8n keeps a
 * test listen's static data apart from the workflow's, so a production delete() never sees one
 * (except one planted, which then only has an endpoint of this node at this URL to lose to).
 */
function isTestListen(mine: StripeWebhookEndpoint[], url: string, testEntryUrl: string | undefined): boolean {
	const here = mine.filter((e) => e.url === url);
	if (here.some((e) => modeOf(e) === 'production')) return false;
	if (here.some((e) => modeOf(e) === 'test')) return true;
	return testEntryUrl === url;
}

/**
 * Deactivation (unpublish, or the end of a test listen). Test endpoints go at once. Production
 * endpoints of this node (found by metadata, whatever their URL) are removed after the grace period
 * unless claimed again. When Stripe cannot be reached, the endpoint stays: n8n's log says so, static
 * data notes it, and the next activation removes it. delete() does not throw for it: n8n 1.x then
 * saves no static data and keeps the workflow's webhook rows, so the note is lost and publishing
 * again fails with "The URL path … is already taken" (measured on 1.123.81); n8n 2.41 only logs it.
 */
export async function deactivateEndpoint(ctx: IHookFunctions): Promise<void> {
	const owner = ownerOf(ctx);
	const staticData = ctx.getWorkflowStaticData('node');
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	const testEntry = storedEndpoint(staticData, 'test');
	let all: StripeWebhookEndpoint[];
	try {
		all = await listEndpoints(new StripeClient(ctx, { session: { maxAttempts: 3 } }));
	} catch (error) {
		const mode = testEntry && testEntry.url === url ? 'test' : 'production';
		const stored = storedEndpoint(staticData, mode);
		const ids = stored ? [stored.endpointId] : [];
		if (mode === 'production') {
			noteLeftBehind(staticData, {
				at: new Date().toISOString(),
				endpointIds: ids,
				reason: redactSecrets(error instanceof Error ? error.message : String(error)),
			});
		}
		ctx.logger.error(leftBehindMessage(ids, error), {
			node: ctx.getNode().name,
			workflowId: ctx.getWorkflow().id,
		});
		return;
	}
	const mine = all.filter((e) => belongsTo(e, owner));
	if (isTestListen(mine, url, testEntry?.url)) {
		const client = new StripeClient(ctx);
		for (const endpoint of mine.filter((e) => modeOf(e) === 'test')) {
			await deleteEndpoint(ctx, client, endpoint.id);
		}
		forgetEndpoint(staticData, 'test');
		return;
	}
	const production = mine.filter((e) => modeOf(e) === 'production');
	if (production.length === 0) return;
	schedule(
		ctx,
		ownerKey(owner),
		production.map((e) => ({ id: e.id, stamp: activationStampOf(e) })),
	);
}
