/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// `/_emulator/*` control endpoints, for a person or a benchmark driving an emulator in another
// process. JSON in and out; never recorded, rate limited, delayed or matched against fault rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import { authenticate, connectedAccountFor } from './auth';
import { validateFaultRule, type FaultSet } from './faults';
import { MAX_BULK_INVOICES } from './history-setup';
import { lookupTestToken } from './test-cards';
import type { EmulatorStats, FaultHandle, FaultRule, Ledger, LedgerOptions } from './types';

export const CONTROL_PREFIX = '/_emulator';
/** Bulk set-up cap: enough for a 10,000-row benchmark with headroom. */
export const MAX_BULK_CUSTOMERS = 20000;

/** What the control endpoints need from the running emulator. */
export interface ControlTarget {
	settings(): EmulatorSettings;
	setLatency(ms: number): void;
	setRateLimit(perSecond: number | 'stripe' | undefined): void;
	setEndpointRateLimit(perSecond: number | undefined): void;
	setSearchLag(seconds: number): void;
	setSearchAvailable(available: boolean): void;
	addFault(rule: FaultRule): FaultHandle;
	faults: FaultSet;
	ledger(apiKey: string, opts: LedgerOptions): Ledger;
	stats(): EmulatorStats;
	createCustomers(
		apiKey: string,
		stripeAccount: string | undefined,
		count: number,
		paymentMethod?: string,
	): string[];
	/** Draft invoices added directly to each customer (see history-setup.ts); answers their IDs. */
	createInvoices(
		apiKey: string,
		stripeAccount: string | undefined,
		customers: string[],
		perCustomer: number,
	): string[];
	/** A bank transfer from the customer (as the fund_cash_balance test helper), with its webhooks. */
	fundCashBalance(
		apiKey: string,
		stripeAccount: string | undefined,
		transfer: { customer: string; amount: number; currency: string; reference: string | null },
	): unknown;
	reset(): void;
}

export interface EmulatorSettings {
	latencyMs: number;
	rateLimit: number | 'stripe' | null;
	endpointRateLimit: number | null;
	searchLagSeconds: number;
	searchAvailable: boolean;
}

class ControlError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export function isControlPath(pathname: string): boolean {
	return pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);
}

function header(req: IncomingMessage, name: string): string | undefined {
	const value = req.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function jsonBody(rawBody: string): Record<string, unknown> {
	if (rawBody.trim() === '') return {};
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody);
	} catch {
		parsed = undefined;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ControlError(400, 'Body must be a JSON object');
	}
	return parsed as Record<string, unknown>;
}

/** The API key (and optional Stripe-Account) the request acts for, checked like an API request. */
function accountOf(req: IncomingMessage): { apiKey: string; stripeAccount?: string } {
	const auth = authenticate(header(req, 'authorization'));
	const stripeAccount = header(req, 'stripe-account');
	connectedAccountFor(auth, stripeAccount);
	return { apiKey: auth.apiKey, stripeAccount };
}

const isRate = (value: unknown) => value === null || (typeof value === 'number' && value >= 0);

function configure(target: ControlTarget, body: Record<string, unknown>): unknown {
	const { latencyMs, rateLimit, endpointRateLimit, searchLagSeconds, searchAvailable } = body;
	if (latencyMs !== undefined && (typeof latencyMs !== 'number' || !(latencyMs >= 0))) {
		throw new ControlError(400, 'latencyMs must be a non-negative number');
	}
	if (rateLimit !== undefined && rateLimit !== 'stripe' && !isRate(rateLimit)) {
		throw new ControlError(400, 'rateLimit must be a non-negative number, "stripe" or null');
	}
	if (endpointRateLimit !== undefined && !isRate(endpointRateLimit)) {
		throw new ControlError(400, 'endpointRateLimit must be a non-negative number or null');
	}
	if (searchLagSeconds !== undefined && (typeof searchLagSeconds !== 'number' || !(searchLagSeconds >= 0))) {
		throw new ControlError(400, 'searchLagSeconds must be a non-negative number');
	}
	if (searchAvailable !== undefined && typeof searchAvailable !== 'boolean') {
		throw new ControlError(400, 'searchAvailable must be true or false');
	}
	if (latencyMs !== undefined) target.setLatency(latencyMs);
	if (rateLimit !== undefined) target.setRateLimit((rateLimit as number | 'stripe' | null) ?? undefined);
	if (endpointRateLimit !== undefined)
		target.setEndpointRateLimit((endpointRateLimit as number | null) ?? undefined);
	if (searchLagSeconds !== undefined) target.setSearchLag(searchLagSeconds);
	if (searchAvailable !== undefined) target.setSearchAvailable(searchAvailable);
	return target.settings();
}

function addFault(target: ControlTarget, body: Record<string, unknown>): unknown {
	if (typeof body.path !== 'string') throw new ControlError(400, 'path must be a string pattern');
	let rule: FaultRule | undefined;
	let problem = '';
	try {
		rule = validateFaultRule(body);
	} catch (err) {
		problem = (err as Error).message;
	}
	if (!rule) throw new ControlError(400, problem);
	return { id: target.addFault(rule).id };
}

