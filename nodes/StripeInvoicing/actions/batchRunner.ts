import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openSession } from '../../shared/transport/openSession';
import { StripeClient } from '../../shared/transport/stripeClient';
import type { StripeSession } from '../../shared/transport/session';
import { readBatchSettings, type BatchSettings } from './common/batchOptions';
import { RowInput } from './common/rowInput';
import { invalidInput } from './common/validation';
import type { LookupRow, OperationModule, Plan, SendContext } from './operation';
import { runPool } from './pool';
import { errorForRow, errorRowJson } from './rowErrors';
import { describeRows, sharedReferenceProblems } from './sharedReferences';

export interface RoutedOperation {
	module: OperationModule;
	/** The operation's name in the idempotency keys derived from a row's reference (`invoice.finalize`). */
	keyScope: string;
	/** A reference names one row's billing event: rows of a batch may not share one. */
	referencePerRow: boolean;
	/**
	 * A dry run writes nothing: every row comes out, a row that would fail with its error (as under
	 * continue-on-fail), so one run shows every problem of the batch.
	 */
	dryRun?: boolean;
}

type RowOutcome = { ok: true; objects: IDataObject[] } | { ok: false; error: unknown };

/** One input row on its way through the phases: prepared (a plan), looked up, sent; or stopped. */
interface RowState {
	readonly itemIndex: number;
	/** Set by prepare; replaced by the lookup's finished plan. */
	plan?: Plan;
	/** Set when the row is finished: what it outputs, or the error it stopped with. */
	outcome?: RowOutcome;
}

const waiting = (row: RowState): row is RowState & { plan: Plan } => !!row.plan && !row.outcome;

/**
 * The single owner of the item loop, in phases: every row is prepared (read and checked, no
 * network), then the batch is checked as a whole, then every row's lookups (reads) run, and only
 * then does any row write. So a bad row 37, or a clash the lookups find on row 11, stops the run
 * before rows 0–36 are billed. Every input row yields exactly one output row paired to it (list
 * and search operations: one per object found), in input order, however many rows run at once.
 * A failing row either stops the run with an error naming the row, or, under continue-on-fail,
 * becomes an output row carrying the error while the other rows go on.
 */
export async function runRows(
	ctx: IExecuteFunctions,
	operation: RoutedOperation,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[]];
	const batch = new Batch(ctx, operation, items.length);
	batch.prepare();
	batch.checkSharedReferences();
	const session = await openSession(ctx, batch.settings);
	await batch.lookUp(session);
	await batch.send(session);
	return [batch.output()];
}

class Batch {
	readonly settings: BatchSettings;

	private readonly continueOnFail: boolean;

