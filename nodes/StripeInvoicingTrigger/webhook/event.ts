/** A Stripe event as delivered (snapshot events; the thin `v2.core.event` kind is refused). */
export interface StripeEvent {
	id: string;
	object: 'event';
	/** The connected account the event happened on (events sent to Connect endpoints). */
	account?: string;
	type: string;
	created: number;
	livemode: boolean;
	api_version: string | null;
	data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed event, or undefined when the body is not a Stripe event. */
export function parseEvent(rawBody: Buffer): StripeEvent | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
	if (!isRecord(parsed) || parsed.object !== 'event') return undefined;
	const { id, type, created, livemode, data, account } = parsed;
	const valid =
		(account === undefined || (typeof account === 'string' && /^acct_[A-Za-z0-9]+$/.test(account))) &&
		typeof id === 'string' &&
		/^evt_[A-Za-z0-9_]+$/.test(id) &&
		typeof type === 'string' &&
		typeof created === 'number' &&
		typeof livemode === 'boolean' &&
		isRecord(data) &&
		isRecord(data.object);
	return valid ? (parsed as unknown as StripeEvent) : undefined;
}

/** The customer an event is about, when its object names one. */
export function customerOf(event: StripeEvent): string | undefined {
	const customer = event.data.object.customer;
	if (typeof customer === 'string') return customer;
	return isRecord(customer) && typeof customer.id === 'string' ? customer.id : undefined;
}

/** The invoice an event is about (an invoice event's object; an item's or payment's invoice). */
export function invoiceIdOf(event: StripeEvent): string | undefined {
	const object = event.data.object;
	if (object.object === 'invoice') return typeof object.id === 'string' ? object.id : undefined;
	const invoice = object.invoice;
	if (typeof invoice === 'string') return invoice;
	return isRecord(invoice) && typeof invoice.id === 'string' ? invoice.id : undefined;
}
