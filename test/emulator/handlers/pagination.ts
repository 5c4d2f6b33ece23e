// Cursor pagination shared by list endpoints: newest first, `starting_after` / `ending_before`.
// Also the `page`-token pagination of search endpoints and `data.`-prefixed list expansion.
import { exclusiveParams, invalidParam, invalidRequest } from '../api-error';
import { expandList, int, str } from '../param-readers';

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
	// [M] The two cursors are alternatives (docs api/pagination); Stripe refuses both together.
	if (after && before) throw exclusiveParams(['starting_after', 'ending_before']);
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

/**
 * Expansions on a list or search response apply to each item and must be written `data.<field>`,
 * like Stripe. Returns the per-item paths; `allowed` names top-level expansions (search's
 * `total_count`). [I] stripe-python#316 quotes the message for a path without the prefix.
 */
export function itemExpansions(params: Record<string, unknown>, allowed: string[] = []): string[] {
	const out: string[] = [];
	for (const path of expandList(params)) {
		if (path === 'data' || allowed.includes(path)) continue;
		if (path.startsWith('data.') && path.length > 5) {
			out.push(path.slice(5));
			continue;
		}
		throw invalidRequest(
			`This property cannot be expanded (${path}). You may want to try expanding 'data.${path}' instead.`,
			{ validation: true },
		);
	}
	return out;
}

interface PageToken {
	/** Sequence number of the last result already returned. */
	after: number;
	query: string;
}

function encodePage(token: PageToken): string {
	return `page_${Buffer.from(JSON.stringify(token), 'utf8').toString('base64url')}`;
}

function decodePage(page: string, query: string): PageToken {
	let token: unknown;
	try {
		token = JSON.parse(Buffer.from(page.replace(/^page_/, ''), 'base64url').toString('utf8'));
	} catch {
		token = undefined;
	}
	const valid =
		typeof token === 'object' &&
		token !== null &&
		typeof (token as PageToken).after === 'number' &&
		(token as PageToken).query === query;
	// [M] wording: a token that is not a `next_page` value of this same query.
	if (!page.startsWith('page_') || !valid) {
		throw invalidParam('page', `Invalid page: '${page}' is not a next_page value returned for this query.`);
	}
	return token as PageToken;
}

/**
 * One page of search results, newest first. `next_page` is an opaque token holding the position
 * after the last result, so objects created between page requests do not shift later pages.
 */
export function searchPage<T extends Listable>(
	matches: T[],
	params: Record<string, unknown>,
	url: string,
	render: (item: T) => unknown,
): Record<string, unknown> {
	const query = str(params, 'query') ?? '';
	const limit = int(params, 'limit') ?? 10;
	const page = str(params, 'page');
	const sorted = [...matches].sort((a, b) => b.seq - a.seq);
	const after = page ? decodePage(page, query).after : undefined;
	const remaining = after === undefined ? sorted : sorted.filter((item) => item.seq < after);
	const data = remaining.slice(0, limit);
	const hasMore = remaining.length > limit;
	const body: Record<string, unknown> = {
		object: 'search_result',
		data: data.map(render),
		has_more: hasMore,
		next_page: hasMore ? encodePage({ after: data[data.length - 1].seq, query }) : null,
		url,
	};
	if (expandList(params).includes('total_count')) body.total_count = sorted.length;
	return body;
}
