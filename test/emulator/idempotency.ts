// Idempotency-Key handling for POSTs (reference §4): first response stored per (account, key),
// replayed for identical requests, rejected for different ones, 409 while in flight.

export interface StoredResponse {
	status: number;
	body: string;
	requestId: string;
}

interface Entry {
	fingerprint: string;
	response: StoredResponse | null; // null while the first request is still executing
}

export type BeginResult =
	| { kind: 'started' }
	| { kind: 'replay'; response: StoredResponse }
	| { kind: 'mismatch' }
	| { kind: 'in_flight' };

/** Canonical form of a request: method, path and params with sorted keys. */
export function fingerprint(method: string, path: string, params: unknown): string {
	const canonical = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value && typeof value === 'object') {
			const obj = value as Record<string, unknown>;
			return Object.fromEntries(
				Object.keys(obj)
					.sort()
					.map((k) => [k, canonical(obj[k])]),
			);
		}
		return value;
	};
	return JSON.stringify([method, path, canonical(params)]);
}

export class IdempotencyStore {
	private readonly entries = new Map<string, Entry>();

	private slot(account: string, key: string): string {
		return `${account}\u0000${key}`;
	}

	begin(account: string, key: string, print: string): BeginResult {
		const entry = this.entries.get(this.slot(account, key));
		if (!entry) {
			this.entries.set(this.slot(account, key), { fingerprint: print, response: null });
			return { kind: 'started' };
		}
		if (entry.response === null) return { kind: 'in_flight' };
		if (entry.fingerprint !== print) return { kind: 'mismatch' };
		return { kind: 'replay', response: entry.response };
	}

	/** Saves the response, or forgets the key (validation failures are not stored). */
	finish(account: string, key: string, response: StoredResponse | null): void {
		const slot = this.slot(account, key);
		const entry = this.entries.get(slot);
		if (!entry) return;
		if (response === null) this.entries.delete(slot);
		else entry.response = response;
	}

	reset(): void {
		this.entries.clear();
	}
}
