// How search sees the account: its lag behind writes, and whether it is offered at all.
import { invalidRequest, type ApiError } from './api-error';
import type { AccountState } from './store';
import type { EmulatorOptions } from './types';

function checkLag(seconds: number): number {
	if (!(Number.isFinite(seconds) && seconds >= 0))
		throw new Error(`searchLagSeconds must be a non-negative number, got ${seconds}`);
	return seconds;
}

export class SearchSettings {
	lagSeconds: number;
	available: boolean;

	constructor(
		private readonly opts: EmulatorOptions,
		private readonly clock: () => number,
	) {
		this.lagSeconds = checkLag(opts.searchLagSeconds ?? 0);
		this.available = opts.searchAvailable ?? true;
	}

	setLag(seconds: number): void {
		this.lagSeconds = checkLag(seconds);
	}

	/** An object is searchable once the lag has passed since its last write through the API. */
	visibleIn(account: AccountState): (id: string) => boolean {
		const cutoff = this.clock() - this.lagSeconds * 1000;
		return (id) => (account.writtenAt.get(id) ?? Number.NEGATIVE_INFINITY) <= cutoff;
	}

	reset(): void {
		this.lagSeconds = checkLag(this.opts.searchLagSeconds ?? 0);
		this.available = this.opts.searchAvailable ?? true;
	}
}

/**
 * Records a write: the object answered, and the invoice an invoice item belongs to (adding a line
 * changes the invoice too). Objects made by the emulator's set-up helpers have no entry: they are
 * searchable at once, as if made long ago.
 */
export function markWritten(account: AccountState, body: unknown, now: number): void {
	const object = body as { id?: unknown; invoice?: unknown } | null;
	if (typeof object?.id === 'string') account.writtenAt.set(object.id, now);
	const invoice = object?.invoice;
	const invoiceId = typeof invoice === 'string' ? invoice : (invoice as { id?: unknown } | null)?.id;
	if (typeof invoiceId === 'string') account.writtenAt.set(invoiceId, now);
}

/**
 * What a search gets where Stripe does not offer search ("not available to merchants in India").
 * [M] Stripe documents that search is unavailable there, not the error it answers with.
 */
export function searchUnavailable(): ApiError {
	return invalidRequest('Search is not available for this account.', { status: 400 });
}
