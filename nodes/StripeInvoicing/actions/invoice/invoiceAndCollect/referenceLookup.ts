import type { INode } from 'n8n-workflow';

import { quoteSearchValue } from '../../../../shared/transport/searchQuery';
import { stripeErrorKind } from '../../../../shared/transport/stripeError';
import { endpoints } from '../../../../shared/transport/endpoints';
import type { StripeInvoice } from '../../../../shared/transport/types';
import { asNodeError } from '../../common/validation';
import { attachPartialResult } from '../../rowErrors';
import type { LookupOutcome, LookupPace, LookupRow, StripeReader } from '../../operation';
import type { CollectPlan } from './collectRun';
import { REFERENCE_METADATA_KEY } from '../../../../shared/constants';
import { runPool } from '../../pool';
import { mostAdvanced } from './resume';

/** Stripe combines at most 10 clauses in one search query. */
export const CLAUSES_PER_SEARCH = 10;
/** Long references get fewer companions, so a query stays a sane URL. */
const MAX_QUERY_LENGTH = 2_000;
/** Without search, at most this many of a customer's newest invoices are read per lookup. */
export const LIST_LOOKUP_PAGES = 10;
const PAGE_SIZE = 100;

export const NO_SEARCH_NOTICE = `Stripe search is not available for this account, so References were looked up by listing each customer's newest ${LIST_LOOKUP_PAGES * PAGE_SIZE} invoices: an invoice for a Reference older than that (and more than 24 hours old) would not be found.`;

type Row = LookupRow<CollectPlan>;

/** A row stopped in the lookup phase did nothing at Stripe; its error row says so like any other. */
export const NOTHING_DONE = {
	invoiceId: null,
	status: null,
	paid: false,
	failedStep: 'findByReference',
	stepsCompleted: [],
	stepsReplayed: [],
};
type Found = Map<string, StripeInvoice[]>;

/**
 * Finds the invoices of all rows' References with as few reads as possible, before any row
 * writes: one search per ten References (`metadata['n8n_reference']:'a' OR …`), matched back to
 * rows by exact value (search compares case-insensitively), every page read when a result is
 * truncated. Search lags writes by up to an hour; the deterministic Idempotency-Keys (kept 24 h)
 * cover that window. Where search is refused (e.g. accounts in India) each customer's newest
 * invoices are listed instead, once per customer, and the first such row says so.
 */
export async function lookUpReferences(
	rows: Row[],
	pace: LookupPace,
): Promise<Array<LookupOutcome<CollectPlan>>> {
	const outcomes = new Map<Row, LookupOutcome<CollectPlan>>(
		rows.map((row) => [row, { row, plan: row.plan }]),
	);
	const settled = new Set<Row>();
	const settle = (group: Row[], found: Found | unknown) => {
		for (const row of group) {
			settled.add(row);
			if (!(found instanceof Map)) outcomes.set(row, { row, error: found });
			else {
				const invoice = mostAdvanced(found.get(referenceOf(row)) ?? []);
				outcomes.set(row, { row, plan: { ...row.plan, lookedUp: { invoice } } });
			}
		}
	};
	const guarded = (group: Row[], work: () => Promise<Found | undefined>) => async () => {
		try {
			const found = await work();
			if (found) settle(group, found);
		} catch (error) {
			// Like a failure in any later step, the error row says how far its rows got: nowhere.
			settle(group, attachPartialResult(asNodeError(group[0].context.node, error), NOTHING_DONE));
		}
	};

	// Each Connect account is its own Stripe account, with its own invoices and search.
	const byAccount = groupBy(
		rows.filter((row) => row.plan.event),
		(row) => row.plan.scope.stripeAccount ?? '',
	);
	// Each account's first search alone: if Stripe refuses search there, its other chunks are
	// not sent only to be refused too.
	const refused = new Set<Row[]>();
	const chunked = [...byAccount.values()].map((accountRows) => ({
		accountRows,
		chunks: searchChunks(accountRows),
	}));
	const search = (accountRows: Row[], chunk: Row[]) =>
		guarded(chunk, async () => {
			const found = await searchReferences(chunk[0].stripe, chunk.map(referenceOf), chunk[0].context.node);
			if (!found) refused.add(accountRows);
			return found;
		});
	const run = async (task: () => Promise<void>) => await task();
	await runPool(
		chunked.map(({ accountRows, chunks }) => search(accountRows, chunks[0])),
		pace,
		run,
	);
	await runPool(
		chunked
			.filter(({ accountRows }) => !refused.has(accountRows))
			.flatMap(({ accountRows, chunks }) => chunks.slice(1).map((chunk) => search(accountRows, chunk))),
		pace,
		run,
	);

	// Where search is refused: one listing per customer for the rows search did not settle, and
	// the account's first row says so.
	const listings = [...refused].flatMap((accountRows) =>
		[
			...groupBy(
				accountRows.filter((row) => !settled.has(row)),
				(row) => row.plan.customer,
			).values(),
		].map((group) => guarded(group, async () => await listCustomer(group))),
	);
	await runPool(listings, pace, run);
	for (const accountRows of refused) {
		const outcome = outcomes.get(accountRows[0])!;
		if ('plan' in outcome)
			outcomes.set(accountRows[0], { ...outcome, plan: { ...outcome.plan, notice: NO_SEARCH_NOTICE } });
	}
	return [...outcomes.values()];
}