	private readonly rows: RowState[];

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly operation: RoutedOperation,
		count: number,
	) {
		this.settings = readBatchSettings(ctx);
		this.continueOnFail = ctx.continueOnFail() || operation.dryRun === true;
		this.rows = Array.from({ length: count }, (_, itemIndex) => ({ itemIndex }));
	}

	/** Phase 1: read and check every row, cross-field checks included; no network. */
	prepare(): void {
		for (const row of this.rows) {
			try {
				const input = new RowInput(this.ctx, row.itemIndex);
				const plan = this.operation.module.prepare(input);
				input.finish(plan.scope);
				row.plan = plan;
			} catch (error) {
				this.stop(row, error);
			}
		}
	}

	/** Phase 2: rows that would share an idempotency key are refused before anything is sent. */
	checkSharedReferences(): void {
		const planned = this.rows.filter(waiting);
		for (const problem of sharedReferenceProblems(planned, this.operation.referencePerRow)) {
			const error = invalidInput(this.ctx.getNode(), problem.itemIndex, problem.field, problem.message);
			this.stop(this.rows[problem.itemIndex], error);
		}
	}

	/**
	 * Phase 3: the reads that finish plans, for every row before any row writes. What they find
	 * wrong (a reference that names another order, an amount above the cap) stops those rows here,
	 * and without continue-on-fail the whole run, exactly like a validation error.
	 */
	async lookUp(session: StripeSession): Promise<void> {
		const { lookup, lookupAll } = this.operation.module;
		if (!lookup && !lookupAll) return;
		const failures = new Map<RowState, unknown>();
		if (lookupAll) {
			const jobs = new Map<LookupRow<Plan>, RowState>();
			for (const row of this.rows.filter(waiting)) jobs.set(this.lookupRow(row, session), row);
			const outcomes = await lookupAll([...jobs.keys()], this.pace());
			for (const outcome of outcomes) {
				const row = jobs.get(outcome.row)!;
				if ('error' in outcome) failures.set(row, outcome.error);
				else row.plan = outcome.plan;
			}
		} else {
			await runPool(this.rows.filter(waiting), this.pace(), async (row) => {
				try {
					const job = this.lookupRow(row, session);
					row.plan = await lookup!(job.stripe, job.plan, job.context);
					return true;
				} catch (error) {
					failures.set(row, error);
					return this.continueOnFail;
				}
			});
		}
		for (const [row, error] of [...failures].sort(([a], [b]) => a.itemIndex - b.itemIndex))
			this.stop(row, error);
	}

	/** Phase 4: the writes. Rows already sent always finish, so a stop never leaves a row half-done. */
	async send(session: StripeSession): Promise<void> {
		await runPool(this.rows.filter(waiting), this.pace(), async (row) => {
			const stripe = this.client(row, session);
			row.outcome = await sendRow(this.operation.module, row.plan!, stripe, this.context(row));
			return row.outcome.ok || this.continueOnFail;
		});
	}

	/** One output row per input row (or per object found), in input order, each paired to its row. */
	output(): INodeExecutionData[] {
		const firstFailure = this.rows.find((row) => row.outcome?.ok === false);
		if (firstFailure && !this.continueOnFail) throw this.stopError(firstFailure);
		const unstarted = this.rows.filter((row) => !row.outcome).map((row) => row.itemIndex);
		if (unstarted.length > 0) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The execution was cancelled before every row was sent',
				{
					description: `Rows not started: ${describeRows(unstarted)}.`,
				},
			);
		}
		return this.rows.flatMap(({ itemIndex, outcome }) => {
			const failed = (error: unknown) => ({
				...errorRowJson(error, itemIndex),
				...(this.operation.dryRun ? { previewOnly: true } : {}),
			});
			const objects = outcome!.ok ? outcome!.objects : [failed(outcome!.error)];
			return objects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		});
	}

	/** A row stops: without continue-on-fail the run stops with it, naming the row. */
	private stop(row: RowState, error: unknown): void {
		if (!this.continueOnFail) throw errorForRow(this.ctx, error, row.itemIndex);
		row.outcome = { ok: false, error };
	}

	private pace() {
		const cancelled = () => this.ctx.getExecutionCancelSignal?.()?.aborted === true;
		return { concurrency: this.settings.concurrency, cancelled };
	}

	private context(row: RowState): SendContext {
		return { node: this.ctx.getNode(), itemIndex: row.itemIndex };
	}

	private lookupRow(row: RowState & { plan: Plan }, session: StripeSession): LookupRow<Plan> {
		return { plan: row.plan, stripe: this.client(row, session), context: this.context(row) };
	}

	/** The row's client: its Connect account, and keys derived from its reference and identity. */
	private client(row: RowState & { plan?: Plan }, session: StripeSession): StripeClient {
		const { scope, identity } = row.plan!;
		return new StripeClient(this.ctx, {
			itemIndex: row.itemIndex,
			stripeAccount: scope.stripeAccount,
			session,
			keys:
				scope.reference === undefined
					? undefined
					: { reference: scope.reference, operation: this.operation.keyScope, identity },
		});
	}

	/**
	 * The run stops at the first failing row in input order. Rows after it that were already under
	 * way when it failed did reach Stripe: say so, so nobody re-runs them blind.
	 */
	private stopError(failed: RowState) {
		const error = errorForRow(this.ctx, (failed.outcome as { error: unknown }).error, failed.itemIndex);
		const doneAfter = this.rows
			.filter((row) => row.itemIndex > failed.itemIndex && row.outcome?.ok === true)
			.map((row) => row.itemIndex);
		if (doneAfter.length > 0) {
			const note = `Rows after it that were already running completed at Stripe: ${describeRows(doneAfter)}. Give rows a Reference so a re-run skips what is done.`;
			error.description = [error.description, note].filter(Boolean).join(' ');
		}
		return error;
	}
}

async function sendRow(
	module: OperationModule,
	plan: Plan,
	stripe: StripeClient,
	context: SendContext,
): Promise<RowOutcome> {
	try {
		const result = await module.send(stripe, plan, context);
		const objects = (Array.isArray(result) ? result : [result]) as IDataObject[];
		// A row with a reference says whether Stripe answered its writes from an earlier request.
		if (plan.scope.reference !== undefined && !Array.isArray(result))
			objects[0] = { ...objects[0], replayed: objects[0].replayed ?? stripe.replayedWrites > 0 };
		return { ok: true, objects };
	} catch (error) {
		return { ok: false, error };
	}
}
