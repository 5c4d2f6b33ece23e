import { sleep } from 'n8n-workflow';

/**
 * A client-side cap on requests per second, shared by all rows of one node run, so a concurrent
 * batch stays under Stripe's rate limit instead of provoking a storm of 429s. Requests are spaced
 * evenly; idle time earns no burst credit.
 */
export class RequestPacer {
	private nextSlotMs = 0;
	private readonly intervalMs: number;

	constructor(requestsPerSecond: number) {
		this.intervalMs = 1000 / requestsPerSecond;
	}

	/** Resolves when this request may be sent. */
	async take(): Promise<void> {
		const now = Date.now();
		const slot = Math.max(now, this.nextSlotMs);
		this.nextSlotMs = slot + this.intervalMs;
		if (slot > now) await sleep(slot - now);
	}
}