function referenceOf(row: Row): string {
	return row.plan.event!.reference;
}

/** Rows in groups of up to ten References whose query stays short. */
function searchChunks(rows: Row[]): Row[][] {
	const chunks: Row[][] = [];
	let current: Row[] = [];
	let length = 0;
	for (const row of rows) {
		const clause = searchClause(referenceOf(row)).length + 4;
		if (current.length === CLAUSES_PER_SEARCH || (current.length > 0 && length + clause > MAX_QUERY_LENGTH)) {
			chunks.push(current);
			current = [];
			length = 0;
		}
		current.push(row);
		length += clause;
	}
	if (current.length > 0) chunks.push(current);
	return chunks;
}

function searchClause(reference: string): string {
	return `metadata['${REFERENCE_METADATA_KEY}']:${quoteSearchValue(reference)}`;
}

/** The invoices tagged with exactly these References, or undefined when Stripe refuses search. */
async function searchReferences(
	stripe: StripeReader,
	references: string[],
	node: INode,
): Promise<Found | undefined> {
	const found: Found = new Map();
	const wanted = new Set(references);
	const query = references.map(searchClause).join(' OR ');
	try {
		for await (const invoices of stripe.pages<StripeInvoice>(endpoints.invoiceSearch, { query })) {
			for (const invoice of invoices) addIfWanted(found, wanted, invoice);
		}
	} catch (error) {
		const kind = stripeErrorKind(error);
		if (kind === 'invalid_request' || kind === 'not_found') return undefined;
		throw asNodeError(node, error);
	}
	return found;
}

function addIfWanted(found: Found, wanted: Set<string>, invoice: StripeInvoice): void {
	const reference = invoice.metadata?.[REFERENCE_METADATA_KEY];
	if (reference === undefined || !wanted.has(reference)) return;
	const invoices = found.get(reference);
	if (invoices) invoices.push(invoice);
	else found.set(reference, [invoice]);
}

/** Without search: one customer's newest invoices, read until each of their References is found. */
async function listCustomer(rows: Row[]): Promise<Found> {
	const found: Found = new Map();
	const wanted = new Set(rows.map(referenceOf));
	const customer = rows[0].plan.customer;
	let pages = 0;
	for await (const invoices of rows[0].stripe.pages<StripeInvoice>(endpoints.invoices, { customer })) {
		for (const invoice of invoices) addIfWanted(found, wanted, invoice);
		if (++pages >= LIST_LOOKUP_PAGES || [...wanted].every((reference) => found.has(reference))) break;
	}
	return found;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	return groups;
}
