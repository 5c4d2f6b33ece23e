// Cursor pagination shared by list endpoints: newest first, `starting_after` / `ending_before`.
import { invalidRequest } from '../api-error';
import { int, str } from '../param-readers';

interface Listable {
	id: string;
	seq: number;
	created: number;
}

/** Matches Stripe's `created` filter: an exact integer or {gt,gte,lt,lte}. */
export function matchesCreated(created: number, filter: unknown): boolean {
	if (filter === undefined || filter === null) return true;
	if (typeof filter === 'number') return created === filter;
	if (typeof filter !== 'object') return true;
	const range = filter as Record<string, unknown>;
	const bound = (k: string): number | undefined =>
		typeof range[k] === 'number' ? (range[k] as number) : undefined;
	const gt = bound('gt');
	const gte = bound('gte');
	const lt = bound('lt');
	const lte = bound('lte');
	return (
		(gt === undefined || created > gt) &&
		(gte === undefined || created >= gte) &&
		(lt === undefined || created < lt) &&
		(lte === undefined || created <= lte)
	);
}

export function paginate<T extends Listable>(
	items: T[],
	params: Record<string, unknown>,
	url: string,
	label: string,
	render: (item: T) => unknown,
	order: 'newest' | 'oldest' = 'newest',
): Record<string, unknown> {
	const sorted = [...items].sort((a, b) => (order === 'newest' ? b.seq - a.seq : a.seq - b.seq));
	const limit = int(params, 'limit') ?? 10;
	const after = str(params, 'starting_after');
	const before = str(params, 'ending_before');
	const indexOf = (id: string, param: string): number => {
		const index = sorted.findIndex((item) => item.id === id);
		// [M] Stripe answers an unknown cursor with the resource's "No such …" message.
		if (index === -1) throw invalidRequest(`No such ${label}: '${id}'`, { param, code: 'resource_missing' });
		return index;
	};
	let page: T[];
	let hasMore: boolean;
	if (after) {
		const start = indexOf(after, 'starting_after') + 1;
		page = sorted.slice(start, start + limit);
		hasMore = start + limit < sorted.length;
	} else if (before) {
		const end = indexOf(before, 'ending_before');
		page = sorted.slice(Math.max(0, end - limit), end);
		hasMore = end - limit > 0;
	} else {
		page = sorted.slice(0, limit);
		hasMore = limit < sorted.length;
	}
	return { object: 'list', data: page.map(render), has_more: hasMore, url };
}
