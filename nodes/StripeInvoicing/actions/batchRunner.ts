import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { openSession, readBatchSettings } from './common/batchOptions';
import { PREFLIGHT_PASSED, RowInput } from './common/rowInput';
import type { RowHandler } from './operation';
import { errorForRow, errorRowJson } from './rowErrors';

type RowOutcome = { ok: true; objects: IDataObject[] } | { ok: false; error: unknown };

function describeRows(indexes: number[]): string {
	return indexes.length > 12
		? `${indexes.slice(0, 12).join(', ')} and ${indexes.length - 12} more`
		: indexes.join(', ');
}

/**
 * The single owner of the item loop: every input row yields exactly one output row paired to it
 * (list and search operations: one per object found), in input order, however many rows run at
 * once. A failing row either stops the run with an error naming the row, or, under
 * continue-on-fail, becomes an output row carrying the error while the other rows go on.
 */
export async function runRows(ctx: IExecuteFunctions, handler: RowHandler): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	if (items.length === 0) return [[]];
	const settings = readBatchSettings(ctx);
	const session = await openSession(ctx, settings);
	const continueOnFail = ctx.continueOnFail();
	const outcomes: Array<RowOutcome | undefined> = new Array(items.length);
	const checkedValues: Array<Map<string, unknown> | undefined> = new Array(items.length);

	// Pre-flight: every row's inputs are checked before the batch's first Stripe call, so a bad
	// row 37 stops the run before rows 0-36 are billed, not after.
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const values = new Map<string, unknown>();
		const problem = await preflight(ctx, handler, itemIndex, values);
		if (problem === undefined) {
			checkedValues[itemIndex] = values;
			continue;
		}
		if (!continueOnFail) throw errorForRow(ctx, problem.error, itemIndex);
		outcomes[itemIndex] = problem;
	}

	let next = 0;
	let stopping = false;
	const cancelled = () => ctx.getExecutionCancelSignal?.()?.aborted === true;
	// Each worker takes the next row when it is free; rows already sent always finish, so a stop
	// never leaves a row half-done.
	const worker = async (): Promise<void> => {
		while (!stopping && next < items.length && !cancelled()) {
			const itemIndex = next++;
			if (outcomes[itemIndex]) continue; // rejected in pre-flight
			const values = checkedValues[itemIndex];
			checkedValues[itemIndex] = undefined;
			outcomes[itemIndex] = await runRow(ctx, handler, new RowInput(ctx, itemIndex, { session, values }));
			if (!outcomes[itemIndex].ok && !continueOnFail) stopping = true;
		}
	};
	await Promise.all(Array.from({ length: Math.min(settings.concurrency, items.length) }, worker));

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

async function runRow(ctx: IExecuteFunctions, handler: RowHandler, row: RowInput): Promise<RowOutcome> {
	try {
		const result = await handler(ctx, row);
		return { ok: true, objects: (Array.isArray(result) ? result : [result]) as IDataObject[] };
	} catch (error) {
		return { ok: false, error };
	}
}

/** Runs the handler up to its first Stripe call; the row's input problem, if it has one. */
async function preflight(
	ctx: IExecuteFunctions,
	handler: RowHandler,
	itemIndex: number,
	values: Map<string, unknown>,
): Promise<{ ok: false; error: unknown } | undefined> {
	try {
		await handler(ctx, new RowInput(ctx, itemIndex, { preflight: true, values }));
		return undefined;
	} catch (error) {
		return error === PREFLIGHT_PASSED ? undefined : { ok: false, error };
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
