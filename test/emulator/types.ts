// Public types of the emulator (re-exported by index.ts).
import type { DeliveryRecord, DeliverySettings, ReleaseOrder } from './webhooks/dispatcher';

export interface EmulatorOptions {
	/** 0 = random free port (default). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Delay before handling each request, in ms (default 0). Change it later with setLatency(). */
	latencyMs?: number;
	/** Seed every new account with the demo customers and price (see demo-seed.ts). */
	seedDemoData?: boolean;
	/**
	 * Requests per second per platform account (API key); connected accounts share their platform's
	 * budget. undefined or 0 = unlimited. Token bucket: bursts up to this many, refilled continuously.
	 * 'stripe' = Stripe's defaults by the key's mode (25/s test, 100/s live) and 25/s per endpoint.
	 */
	rateLimit?: number | 'stripe';
	/**
	 * Requests per second per endpoint (method + route template, `POST /v1/invoices/:id/pay`) and
	 * platform account, beside the account-wide limit. undefined or 0 = unlimited (25 with 'stripe').
	 */
	endpointRateLimit?: number;
	/**
	 * Seconds after its last write through the API before an object shows up in search results
	 * (Stripe: under a minute normally, up to an hour in outages). Default 0.
	 */
	searchLagSeconds?: number;
	/** false: search endpoints answer 400, as for accounts where Stripe offers no search (India). */
	searchAvailable?: boolean;
	/** Fault rules installed at start (and again after reset()). */
	faults?: FaultRule[];
	/** Keep every request in `requests` (default true). Turn off for long benchmarks. */
	recordRequests?: boolean;
	/**
	 * Monotonic clock in ms used by the rate limiter and the search lag (default performance.now()).
	 * Lets tests drive the token refill and the lag without sleeping.
	 */
	clock?: () => number;
}

export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, unknown>;
	/** Parsed, nested form body (or query for GET/DELETE). */
	params: Record<string, unknown>;
	rawBody: string;
	headers: { stripeVersion?: string; idempotencyKey?: string; contentType?: string; stripeAccount?: string };
	/** HTTP status sent; 0 when the connection was dropped (or no answer was sent). */
	status: number;
	requestId: string;
	/** Opaque account id derived from the API key, never the key itself ('' when unauthenticated). */
	account: string;
	/** The injected fault action, when a fault rule fired for this request. */
	fault?: FaultAction;
}

export type FaultAction = 'drop_after_commit' | 'drop_before' | 'error_500' | 'rate_limit_429';

/**
 * Injects a failure into matching API requests. Without `nth`, `every` or `from` the rule fires on the
 * first match only (nth: 1). Each rule counts its own matches.
 */
export interface FaultRule {
	/** HTTP method; default any. */
	method?: string;
	/**
	 * Pattern for the whole pathname where `*` matches exactly one segment ('/v1/invoices/*' matches
	 * '/v1/invoices/in_123' but not '/v1/invoices/in_123/pay'), or a RegExp tested against it.
	 */
	path: string | RegExp;
	/** 1-based: fire on the Nth matching request only. */
	nth?: number;
	/** Fire on every match from the Nth on (implies `every`). */
	from?: number;
	/** Fire on every match (from `from`, default 1). */
	every?: boolean;
	/** Fire at most this many times. */
	times?: number;
	/** Only requests authenticated with this API key. */
	apiKey?: string;
	action: FaultAction;
}

export interface FaultHandle {
	readonly id: string;
	/** Requests that matched the rule's method, path and key so far. */
	readonly matches: number;
	/** Times the rule actually fired. */
	readonly injected: number;
	remove(): void;
}

export interface LedgerInvoice {
	id: string;
	status: string;
	customer: string;
	currency: string;
	amountDue: number;
	amountPaid: number;
}

/** What actually happened in one account, for asserting on exactly-once effects. */
export interface Ledger {
	/** Invoices grouped by the metadata reference value (invoices without it are left out). */
	invoicesByReference: Record<string, LedgerInvoice[]>;
	/** Invoice id -> number of succeeded charges (only invoices with at least one). */
	successfulChargesByInvoice: Record<string, number>;
	/** Invoice id -> number of failed charges (only invoices with at least one). */
	failedChargesByInvoice: Record<string, number>;
	/** References with more than one invoice. */
	duplicateReferences: string[];
	/** Invoices with more than one succeeded charge. */
	invoicesChargedTwice: string[];
	/** All invoices in the account, with or without a reference. */
	invoiceCount: number;
	succeededCharges: number;
}

export interface LedgerOptions {
	stripeAccount?: string;
	/** Invoice metadata key holding the caller's reference (default 'n8n_reference'). */
	referenceKey?: string;
}

/** Counters over all accounts since start or reset(); kept even when request recording is off. */
export interface EmulatorStats {
	/** API requests received (control endpoints excluded). */
	requests: number;
	/** Requests by HTTP method (GET = reads). */
	byMethod: Record<string, number>;
	/** Answers by HTTP status ('0' = dropped connection). */
	byStatus: Record<string, number>;
	/** Requests turned away by the rate limiter (injected 429 faults are counted in faultsInjected). */
	rateLimited: number;
	faultsInjected: number;
}

export interface RunningEmulator {
	url: string;
	port: number;
	/** Every API request in arrival order (stays empty with recordRequests: false). */
	requests: RecordedRequest[];
	close(): Promise<void>;
	/** With `stripeAccount` set, these helpers act on that connected account instead of the platform. */
	createCustomer(
		apiKey: string,
		opts?: {
			paymentMethod?: string;
			name?: string;
			email?: string;
			currency?: string;
			id?: string;
			stripeAccount?: string;
		},
	): { id: string };
	charges(
		apiKey: string,
		stripeAccount?: string,
	): Array<{
		id: string;
		invoice: string;
		amount: number;
		currency: string;
		status: 'succeeded' | 'failed';
		failure_code?: string | null;
	}>;
	invoices(apiKey: string, stripeAccount?: string): Array<Record<string, unknown>>;
	/** Back to the state just after start: accounts, log, stats, faults and settings from the options. */
	reset(): void;
	setLatency(ms: number): void;
	/** undefined or 0 = unlimited; 'stripe' = Stripe's defaults. Refills every account's bucket. */
	setRateLimit(perSecond: number | 'stripe' | undefined): void;
	/** The per-endpoint limit; undefined or 0 = unlimited (Stripe's 25/s under 'stripe'). */
	setEndpointRateLimit(perSecond: number | undefined): void;
	setSearchLag(seconds: number): void;
	setSearchAvailable(available: boolean): void;
	addFault(rule: FaultRule): FaultHandle;
	clearFaults(): void;
	/** As if 24 hours had passed: every stored idempotent response is forgotten. */
	forgetIdempotencyKeys(): void;
	ledger(apiKey: string, opts?: LedgerOptions): Ledger;
	stats(): EmulatorStats;
	/** Webhook deliveries (also under /_emulator/webhooks, see webhooks/control.ts). */
	webhooks: {
		configure(patch: Partial<DeliverySettings>): DeliverySettings;
		/** Every delivery attempt so far, oldest first. */
		deliveries(): DeliveryRecord[];
		/** Sends held deliveries; returns how many. */
		release(order?: ReleaseOrder): number;
		/** Resolves once no delivery is in flight. */
		idle(): Promise<void>;
	};
}
