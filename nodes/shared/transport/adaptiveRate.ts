/**
 * A rate that backs off when Stripe says the account is busy (429) and creeps back up while it
 * is not: additive increase, multiplicative decrease (AIMD), as TCP shares a link. Two node runs
 * sharing one account each cut their rate on a 429 and then grow it slowly, so together they
 * settle just under the account's limit instead of taking turns flooding it.
 */
export interface AimdTuning {
	/** Factor the rate is multiplied by on a 429 (0.6: a 40 % cut; the slow regain keeps throughput). */
	decrease: number;
	/**
	 * Share of the cap the rate regains per second without a 429: slow, so two runs sharing an
	 * account overshoot rarely (test mode: 0.5 req/s per second; live: 2).
	 */
	increaseShare: number;
	/**
	 * 429s within this long after a cut mostly answer requests sent before it (a few round trips):
	 * they do not cut again.
	 */
	cooldownMs: number;
	/** The rate never drops below this share of the cap, so a run always makes progress. */
	floorShare: number;
}

export const DEFAULT_AIMD: AimdTuning = {
	decrease: 0.6,
	increaseShare: 0.02,
	cooldownMs: 500,
	floorShare: 0.05,
};

export class AdaptiveRate {
	private base: number;
	private since = Number.NEGATIVE_INFINITY;

	constructor(
		readonly cap: number,
		private readonly tuning: AimdTuning = DEFAULT_AIMD,
	) {
		this.base = cap;
	}

	/** Requests per second allowed at `now` (ms). */
	at(now: number): number {
		const regained = (Math.max(0, now - this.since) / 1000) * this.tuning.increaseShare * this.cap;
		return Math.min(this.cap, this.base + (Number.isFinite(regained) ? regained : this.cap));
	}

	/** Stripe answered 429 at `now`: cut the rate, once per cooldown. Answers whether it cut. */
	cut(now: number): boolean {
		if (now - this.since < this.tuning.cooldownMs) return false;
		const floor = this.cap * this.tuning.floorShare;
		this.base = Math.max(floor, this.at(now) * this.tuning.decrease);
		this.since = now;
		return true;
	}
}
