// Which events an API request caused, found by comparing the account's invoices, invoice items
// and charges before and after the handler ran. The handlers stay unaware of webhooks; the
// request's route and answer settle what a diff cannot see (a send, a 3DS refusal).
import { serializeInvoice, serializeInvoiceItem } from '../render';
import type { AccountState } from '../store';

type Obj = Record<string, unknown>;

export interface Snapshot {
	invoices: Map<string, Obj>;
	items: Map<string, Obj>;
	paymentStatus: Map<string, string>;
	chargeCount: number;
}

export interface PendingEvent {
	type: string;
	object: Obj;
	previousAttributes?: Obj;
}

/** What the server knows about the request once it has been answered. */
export interface RequestOutcome {
	method: string;
	path: string;
	status: number;
	errorCode?: string;
}

export function takeSnapshot(account: AccountState): Snapshot {
	const invoices = new Map<string, Obj>();
	const paymentStatus = new Map<string, string>();
	for (const invoice of account.invoices.values()) {
		invoices.set(invoice.id, serializeInvoice(account, invoice));
		if (invoice.payment) paymentStatus.set(invoice.id, invoice.payment.status);
	}
	const items = new Map<string, Obj>();
	for (const item of account.invoiceItems.values()) items.set(item.id, serializeInvoiceItem(account, item));
	return { invoices, items, paymentStatus, chargeCount: account.charges.length };
}

/** Top-level fields whose value changed, with their old values (Stripe's previous_attributes). */
function previousAttributes(before: Obj, after: Obj): Obj | undefined {
	const changed: Obj = {};
	for (const key of Object.keys(after)) {
		if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed[key] = before[key] ?? null;
	}
	return Object.keys(changed).length > 0 ? changed : undefined;
}

/** invoice.* events for one invoice that existed before and after the request. */
function invoiceTransitions(
	before: Obj,
	after: Obj,
	charges: Array<{ status: string }>,
	outcome: RequestOutcome,
): string[] {
	const from = before.status;
	const to = after.status;
	const types: string[] = [];
	// docs.stripe.com/tax/customer-locations: a failed finalization sends invoice.finalization_failed.
	if (!before.last_finalization_error && after.last_finalization_error)
		types.push('invoice.finalization_failed');
	if (from === 'draft' && to !== 'draft') types.push('invoice.finalized');
	if (/\/send$/.test(outcome.path) && outcome.status === 200) types.push('invoice.sent');
	if (charges.some((c) => c.status === 'failed')) types.push('invoice.payment_failed');
	if (outcome.errorCode === 'invoice_payment_intent_requires_action')
		types.push('invoice.payment_action_required');
	if (to === 'paid' && from !== 'paid') {
		// A charge-free settlement (out of band, nothing due) emits invoice.paid only [R].
		if (charges.some((c) => c.status === 'succeeded')) types.push('invoice.payment_succeeded');
		types.push('invoice.paid');
	}
	if (to === 'void' && from !== 'void') types.push('invoice.voided');
	if (to === 'uncollectible' && from !== 'uncollectible') types.push('invoice.marked_uncollectible');
	return types;
}

/** The events the request caused, in the order Stripe would create them. */
export function eventsBetween(
	before: Snapshot,
	account: AccountState,
	outcome: RequestOutcome,
): PendingEvent[] {
	const after = takeSnapshot(account);
	const events: PendingEvent[] = [];
	const newCharges = account.charges.slice(before.chargeCount);
	for (const [id, object] of after.invoices) {
		const old = before.invoices.get(id);
		if (!old) {
			events.push({ type: 'invoice.created', object });
			continue;
		}
		const charges = newCharges.filter((c) => c.invoice === id);
		const types = invoiceTransitions(old, object, charges, outcome);
		for (const type of types) events.push({ type, object });
		const payment = account.invoices.get(id)?.payment;
		if (payment?.status === 'paid' && before.paymentStatus.get(id) !== 'paid') {
			events.push({ type: 'invoice_payment.paid', object: invoicePaymentObject(account, id) });
		}
		// [M] invoice.updated only for changes no more specific event describes.
		const changed = previousAttributes(old, object);
		if (types.length === 0 && changed) {
			events.push({ type: 'invoice.updated', object, previousAttributes: changed });
		}
	}
	for (const [id, object] of after.items) {
		if (!before.items.has(id)) events.push({ type: 'invoiceitem.created', object });
	}
	for (const [id, object] of before.items) {
		if (!after.items.has(id)) events.push({ type: 'invoiceitem.deleted', object });
	}
	for (const [id, object] of before.invoices) {
		if (!after.invoices.has(id)) events.push({ type: 'invoice.deleted', object });
	}
	return events;
}

function invoicePaymentObject(account: AccountState, invoiceId: string): Obj {
	const invoice = account.invoices.get(invoiceId)!;
	const payment = invoice.payment!;
	return {
		id: payment.id,
		object: 'invoice_payment',
		amount_paid: payment.amountPaid,
		amount_requested: payment.amountRequested,
		created: payment.created,
		currency: invoice.currency,
		invoice: invoice.id,
		is_default: true,
		livemode: account.livemode,
		payment: { type: 'payment_intent', payment_intent: payment.paymentIntent },
		status: payment.status,
		status_transitions: { canceled_at: payment.canceledAt, paid_at: payment.paidAt },
	};
}

/** The current object an on-demand event carries, or undefined when there is no such object. */
export function currentObject(account: AccountState, id: string): Obj | undefined {
	const invoice = account.invoices.get(id);
	if (invoice) return serializeInvoice(account, invoice);
	const item = account.invoiceItems.get(id);
	return item ? serializeInvoiceItem(account, item) : undefined;
}
