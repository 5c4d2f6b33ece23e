import type { INode, NodeConnectionType } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/**
 * The oldest n8n this package runs on: the oldest the e2e suite passed on (1.85.4), and the first
 * whose n8n-workflow (1.83) has NodeConnectionTypes, the newest engine API the nodes use. Below it
 * the nodes still load (so n8n can show them) but refuse to run, with an error that says so,
 * instead of failing somewhere deep inside or running on an engine nobody tested them on.
 */
export const MIN_N8N_VERSION = '1.85.0';

/**
 * n8n's "main" connection. NodeConnectionTypes first shipped in n8n-workflow 1.83 (n8n 1.85);
 * reading it unguarded made the node's constructor throw on older n8n, which then reported the
 * whole node type as unknown. The value is the same string either way.
 */
export const MAIN_CONNECTION: NodeConnectionType =
	(NodeConnectionTypes as { Main?: NodeConnectionType } | undefined)?.Main ?? ('main' as NodeConnectionType);

/** What a node's context offers, as far as the features this package relies on go. */
interface FeatureProbe {
	getNode(): INode;
	helpers?: object;
	getExecutionCancelSignal?: unknown;
}

/**
 * The engine features this package relies on that this n8n lacks (none on a supported n8n):
 * NodeConnectionTypes (n8n-workflow 1.83, the marker of n8n 1.85), credentials applied by
 * `helpers.httpRequestWithAuthentication`, and, where a batch runs, the execution's cancel signal
 * (without it, Stop would not stop a batch from billing its remaining rows).
 */
export function missingN8nFeatures(ctx: FeatureProbe, { cancelSignal = false } = {}): string[] {
	const missing: string[] = [];
	if ((NodeConnectionTypes as unknown) === undefined) missing.push('NodeConnectionTypes');
	const helpers = (ctx.helpers ?? {}) as { httpRequestWithAuthentication?: unknown };
	if (typeof helpers.httpRequestWithAuthentication !== 'function')
		missing.push('helpers.httpRequestWithAuthentication');
	if (cancelSignal && typeof ctx.getExecutionCancelSignal !== 'function')
		missing.push('getExecutionCancelSignal');
	return missing;
}

/** Stops before any Stripe call on an n8n older than MIN_N8N_VERSION, saying what to do. */
export function assertSupportedN8n(ctx: FeatureProbe, options: { cancelSignal?: boolean } = {}): void {
	const missing = missingN8nFeatures(ctx, options);
	if (missing.length === 0) return;
	throw new NodeOperationError(
		ctx.getNode(),
		`This n8n is too old for the Stripe Invoicing nodes: update n8n to ${MIN_N8N_VERSION} or newer. Nothing was sent to Stripe.`,
		// Both say what to do: an AI Agent of n8n before 2.x hands a failed tool's model the description only.
		{ description: `This n8n lacks: ${missing.join(', ')}. Update n8n to ${MIN_N8N_VERSION} or newer.` },
	);
}
