import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripePath } from '../../../shared/transport/stripePath';
import type { StripeDeleted } from '../../../shared/transport/types';
import { defineOperation, type OperationModule } from '../operation';
import type { LocatorSpec } from './locators';
import type { RowInput } from './rowInput';

interface ByIdSpec<T> {
	description: INodeProperties[];
	/** The object the operation acts on, named by its locator parameter. */
	target: LocatorSpec;
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
				id: row.locator(target),
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
				id: row.locator(target),
			};
		},
		async send(stripe, plan) {
			return { ...(await stripe.del<StripeDeleted>(path(plan.id))) };
		},
	});
}

/**
 * A POST to one object (update, finalize, send, void…): the body is read from the row in
 * prepare, and the object comes back. The object is what the row asks for (its identity), so a
 * re-run with other values under the same reference is refused by Stripe rather than done twice.
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
			const id = row.locator(target);
			const options = row.options();
			const params = body(row, options);
			return { scope: row.callScope(options), identity: { id }, id, params, simplify: row.simplify() };
		},
		async send(stripe, plan) {
			return shape(plan.simplify, await stripe.post<T>(path(plan.id), plan.params));
		},
	});
}
