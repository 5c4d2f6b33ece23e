import { sleep } from 'n8n-workflow';

import { AdaptiveRate, DEFAULT_AIMD, type AimdTuning } from './adaptiveRate';

/** Stripe's limits a run paces itself to: one for the account, one for each endpoint. */
export interface PaceLimits {
	/** Requests/s for the whole account (100 live, 25 test). */
	global: number;
	/** Requests/s for any one endpoint (method + path template), 25 by default. */
	perEndpoint: number;
	/** Endpoints with a lower limit of their own (search: 20 reads/s). */
	endpoints?: Record<string, number>;
}

/**
 * Plans when each request may go out, on a clock it is given (so its logic is tested without
 * waiting). Requests are spaced evenly: at least 1/global s apart overall and 1/perEndpoint s apart
 * per endpoint. A request for a quiet endpoint takes the first free global slot, even between
 * slots already promised to a busy one, so one endpoint's limit never idles the others.
 */
export class PacePlanner {
	private readonly global: AdaptiveRate;
	private readonly endpoints = new Map<string, { rate: AdaptiveRate; next: number }>();
	/** Send times promised and not yet past, ascending. */
	private slots: number[] = [];

	constructor(
		private readonly limits: PaceLimits,
		private readonly tuning: AimdTuning = DEFAULT_AIMD,
	) {
		this.global = new AdaptiveRate(limits.global, tuning);
	}

	/** The time (ms, ≥ now) the request for `endpoint` may be sent; the slot is taken. */
	reserve(endpoint: string, now: number): number {
		const state = this.endpointState(endpoint);
		const gap = 1000 / this.global.at(now);
		let at = Math.max(now, state.next);
		// Drop slots that can no longer collide with anything from now on.
		while (this.slots.length > 0 && this.slots[0] + gap <= now) this.slots.shift();
		let index = 0;
		for (; index < this.slots.length; index++) {
			const slot = this.slots[index];
			if (slot + gap <= at) continue;
			if (slot - gap >= at) break;
			at = slot + gap;
		}
		this.slots.splice(index, 0, at);
		state.next = at + 1000 / state.rate.at(now);
		return at;
	}

	/** Stripe answered 429 for `endpoint`: the account is busier than planned, slow down. */
	rateLimited(endpoint: string, now: number): void {
		this.global.cut(now);
		this.endpointState(endpoint).rate.cut(now);
	}

	/** Current rates, for tests and diagnostics. */
	rates(endpoint: string, now: number): { global: number; endpoint: number } {
		return { global: this.global.at(now), endpoint: this.endpointState(endpoint).rate.at(now) };
	}

	private endpointState(endpoint: string) {
		let state = this.endpoints.get(endpoint);
		if (!state) {
			const cap = Math.min(this.limits.global, this.limits.endpoints?.[endpoint] ?? this.limits.perEndpoint);
			state = { rate: new AdaptiveRate(cap, this.tuning), next: Number.NEGATIVE_INFINITY };
			this.endpoints.set(endpoint, state);
		}
		return state;
	}
}

/**
 * The request pacer shared by all rows of one node run, so a concurrent batch stays under Stripe's
 * limits instead of provoking a storm of 429s, and yields when another client shares the account.
 */
export class RequestPacer {
	private readonly planner: PacePlanner;

	constructor(
		limits: PaceLimits,
		private readonly clock: () => number = Date.now,
	) {
		this.planner = new PacePlanner(limits);
	}

	/** Resolves when a request for `endpoint` (e.g. `POST /v1/invoices/:id/pay`) may be sent. */
	async take(endpoint: string): Promise<void> {
		const now = this.clock();
		const at = this.planner.reserve(endpoint, now);
		// Timers and the clock count whole milliseconds: a wait under one would cost a full one.
		if (at - now >= 1) await sleep(at - now);
	}

	rateLimited(endpoint: string): void {
		this.planner.rateLimited(endpoint, this.clock());
	}
}
