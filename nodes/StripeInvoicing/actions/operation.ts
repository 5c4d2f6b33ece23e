import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { StripeClient } from '../transport/stripeClient';
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
	send(stripe: StripeClient, plan: P, context: SendContext): Promise<RowResult>;
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

export interface OperationModule {
	description: INodeProperties[];
	prepare(row: RowInput): PreparedRow;
}

export function defineOperation<P extends Plan>(spec: OperationSpec<P>): OperationModule {
	return {
		description: spec.description,
		prepare(row) {
			let plan = spec.prepare(row);
			const lookup = spec.lookup;
			return {
				scope: plan.scope,
				request: plan.request,
				lookup: lookup
					? async (stripe, context) => {
							plan = await lookup(stripe, plan, context);
						}
					: undefined,
				send: async (stripe, context) => await spec.send(stripe, plan, context),
			};
		},
	};
}
