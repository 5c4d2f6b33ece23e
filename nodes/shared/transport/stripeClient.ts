import { endpoints } from './endpoints';
import type { FormParams } from './formEncode';
import { referenceIdempotencyKey } from './idempotencyKey';
import type { StripeSession } from './session';
import type { StripePath } from './stripePath';
import { explainKeyReuse } from './stripeError';
import { newIdempotencyKey, stripeRequest, type StripeContext } from './stripeRequest';

/** Stripe's list envelope (`GET /v1/invoices`) and search envelope (`GET /v1/invoices/search`). */
export interface StripeList<T> {
	object: 'list' | 'search_result';
	data: T[];
	has_more: boolean;
	next_page?: string | null;
}

export interface PageLimit {
	returnAll: boolean;
	limit: number;
}

const MAX_PAGE_SIZE = 100;

export interface RowClientOptions {
	/** The input row this client serves, named in any error. */
	itemIndex?: number;
	/** Stripe Connect: the connected account to act on. */
	stripeAccount?: string;
	session?: StripeSession;
	/**
	 * With a reference, each POST's Idempotency-Key is derived from it, the operation and the path
	 * (or the step the caller names), so re-running the workflow repeats nothing at Stripe.
	 */
	keys?: KeyScope;
}

export interface KeyScope {
	reference: string;
	/** `resource.operation`, or a composite operation's own name. */
	operation: string;
	/** What the row asks for, apart from how much (see Plan.identity); part of every key. */
	identity?: unknown;
}

/** How a POST's Idempotency-Key is chosen. */
export interface KeyChoice {
	/** Names the step (instead of the path) in the key derived from the reference. */
	step?: string[];
	/** A new random key: a deliberate new attempt, such as paying again after a decline. */
	fresh?: boolean;
}

/** Calls Stripe for one input row, with that row's Connect account, retry budget and error context. */
export class StripeClient {
	constructor(
		private readonly ctx: StripeContext,
		private readonly options: RowClientOptions = {},
	) {}

	/** Writes answered by Stripe from its idempotency store: this row repeated an earlier request. */
	replayedWrites = 0;

	get hasReference(): boolean {
		return this.options.keys !== undefined;
	}

	/** Sends a POST with an Idempotency-Key derived from the row's reference, or a random one. */
	async post<T>(path: StripePath, params: object = {}, choice: KeyChoice = {}): Promise<T> {
		const key = this.keyFor(path, choice);
		try {
			return await this.send<T>('POST', path, params, key);
		} catch (error) {
			throw this.options.keys && !choice.fresh ? explainKeyReuse(error, this.options.keys.reference) : error;
		}
	}

	private keyFor(path: StripePath, { step, fresh }: KeyChoice): string | undefined {
		const keys = this.options.keys;
		if (fresh || !keys) return newIdempotencyKey();
		return referenceIdempotencyKey(keys.reference, keys.operation, step ?? [path], keys.identity);
	}

	/**
	 * The invoice a customer would get (`POST /v1/invoices/create_preview`): a POST that creates
	 * nothing, so lookups and dry runs may send it; a repeat is harmless, so its key is random.
	 */
	async preview<T>(body: object): Promise<T> {
		return await this.send<T>('POST', endpoints.invoicePreview, body, newIdempotencyKey());
	}

	async get<T>(path: StripePath, params: object = {}): Promise<T> {
		return await this.send<T>('GET', path, params);
	}

	async del<T>(path: StripePath): Promise<T> {
		return await this.send<T>('DELETE', path, {});
	}

	/**
	 * The pages of a list (`starting_after`) or a search (`page`), fetched one at a time as the
	 * caller asks for them, so a caller that finds what it wants stops paging.
	 */
	async *pages<T extends { id: string }>(
		path: StripePath,
		params: object,
		pageSize: () => number = () => MAX_PAGE_SIZE,
	): AsyncGenerator<T[]> {
		let cursor: { starting_after?: string; page?: string } = {};
		for (;;) {
			const page = await this.get<StripeList<T>>(path, { ...params, ...cursor, limit: pageSize() });
			yield page.data;
			if (!page.has_more || page.data.length === 0) return;
			if (page.object === 'search_result') {
				if (!page.next_page) return;
				cursor = { page: page.next_page };
			} else {
				cursor = { starting_after: page.data[page.data.length - 1].id };
			}
		}
	}

	/**
	 * One page of a list or a search, resumed from an opaque token (`page:…` for searches,
	 * `after:…` for lists), and the token of the next page: what n8n's list pickers page with.
	 */
	async pageAt<T extends { id: string }>(
		path: StripePath,
		params: object,
		token: string | undefined,
		limit: number,
	): Promise<{ data: T[]; nextToken?: string }> {
		const cursor = token?.startsWith('page:')
			? { page: token.slice(5) }
			: token?.startsWith('after:')
				? { starting_after: token.slice(6) }
				: {};
		const list = await this.get<StripeList<T>>(path, { ...params, ...cursor, limit });
		const last = list.data[list.data.length - 1];
		let nextToken: string | undefined;
		if (list.has_more && list.object === 'search_result' && list.next_page)
			nextToken = `page:${list.next_page}`;
		if (list.has_more && list.object === 'list' && last) nextToken = `after:${last.id}`;
		return { data: list.data, nextToken };
	}

	/**
	 * Pages through a list or a search until the limit or the end. Page sizes shrink to what is
	 * still needed, so a limit of 3 asks Stripe for 3.
	 */
	async collect<T extends { id: string }>(
		path: StripePath,
		params: object,
		{ returnAll, limit }: PageLimit,
	): Promise<T[]> {
		const results: T[] = [];
		const wanted = () => (returnAll ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - results.length));
		for await (const data of this.pages<T>(path, params, wanted)) {
			results.push(...data);
			if (!returnAll && results.length >= limit) break;
		}
		return returnAll ? results : results.slice(0, limit);
	}

	private async send<T>(
		method: 'GET' | 'POST' | 'DELETE',
		path: StripePath,
		params: object,
		idempotencyKey?: string,
	) {
		return await stripeRequest<T>(this.ctx, {
			method,
			path,
			params: params as FormParams,
			idempotencyKey,
			itemIndex: this.options.itemIndex,
			stripeAccount: this.options.stripeAccount,
			session: this.options.session,
			onReplay: () => this.replayedWrites++,
		});
	}
}
