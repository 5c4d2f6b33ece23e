// Event types the emulator knows (reference §8, the SDK's Events.d.ts at the pinned version).
// `invoiceitem.updated` is not an event of this API version, so it is neither accepted nor sent.

/** The invoicing events, which the emulator emits as objects change (those it can model). */
export const INVOICING_EVENT_TYPES = [
	'invoice.created',
	'invoice.deleted',
	'invoice.finalization_failed',
	'invoice.finalized',
	'invoice.marked_uncollectible',
	'invoice.overdue',
	'invoice.overpaid',
	'invoice.paid',
	'invoice.payment_action_required',
	'invoice.payment_attempt_required',
	'invoice.payment_failed',
	'invoice.payment_succeeded',
	'invoice.sent',
	'invoice.upcoming',
	'invoice.updated',
	'invoice.voided',
	'invoice.will_be_due',
	'invoice_payment.paid',
	'invoiceitem.created',
	'invoiceitem.deleted',
] as const;

/** [M] A few other types an endpoint may subscribe to; the emulator never sends them. */
const OTHER_EVENT_TYPES = [
	'charge.failed',
	'charge.succeeded',
	'customer.created',
	'customer.deleted',
	'customer.updated',
	'payment_intent.payment_failed',
	'payment_intent.succeeded',
];

const KNOWN = new Set<string>([...INVOICING_EVENT_TYPES, ...OTHER_EVENT_TYPES, '*']);

export function isKnownEventType(type: string): boolean {
	return KNOWN.has(type);
}

export function endpointWants(enabledEvents: readonly string[], type: string): boolean {
	return enabledEvents.includes('*') || enabledEvents.includes(type);
}
