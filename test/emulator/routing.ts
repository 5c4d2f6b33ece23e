// Route table types and path matching.
import type { ObjectKind } from './expand';
import type { EndpointSchema } from './param-schema';
import type { AccountState } from './store';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';

export interface HandlerContext {
	account: AccountState;
	/** Validated, coerced parameters (see param-schema.ts). */
	params: Record<string, unknown>;
	/** The `:id` path segment, '' when the route has none. */
	id: string;
	/** Whether search sees the object yet (search lags writes; see EmulatorOptions.searchLagSeconds). */
	searchable(id: string): boolean;
}

export interface RouteDef {
	method: HttpMethod;
	/** e.g. '/v1/invoices/:id/pay' */
	path: string;
	schema: EndpointSchema;
	/** The object the endpoint answers with (each item's, with `list`); its `expand[]` paths are checked. */
	object?: ObjectKind;
	list?: boolean;
	handle(ctx: HandlerContext): unknown;
}

export function matchRoute(
	routes: RouteDef[],
	method: string,
	path: string,
): { route: RouteDef; id: string } | undefined {
	const segments = path.replace(/\/+$/, '').split('/');
	for (const route of routes) {
		if (route.method !== method) continue;
		const pattern = route.path.split('/');
		if (pattern.length !== segments.length) continue;
		let id = '';
		const matched = pattern.every((part, i) => {
			if (part === ':id') {
				if (segments[i] === '') return false;
				try {
					id = decodeURIComponent(segments[i]);
				} catch {
					id = segments[i];
				}
				return true;
			}
			return part === segments[i];
		});
		if (matched) return { route, id };
	}
	return undefined;
}
