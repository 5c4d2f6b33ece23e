import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { StripeClient } from '../../shared/transport/stripeClient';
import type { CallScope, RowInput } from './common/rowInput';

export type RowResult = IDataObject | IDataObject[];

/** Every plan says how its calls go out; the rest is the operation's own. */
export interface Plan {
	scope: CallScope;
	/**
	 * What makes two rows the same request (for rows that share a reference): rows with the same
	 * reference and the same request would be done once by Stripe, so the batch refuses them.
	 */
	request?: unknown;
}

export interface SendContext {
	node: INode;
	itemIndex: number;
}

/**
 * One operation: `prepare` reads and checks every input of a row with no way to reach Stripe
 * (it gets a RowInput, which has no client); `send` does the calls with no way to read inputs (it
 * gets only the plan). The batch runner prepares every row before it sends any.
 */
export interface OperationSpec<P extends Plan> {
	description: INodeProperties[];
	prepare(row: RowInput): P;
	/**
	 * Optional reads that finish a plan before the batch writes anything (the currency of an item
	 * whose amount is given in major units). Every row's lookup runs before any row's send, and it
	 * gets a client that can only read.
	 */
	lookup?(stripe: StripeReader, plan: P, context: SendContext): Promise<P>;
	/**
	 * Optional reads for all rows at once, for lookups rows can share (one search finds ten rows'
	 * references). Runs instead of `lookup`, before any row's send, with up to `concurrency` calls
	 * at a time, starting none once the run is cancelled. Answers each row's finished plan, or the
	 * error that stops that row.
	 */
	lookupAll?(rows: Array<LookupRow<P>>, pace: LookupPace): Promise<Array<LookupOutcome<P>>>;
	send(stripe: StripeClient, plan: P, context: SendContext): Promise<RowResult>;
}

/** One row in a batch-level lookup: its plan, its read-only client (its Connect account) and where it is. */
export interface LookupRow<P> {
	plan: P;
	stripe: StripeReader;
	context: SendContext;
}

export type LookupOutcome<P> = { plan: P } | { error: unknown };

export interface LookupPace {
	concurrency: number;
	cancelled: () => boolean;
}

/** The read-only part of the client, for lookups. */
export type StripeReader = Pick<StripeClient, 'get' | 'pages' | 'collect'>;

/** A row that passed prepare: its call scope and its send, bound to its plan. */
export interface PreparedRow {
	scope: CallScope;
	request?: unknown;
	lookup?(stripe: StripeReader, context: SendContext): Promise<void>;
	send(stripe: StripeClient, context: SendContext): Promise<RowResult>;
}

/** A prepared row in a batch-level lookup; answers the error that stops it, if any. */
export type PreparedLookup = Omit<LookupRow<unknown>, 'plan'> & { row: PreparedRow };

export interface OperationModule {
	description: INodeProperties[];
	prepare(row: RowInput): PreparedRow;
	lookupAll?(rows: PreparedLookup[], pace: LookupPace): Promise<unknown[]>;
}

export function defineOperation<P extends Plan>(spec: OperationSpec<P>): OperationModule {
	// Each prepared row's plan, for the batch-level lookup to read and replace.
	const plans = new WeakMap<PreparedRow, { plan: P }>();
	const lookupAll = spec.lookupAll;
	return {
		description: spec.description,
		prepare(row) {
			const state = { plan: spec.prepare(row) };
			const lookup = spec.lookup;
			const prepared: PreparedRow = {
				scope: state.plan.scope,
				request: state.plan.request,
				lookup: lookup
					? async (stripe, context) => {
							state.plan = await lookup(stripe, state.plan, context);
						}
					: undefined,
				send: async (stripe, context) => await spec.send(stripe, state.plan, context),
			};
			plans.set(prepared, state);
			return prepared;
		},
		lookupAll: lookupAll
			? async (rows, pace) => {
					const states = rows.map(({ row }) => plans.get(row)!);
					const jobs = rows.map(({ stripe, context }, index) => ({
						plan: states[index].plan,
						stripe,
						context,
					}));
					const outcomes = await lookupAll(jobs, pace);
					return outcomes.map((outcome, index) => {
						if ('error' in outcome) return outcome.error;
						states[index].plan = outcome.plan;
						return undefined;
					});
				}
			: undefined,
	};
}
