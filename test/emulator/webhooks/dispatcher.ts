/* eslint-disable @n8n/community-nodes/no-restricted-globals */
// Delivers events to endpoints: POST with Stripe's headers, a delivery log, and the knobs tests
// use to make webhooks misbehave (repeat, delay, hold and release out of order, bad signatures).
import { newId, nowSeconds } from '../ids';
import { endpointWants } from './event-types';
import type { PendingEvent } from './changes';
import { signatureHeader, type SignatureMode } from './signature';
import type { StripeEvent, WebhookAccountState, WebhookEndpointRec, WebhookListeners } from './state';

export interface DeliverySettings {
	/** Extra deliveries of every event (0 = each event once). */
	repeat: number;
	/** Wait before each delivery, in ms. */
	delayMs: number;
	/** Keep deliveries queued until release(). */
	hold: boolean;
	/** How each delivery is signed. */
	signature: SignatureMode;
	/** How old a `stale` timestamp is, in seconds. */
	staleSeconds: number;
}

export const DEFAULT_SETTINGS: DeliverySettings = {
	repeat: 0,
	delayMs: 0,
	hold: false,
	signature: 'valid',
	staleSeconds: 600,
};

const DELIVERY_TIMEOUT_MS = 10_000;

export interface DeliveryRecord {
	id: string;
	eventId: string;
	type: string;
	endpoint: string;
	url: string;
	/** 1 for the first delivery of this event to this endpoint, 2 for the next… */
	attempt: number;
	signature: SignatureMode;
	timestamp: number;
	/** The endpoint's HTTP status; 0 when the request failed (`error` says why). */
	status: number;
	error?: string;
	/** The first 500 characters of the answer. */
	response?: string;
}

export interface Delivery {
	event: StripeEvent;
	endpoint: WebhookEndpointRec;
	signature?: SignatureMode;
	/** Unix seconds to sign with instead of now. */
	timestamp?: number;
}

export interface EventContext {
	livemode: boolean;
	/** The connected account the event happened on, for events of a connected account. */
	account?: string;
	apiVersion: string;
	requestId: string | null;
	idempotencyKey?: string;
}

/** Stripe's event object, kept on the account so it can be sent again later. */
export function recordEvent(
	state: WebhookAccountState,
	{ type, object, previousAttributes }: PendingEvent,
	context: EventContext,
	pendingWebhooks: number,
): StripeEvent {
	const event: StripeEvent = {
		id: newId('evt'),
		object: 'event',
		// [M] Stripe documents `account` on Connect events; the emulator sets it on every event of a
		// connected account, also when delivered to the connected account's own endpoints.
		...(context.account ? { account: context.account } : {}),
		api_version: context.apiVersion,
		created: nowSeconds(),
		data: previousAttributes ? { object, previous_attributes: previousAttributes } : { object },
		livemode: context.livemode,
		pending_webhooks: pendingWebhooks,
		request: { id: context.requestId, idempotency_key: context.idempotencyKey ?? null },
		type,
	};
	state.events.set(event.id, event);
	return event;
}

export type ReleaseOrder = 'in_order' | 'reverse' | 'shuffle';

export class WebhookDispatcher {
	settings: DeliverySettings = { ...DEFAULT_SETTINGS };
	readonly log: DeliveryRecord[] = [];
	private held: Delivery[] = [];
	private inFlight = 0;
	private idleWaiters: Array<() => void> = [];
	private readonly attempts = new Map<string, number>();

	configure(patch: Partial<DeliverySettings>): DeliverySettings {
		this.settings = { ...this.settings, ...patch };
		if (!this.settings.hold && this.held.length > 0) this.release('in_order');
		return this.settings;
	}

	reset(): void {
		this.settings = { ...DEFAULT_SETTINGS };
		this.held = [];
		this.log.length = 0;
		this.attempts.clear();
	}

	/**
	 * Records the request's events on the account and queues them for every subscribed endpoint:
	 * the account's own (not Connect) endpoints and, for a connected account, the platform's
	 * Connect endpoints.
	 */
	emit(listeners: WebhookListeners, pending: PendingEvent[], context: EventContext): StripeEvent[] {
		const subscribed = (state: WebhookAccountState | undefined, connect: boolean, type: string) =>
			[...(state?.endpoints.values() ?? [])].filter(
				(e) => !e.disabled && e.connect === connect && endpointWants(e.enabledEvents, type),
			);
		return pending.map((p) => {
			const targets = [
				...subscribed(listeners.state, false, p.type),
				...subscribed(listeners.platform, true, p.type),
			];
			const event = recordEvent(
				listeners.state,
				p,
				{ ...context, account: listeners.account },
				targets.length,
			);
			for (const endpoint of targets) {
				for (let n = 0; n <= this.settings.repeat; n++) this.enqueue({ event, endpoint });
			}
			return event;
		});
	}

	enqueue(delivery: Delivery): void {
		if (this.settings.hold) {
			this.held.push(delivery);
			return;
		}
		this.inFlight++;
		void this.deliver(delivery).finally(() => {
			this.inFlight--;
			if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
		});
	}

	/** Sends the held deliveries now, in the order asked for. */
	release(order: ReleaseOrder): number {
		const batch = this.held.splice(0);
		if (order === 'reverse') batch.reverse();
		if (order === 'shuffle') {
			for (let i = batch.length - 1; i > 0; i--) {
				const j = Math.floor(Math.random() * (i + 1));
				[batch[i], batch[j]] = [batch[j], batch[i]];
			}
		}
		// Sent one after another so the receiver sees exactly this order.
		let chain = Promise.resolve();
		this.inFlight++;
		for (const delivery of batch) chain = chain.then(() => this.deliver(delivery));
		void chain.finally(() => {
			this.inFlight--;
			if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
		});
		return batch.length;
	}

	heldCount(): number {
		return this.held.length;
	}

	/** Resolves once nothing is being delivered (held deliveries wait for release()). */
	idle(): Promise<void> {
		if (this.inFlight === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	private async deliver({ event, endpoint, signature, timestamp }: Delivery): Promise<void> {
		if (this.settings.delayMs > 0) await new Promise((r) => setTimeout(r, this.settings.delayMs));
		const mode = signature ?? this.settings.signature;
		const t = timestamp ?? (mode === 'stale' ? nowSeconds() - this.settings.staleSeconds : nowSeconds());
		// Stripe sends pretty-printed JSON: receivers must verify the bytes, not a re-serialisation.
		const payload = JSON.stringify(event, null, 2);
		const key = `${event.id}/${endpoint.id}`;
		const attempt = (this.attempts.get(key) ?? 0) + 1;
		this.attempts.set(key, attempt);
		const record: DeliveryRecord = {
			id: newId('whdel'),
			eventId: event.id,
			type: event.type,
			endpoint: endpoint.id,
			url: endpoint.url,
			attempt,
			signature: mode,
			timestamp: t,
			status: 0,
		};
		try {
			const response = await fetch(endpoint.url, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json; charset=utf-8',
					'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
					'Stripe-Signature': signatureHeader(payload, endpoint.secret, t, mode),
				},
				body: payload,
				// Like Stripe, give up on a receiver that does not answer.
				signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
			});
			record.status = response.status;
			record.response = (await response.text()).slice(0, 500);
		} catch (err) {
			record.error = err instanceof Error ? err.message : String(err);
		}
		this.log.push(record);
	}
}
