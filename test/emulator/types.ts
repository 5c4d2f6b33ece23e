// Public types of the emulator (re-exported by index.ts).

export interface EmulatorOptions {
	/** 0 = random free port (default). */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Delay before handling each request, in ms (default 0). */
	latencyMs?: number;
	/** Seed every new account with the demo customers and price (see demo-seed.ts). */
	seedDemoData?: boolean;
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
	status: number;
	requestId: string;
	/** Opaque account id derived from the API key, never the key itself ('' when unauthenticated). */
	account: string;
}

export interface RunningEmulator {
	url: string;
	port: number;
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
	reset(): void;
}
