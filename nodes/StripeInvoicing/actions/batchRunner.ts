import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openSession } from '../../shared/transport/openSession';
import { StripeClient } from '../../shared/transport/stripeClient';
import type { StripeSession } from '../../shared/transport/session';
import { readBatchSettings } from './common/batchOptions';
import { RowInput } from './common/rowInput';
import { invalidInput } from './common/validation';
import type { OperationModule, PreparedRow } from './operation';
import { errorForRow, errorRowJson } from './rowErrors';
import { describeRows, sharedReferenceProblems } from './sharedReferences';

type RowOutcome = { ok: true; objects: IDataObject[] } | { ok: false; error: unknown };

export interface RoutedOperation {
	module: OperationModule;
	/** Scopes the idempotency keys derived from a row's reference (`invoice.finalize`). */
	keyOperation: string;
	/** A reference names one row's billing event: rows of a batch may not share one. */
	referencePerRow: boolean;
}

/**
 * The single owner of the item loop. Two phases: every row is prepared (read and checked, no
 * network) before any row is sent, so a bad row 37 stops the run before rows 0–36 are billed.
 * Every input row yields exactly one output row paired to it (list and search operations: one
 * per object found), in input order, however many rows run at once. A failing row either stops
 * the run with an error naming the row, or, under continue-on-fail, becomes an output row
 * carrying the error while the other rows go on.
 */
export async function runRows(
	ctx: IExecuteFunctions,
	operation: RoutedOperation,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[]];
	const settings = readBatchSettings(ctx);
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Array<RowOutcome | undefined> = new Array(items.length);
	const prepared: Array<PreparedRow | undefined> = new Array(items.length);

	const reject = (itemIndex: number, error: unknown) => {
		if (!continueOnFail) throw errorForRow(ctx, error, itemIndex);
		outcomes[itemIndex] = { ok: false, error };
		prepared[itemIndex] = undefined;
	};
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			prepared[itemIndex] = operation.module.prepare(new RowInput(ctx, itemIndex));
		} catch (error) {
			reject(itemIndex, error);
		}
	}
	for (const problem of sharedReferenceProblems(prepared, operation.referencePerRow)) {
		reject(problem.itemIndex, invalidInput(ctx.getNode(), problem.itemIndex, problem.field, problem.message));
	}
	const occurrences = countOccurrences(prepared);

	const session = await openSession(ctx, settings);
	const clientFor = (itemIndex: number) =>
		rowClient(ctx, operation, prepared[itemIndex]!, itemIndex, session, occurrences[itemIndex]);
	const cancelled = () => ctx.getExecutionCancelSignal?.()?.aborted === true;

	// Lookups (reads that finish a plan) for every row before any row writes.
	const lookupAll = operation.module.lookupAll;
	if (lookupAll) {
		const indexes = [...prepared.keys()].filter((itemIndex) => prepared[itemIndex]);
		const rows = indexes.map((itemIndex) => ({
			row: prepared[itemIndex]!,
			stripe: clientFor(itemIndex),
			context: { node: ctx.getNode(), itemIndex },
		}));
		const errors = await lookupAll(rows, { concurrency: settings.concurrency, cancelled });
		indexes.forEach((itemIndex, position) => {
			if (errors[position] !== undefined) reject(itemIndex, errors[position]);
		});
	} else if (prepared.some((row) => row?.lookup)) {
		const failures = new Map<number, unknown>();
		await eachRow(items.length, settings.concurrency, cancelled, async (itemIndex) => {
			const row = prepared[itemIndex];
			if (!row?.lookup) return true;
			try {
				await row.lookup(clientFor(itemIndex), { node: ctx.getNode(), itemIndex });
				return true;
			} catch (error) {
				failures.set(itemIndex, error);
				return continueOnFail;
			}
		});
		for (const [itemIndex, error] of [...failures].sort(([a], [b]) => a - b)) reject(itemIndex, error);
	}

	// Rows already sent always finish, so a stop never leaves a row half-done.
	await eachRow(items.length, settings.concurrency, cancelled, async (itemIndex) => {
		const row = prepared[itemIndex];
		if (!row) return true; // rejected before sending
		const stripe = clientFor(itemIndex);
		prepared[itemIndex] = undefined;
		outcomes[itemIndex] = await sendRow(ctx, row, itemIndex, stripe);
		return outcomes[itemIndex].ok || continueOnFail;
	});

	const firstFailure = outcomes.findIndex((outcome) => outcome?.ok === false);
	if (firstFailure !== -1 && !continueOnFail) {
		throw stopError(ctx, outcomes, firstFailure);
	}
	if (outcomes.some((outcome) => outcome === undefined)) {
		throw new NodeOperationError(ctx.getNode(), 'The execution was cancelled before every row was sent', {
			description: `Rows not started: ${describeRows(unstarted(outcomes))}.`,
		});
	}

	const output: INodeExecutionData[] = [];
	outcomes.forEach((outcome, itemIndex) => {
		// List and search operations answer one row with many objects, each paired to that row.
		const objects = outcome!.ok ? outcome!.objects : [errorRowJson(outcome!.error, itemIndex)];
		for (const json of objects) output.push({ json, pairedItem: { item: itemIndex } });
	});
	return [output];
}

