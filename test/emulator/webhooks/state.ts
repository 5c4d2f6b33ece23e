// Webhook state of one account: its endpoints and the events it has emitted. Kept beside the
// account (WeakMap) rather than in AccountState so the API store stays unaware of webhooks.
import type { AccountState } from '../store';

export interface WebhookEndpointRec {
	id: string;
	seq: number;
	created: number;
	url: string;
	enabledEvents: string[];
	apiVersion: string | null;
	description: string | null;
	metadata: Record<string, string>;
	disabled: boolean;
	/** Returned once, in the create response; used to sign every delivery. */
	secret: string;
}

export interface StripeEvent {
	id: string;
	object: 'event';
	api_version: string;
	created: number;
	data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
	livemode: boolean;
	pending_webhooks: number;
	request: { id: string | null; idempotency_key: string | null };
	type: string;
}

export class WebhookAccountState {
	readonly endpoints = new Map<string, WebhookEndpointRec>();
	readonly events = new Map<string, StripeEvent>();
	private seq = 0;

	nextSeq(): number {
		return ++this.seq;
	}

	/** Enabled endpoints subscribed to anything: the only case where the emulator watches changes. */
	hasListeners(): boolean {
		for (const endpoint of this.endpoints.values()) if (!endpoint.disabled) return true;
		return false;
	}
}

const byAccount = new WeakMap<AccountState, WebhookAccountState>();

export function webhookState(account: AccountState): WebhookAccountState {
	let state = byAccount.get(account);
	if (!state) {
		state = new WebhookAccountState();
		byAccount.set(account, state);
	}
	return state;
}

/** Without creating state: accounts that never touched webhooks stay free of it. */
export function existingWebhookState(account: AccountState): WebhookAccountState | undefined {
	return byAccount.get(account);
}
