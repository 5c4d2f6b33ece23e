import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { StripeClient } from '../../shared/transport/stripeClient';
import type { CallScope, RowInput } from './common/rowInput';

export type RowResult = IDataObject | IDataObject[];

/** Every plan says how its calls go out; the rest is the operation's own. */
export interface Plan {
	scope: CallScope;
	/**
	 * What the row asks Stripe to do, apart from how much: the object it makes or acts on (a
	 * customer and a description, an invoice ID). With a reference, the row's idempotency keys are
	 * derived from the reference, the operation and this, and from nothing else: not the row's
	 * position, not the other rows. So a re-run of an edited batch (rows added, removed, reordered,
	 * a refused row fixed) asks Stripe for each earlier request under the key it had, and a row
	 * whose amount changed reuses its key with other values, which Stripe refuses instead of
	 * billing twice. Two rows of one batch with one reference and one identity would share a key:
	 * the batch refuses them.
	 */
	identity?: unknown;
}

export interface SendContext {
	node: INode;
	itemIndex: number;
}

/** The read-only part of the client, for lookups: reads, and previews, which create nothing. */
export type StripeReader = Pick<StripeClient, 'get' | 'pages' | 'collect' | 'preview'>;

/** One row in a batch-level lookup: its plan, its read-only client (its Connect account) and where it is. */
export interface LookupRow<P> {
	plan: P;
	stripe: StripeReader;
	context: SendContext;
}

/** What a batch-level lookup learned for one row: its finished plan, or the error that stops it. */
export type LookupOutcome<P> = { row: LookupRow<P>; plan: P } | { row: LookupRow<P>; error: unknown };

export interface LookupPace {
	concurrency: number;
	cancelled: () => boolean;
}

/**
 * One operation: `prepare` reads and checks every input of a row with no way to reach Stripe (it
 * gets a RowInput, which has no client); `send` does the calls with no way to read inputs (it
 * gets only the plan). The batch runner prepares every row, then looks up every row, then sends.
 */
export interface OperationModule<P extends Plan = Plan> {
	description: INodeProperties[];
	prepare(row: RowInput): P;
	/**
	 * Optional reads that finish a plan before the batch writes anything (the currency of an item
	 * whose amount is given in major units, the figures a cap is checked against). Every row's
	 * lookup runs before any row's send, with a client that can only read.
	 */
	lookup?(stripe: StripeReader, plan: P, context: SendContext): Promise<P>;
	/**
	 * Optional reads for all rows at once, for lookups rows can share (one search finds ten rows'
	 * references). Runs instead of `lookup`, before any row's send, starting no call once the run
	 * is cancelled. Answers an outcome for each row it was given.
	 */
	lookupAll?(rows: Array<LookupRow<P>>, pace: LookupPace): Promise<Array<LookupOutcome<P>>>;
	send(stripe: StripeClient, plan: P, context: SendContext): Promise<RowResult>;
}

/**
 * Declares an operation. The batch runner handles every operation alike, holding each row's plan
 * as a `Plan`; it only ever gives a plan back to the operation that made it.
 */
export function defineOperation<P extends Plan>(spec: OperationModule<P>): OperationModule {
	return spec as unknown as OperationModule;
}
