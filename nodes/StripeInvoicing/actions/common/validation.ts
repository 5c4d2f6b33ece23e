import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../shared/errors';
import { InvalidValue } from './parse/invalid';

export { asNodeError };

/** Why a row was rejected before any Stripe call; the batch runner puts it into the row. */
export interface InputProblem extends IDataObject {
	message: string;
	type: 'validation_error';
	param: string;
}

/** An error naming the field and the row, raised before anything is sent to Stripe. */
export function invalidInput(
	node: INode,
	itemIndex: number,
	field: string,
	message: string,
	description = `Nothing was sent to Stripe for item ${itemIndex}.`,
): NodeOperationError {
	const error = new NodeOperationError(node, `${field}: ${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
	const problem: InputProblem = { message: `${field}: ${message}`, type: 'validation_error', param: field };
	error.context.inputProblem = problem;
	return error;
}

export function readInputProblem(error: unknown): InputProblem | undefined {
	if (!(error instanceof NodeOperationError)) return undefined;
	return error.context.inputProblem as InputProblem | undefined;
}


/** A parser's complaint as an error naming the field and the row, where no RowInput is at hand. */
export function checkField<T>(where: { node: INode; itemIndex: number }, field: string, parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		if (error instanceof InvalidValue) throw invalidInput(where.node, where.itemIndex, field, error.message);
		throw asNodeError(where.node, error);
	}
}
