// Request counters over all accounts. Plain numbers, so they stay cheap when the request log is off.
import type { EmulatorStats } from './types';

export class RequestStats {
	private requests = 0;
	private byStatus = new Map<number, number>();
	private byMethod = new Map<string, number>();
	private rateLimited = 0;
	private faultsInjected = 0;

	received(method: string): void {
		this.requests += 1;
		this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
	}

	/** Status 0 = the connection was dropped instead of answered. */
	answered(status: number): void {
		this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
	}

	limited(): void {
		this.rateLimited += 1;
	}

	injected(): void {
		this.faultsInjected += 1;
	}

	snapshot(): EmulatorStats {
		return {
			requests: this.requests,
			byStatus: Object.fromEntries([...this.byStatus].map(([status, n]) => [String(status), n])),
			byMethod: Object.fromEntries(this.byMethod),
			rateLimited: this.rateLimited,
			faultsInjected: this.faultsInjected,
		};
	}

	reset(): void {
		this.requests = 0;
		this.byStatus = new Map();
		this.byMethod = new Map();
		this.rateLimited = 0;
		this.faultsInjected = 0;
	}
}