function bulkCustomers(target: ControlTarget, req: IncomingMessage, body: Record<string, unknown>): unknown {
	const { apiKey, stripeAccount } = accountOf(req);
	const { count, paymentMethod = 'pm_card_visa' } = body;
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BULK_CUSTOMERS) {
		throw new ControlError(400, `count must be an integer from 1 to ${MAX_BULK_CUSTOMERS}`);
	}
	// null = customers without a payment method; otherwise a test token, checked once up front.
	if (paymentMethod !== null && (typeof paymentMethod !== 'string' || !lookupTestToken(paymentMethod))) {
		throw new ControlError(400, 'paymentMethod must be a test token such as pm_card_visa, or null');
	}
	return { ids: target.createCustomers(apiKey, stripeAccount, count, paymentMethod ?? undefined) };
}

function bulkInvoices(target: ControlTarget, req: IncomingMessage, body: Record<string, unknown>): unknown {
	const { apiKey, stripeAccount } = accountOf(req);
	const { customers, perCustomer } = body;
	if (!Array.isArray(customers) || !customers.every((id) => typeof id === 'string')) {
		throw new ControlError(400, 'customers must be an array of customer IDs');
	}
	if (typeof perCustomer !== 'number' || !Number.isInteger(perCustomer) || perCustomer < 1) {
		throw new ControlError(400, 'perCustomer must be a positive integer');
	}
	if (customers.length * perCustomer > MAX_BULK_INVOICES) {
		throw new ControlError(400, `at most ${MAX_BULK_INVOICES} invoices at once`);
	}
	// An unknown customer gets the API's own "No such customer" (an ApiError, answered as such).
	return { ids: target.createInvoices(apiKey, stripeAccount, customers as string[], perCustomer) };
}

function bankTransfer(target: ControlTarget, req: IncomingMessage, body: Record<string, unknown>): unknown {
	const { apiKey, stripeAccount } = accountOf(req);
	const { customer, amount, currency, reference = null } = body;
	if (typeof customer !== 'string') throw new ControlError(400, 'customer must be a customer ID');
	if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1) {
		throw new ControlError(400, 'amount must be a positive integer in the smallest currency unit');
	}
	if (typeof currency !== 'string')
		throw new ControlError(400, 'currency must be a currency code such as gbp');
	if (reference !== null && typeof reference !== 'string')
		throw new ControlError(400, 'reference must be text');
	// Unknown customer or currency: the API's own error (an ApiError, answered as such).
	return target.fundCashBalance(apiKey, stripeAccount, { customer, amount, currency, reference });
}

function route(target: ControlTarget, req: IncomingMessage, url: URL, rawBody: string): unknown {
	const method = (req.method ?? 'GET').toUpperCase();
	const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '');
	const faultId = /^\/faults\/([^/]+)$/.exec(path)?.[1];
	switch (`${method} ${faultId ? '/faults/:id' : path}`) {
		case 'POST /config':
			return configure(target, jsonBody(rawBody));
		case 'GET /config':
			return target.settings();
		case 'POST /faults':
			return addFault(target, jsonBody(rawBody));
		case 'GET /faults':
			return { data: target.faults.describe() };
		case 'DELETE /faults':
			target.faults.clear();
			return { deleted: true };
		case 'DELETE /faults/:id':
			if (!faultId || !target.faults.remove(faultId))
				throw new ControlError(404, `No such fault: ${faultId}`);
			return { id: faultId, deleted: true };
		case 'GET /ledger': {
			const { apiKey, stripeAccount } = accountOf(req);
			return target.ledger(apiKey, {
				stripeAccount,
				referenceKey: url.searchParams.get('referenceKey') ?? undefined,
			});
		}
		case 'GET /stats':
			return target.stats();
		case 'POST /customers':
			return bulkCustomers(target, req, jsonBody(rawBody));
		case 'POST /invoices':
			return bulkInvoices(target, req, jsonBody(rawBody));
		case 'POST /bank_transfers':
			return bankTransfer(target, req, jsonBody(rawBody));
		case 'POST /reset':
			target.reset();
			return { reset: true };
		default:
			throw new ControlError(404, `Unknown emulator control endpoint: ${method} ${url.pathname}`);
	}
}

export function handleControl(
	target: ControlTarget,
	req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	rawBody: string,
): void {
	let status = 200;
	let body: unknown;
	try {
		body = route(target, req, url, rawBody);
	} catch (err) {
		// ApiError: the key or Stripe-Account header was rejected, with Stripe's status and wording.
		const known = err instanceof ControlError || err instanceof ApiError;
		status = known ? err.status : 500;
		body = { error: { message: err instanceof Error ? err.message : String(err) } };
	}
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, no-store' });
	res.end(JSON.stringify(body, null, 2));
}
