// Webhook state of one account: its endpoints and the events it has emitted. Kept beside the
// account (WeakMap) rather than in AccountState so the API store stays unaware of webhooks.
// A connected account's events also reach its platform's Connect endpoints (`connect: true`).
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
	/**
	 * A Connect endpoint: it receives the events of the account's connected accounts, not the
	 * account's own. Set at creation only; Stripe's endpoint object does not show it.
	 */
	connect: boolean;
	/** Returned once, in the create response; used to sign every delivery. */
	secret: string;
}

export interface StripeEvent {
	id: string;
	object: 'event';
	/** The connected account the event happened on (Connect events only). */
	account?: string;
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

	/**
	 * Enabled endpoints of one kind (the account's own events, or its connected accounts' events
	 * for `connect`): the only case where the emulator watches what requests change.
	 */
	hasListeners(connect = false): boolean {
		for (const endpoint of this.endpoints.values())
			if (!endpoint.disabled && endpoint.connect === connect) return true;
		return false;
	}
}

/** Who hears about what happens on one account. */
export interface WebhookListeners {
	/** The account's own state: its events are recorded here, its own endpoints receive them. */
	state: WebhookAccountState;
	/** For a connected account: its id (its events carry it as `account`)… */
	account?: string;
	/** …and its platform's state, whose Connect endpoints receive them too. */
	platform?: WebhookAccountState;
}

/**
 * The listeners of an account, or undefined when nobody listens (the emulator then does not watch
 * the request). `platform` is given when the account is one of its connected accounts.
 */
export function webhookListeners(
	account: AccountState,
	platform?: AccountState,
): WebhookListeners | undefined {
	const own = existingWebhookState(account);
	const platformState = platform ? existingWebhookState(platform) : undefined;
	const connectListens = platformState?.hasListeners(true) ?? false;
	if (!own?.hasListeners() && !connectListens) return undefined;
	return {
		state: webhookState(account),
		account: platform ? account.id : undefined,
		platform: connectListens ? platformState : undefined,
	};
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
