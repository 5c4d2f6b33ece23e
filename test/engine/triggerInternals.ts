// The trigger's internals the harness needs: opening the sealed signing secret the node stored (to
// sign synthetic deliveries the way Stripe would), and running the endpoint removals a deactivation
// schedules (instead of waiting out the grace period). Kept apart so that the harness depends on no
// other node internals.
import type { IDataObject } from 'n8n-workflow';

import { runPendingRemovals, setRemovalWait } from '../../nodes/StripeInvoicingTrigger/webhook/removal';
import { openSecret } from '../../nodes/StripeInvoicingTrigger/webhook/sealedSecret';

// Removals wait for runPendingRemovals(), not for a timer: tests decide when the grace period ends.
setRemovalWait(() => new Promise<void>(() => {}));

export interface NodeIdentity {
	workflowId: string;
	nodeId: string;
	apiKey: string;
}

/** The endpoint id and the signing secret the node keeps for production (or a test listen). */
export function storedSecret(
	nodeData: IDataObject,
	_url: string,
	isTest: boolean,
	{ workflowId, nodeId, apiKey }: NodeIdentity,
): { endpointId: string; secret: string } | undefined {
	const all = (nodeData.sealedEndpoints ?? {}) as Record<
		string,
		{ endpointId: string; sealedSecret: string }
	>;
	const entry = all[isTest ? 'test' : 'production'];
	if (!entry) return undefined;
	const secret = openSecret(entry.sealedSecret, apiKey, { workflowId, nodeId, endpointId: entry.endpointId });
	return secret ? { endpointId: entry.endpointId, secret } : undefined;
}

/** Ends the grace period of every removal a deactivation scheduled. */
export async function endGracePeriods(): Promise<void> {
	await runPendingRemovals();
}
