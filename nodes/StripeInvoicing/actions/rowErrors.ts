import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactDeep, redactSecrets } from '../../shared/transport/redact';
import { readStripeDetails } from '../../shared/transport/stripeError';
import { readInputProblem } from './common/validation';

const PARTIAL_RESULT = 'partialResult';

/** Records what a multi-step operation had done when it failed; the error row carries it. */
export function attachPartialResult(error: unknown, partial: IDataObject): unknown {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context[PARTIAL_RESULT] = partial;
	}
	return error;
}

function errorMessage(error: unknown): string {
	return redactSecrets(error instanceof Error ? error.message : String(error));
}

export { asNodeError } from './common/validation';

/** Masks the key in every string an error carries: message, description, context, cause. */
function redactError<E extends Error & { description?: string | null; context?: IDataObject }>(error: E): E {
	error.message = redactSecrets(error.message);
	if (typeof error.description === 'string') error.description = redactSecrets(error.description);
	if (error.stack) error.stack = redactSecrets(error.stack);
	redactDeep(error.context);
	redactDeep((error as { cause?: unknown }).cause);
	redactDeep((error as { messages?: unknown }).messages);
	return error;
}

/** The error n8n shows when a row fails without continue-on-fail: it always names the row. */
export function errorForRow(ctx: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return redactError(error);
	}
	// Expression and parameter errors from n8n itself: keep their words, add the row.
	return new NodeOperationError(ctx.getNode(), `${errorMessage(error)} [item ${itemIndex}]`, {
		itemIndex,
		description: (error as { description?: string }).description ?? undefined,
	});
}

/** The output row for a failed input row under continue-on-fail. */
export function errorRowJson(error: unknown, itemIndex: number): IDataObject {
	const details: IDataObject = readStripeDetails(error) ??
		readInputProblem(error) ?? { message: errorMessage(error), type: 'node_error' };
	const partial = (error as { context?: IDataObject }).context?.[PARTIAL_RESULT] as IDataObject | undefined;
	return redactDeep({ ...partial, error: { ...details, itemIndex } });
}
