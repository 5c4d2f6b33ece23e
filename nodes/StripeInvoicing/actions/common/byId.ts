import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripePath } from '../../../shared/transport/stripePath';
import type { StripeDeleted } from '../../../shared/transport/types';
import { defineOperation, type OperationModule } from '../operation';
import type { RowInput } from './rowInput';

/** The object an operation acts on: its locator parameter, display name and ID prefix. */
export interface Target {
	name: string;
	field: string;
	prefix: string;
}

interface ByIdSpec<T> {
	description: INodeProperties[];
	target: Target;
	path: (id: string) => StripePath;
	shape: (simplify: boolean, object: T) => IDataObject;
}

/** Get: one object by ID, with Expand and Simplify. */
export function getById<T>({ description, target, path, shape }: ByIdSpec<T>): OperationModule {
	return defineOperation({
		description,
		prepare(row) {
			const options = row.options();
			return {
				scope: row.callScope(options),
				id: row.locator(target.name, target.field, target.prefix),
				expand: row.expand(options),
				simplify: row.simplify(),
			};
		},
		async send(stripe, plan) {
			return shape(plan.simplify, await stripe.get<T>(path(plan.id), { expand: plan.expand }));
		},
	});
}

/** Delete: one object by ID; Stripe answers `{ id, object, deleted }`. */
export function deleteById({
	description,
	target,
	path,
}: Omit<ByIdSpec<StripeDeleted>, 'shape'>): OperationModule {
	return defineOperation({
		description,
		prepare(row) {
			return {
				scope: row.callScope(row.options()),
				id: row.locator(target.name, target.field, target.prefix),
			};
		},
		async send(stripe, plan) {
			return { ...(await stripe.del<StripeDeleted>(path(plan.id))) };
		},
	});
}

/**
 * A POST to one object (update, finalize, send, void…): the body is read from the row in
 * prepare, and the object comes back. Rows with one reference and the same target and body are
 * the same request (see sharedReferences).
 */
export function postById<T>({
	description,
	target,
	path,
	shape,
	body,
}: ByIdSpec<T> & { body: (row: RowInput, options: IDataObject) => object }): OperationModule {
	return defineOperation({
		description,
		prepare(row) {
			const id = row.locator(target.name, target.field, target.prefix);
			const options = row.options();
			const params = body(row, options);
			return { scope: row.callScope(options), request: { id, params }, id, params, simplify: row.simplify() };
		},
		async send(stripe, plan) {
			return shape(plan.simplify, await stripe.post<T>(path(plan.id), plan.params));
		},
	});
}