/** For each row with a reference: how many earlier rows share it (their keys must differ). */
function countOccurrences(prepared: Array<PreparedRow | undefined>): number[] {
	const seen = new Map<string, number>();
	return prepared.map((row) => {
		const reference = row?.scope.reference;
		if (reference === undefined) return 0;
		const count = seen.get(reference) ?? 0;
		seen.set(reference, count + 1);
		return count;
	});
}

/**
 * Runs `work` for rows 0..count-1, `concurrency` at a time, each worker taking the next row when
 * it is free. A row whose work answers false stops new rows from starting.
 */
async function eachRow(
	count: number,
	concurrency: number,
	cancelled: () => boolean,
	work: (itemIndex: number) => Promise<boolean>,
): Promise<void> {
	let next = 0;
	let stopping = false;
	const worker = async (): Promise<void> => {
		while (!stopping && next < count && !cancelled()) {
			if (!(await work(next++))) stopping = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

function rowClient(
	ctx: IExecuteFunctions,
	operation: RoutedOperation,
	row: PreparedRow,
	itemIndex: number,
	session: StripeSession,
	occurrence: number,
): StripeClient {
	const { reference, stripeAccount } = row.scope;
	return new StripeClient(ctx, {
		itemIndex,
		stripeAccount,
		session,
		keys: reference === undefined ? undefined : { reference, operation: operation.keyOperation, occurrence },
	});
}

async function sendRow(
	ctx: IExecuteFunctions,
	row: PreparedRow,
	itemIndex: number,
	stripe: StripeClient,
): Promise<RowOutcome> {
	const reference = row.scope.reference;
	try {
		const result = await row.send(stripe, { node: ctx.getNode(), itemIndex });
		const objects = (Array.isArray(result) ? result : [result]) as IDataObject[];
		// A row with a reference says whether Stripe answered its writes from an earlier request.
		if (reference !== undefined && !Array.isArray(result))
			objects[0] = { ...objects[0], replayed: objects[0].replayed ?? stripe.replayedWrites > 0 };
		return { ok: true, objects };
	} catch (error) {
		return { ok: false, error };
	}
}

function unstarted(outcomes: Array<RowOutcome | undefined>): number[] {
	return [...outcomes.keys()].filter((index) => outcomes[index] === undefined);
}

/**
 * The run stops at the first failing row in input order. Rows after it that were already under
 * way when it failed did reach Stripe: say so, so nobody re-runs them blind.
 */
function stopError(ctx: IExecuteFunctions, outcomes: Array<RowOutcome | undefined>, failed: number) {
	const error = errorForRow(ctx, (outcomes[failed] as { error: unknown }).error, failed);
	const doneAfter = [...outcomes.keys()].filter((index) => index > failed && outcomes[index]?.ok === true);
	if (doneAfter.length > 0) {
		const note = `Rows after it that were already running completed at Stripe: ${describeRows(doneAfter)}. Give rows a Reference so a re-run skips what is done.`;
		error.description = [error.description, note].filter(Boolean).join(' ');
	}
	return error;
}
