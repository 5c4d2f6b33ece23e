/** Bounds of the memory of delivered event ids (README "Each event once"). */
export const SEEN_EVENTS_MAX = 10_000;
export const SEEN_EVENTS_MAX_AGE_SECONDS = 3 * 24 * 3600;

/** Event id → unix seconds it was first accepted, oldest first (insertion order). */
export type SeenEvents = Record<string, number>;

/**
 * Remembers an event id; false when it was already there (a redelivery). Ids older than the
 * max age (Stripe stops retrying after 3 days) or beyond the max count are forgotten, oldest
 * first, so the record never grows without bound.
 */
export function rememberEvent(
	seen: SeenEvents,
	eventId: string,
	nowSeconds: number,
	max = SEEN_EVENTS_MAX,
	maxAgeSeconds = SEEN_EVENTS_MAX_AGE_SECONDS,
): boolean {
	const firstSeen = seen[eventId];
	if (firstSeen !== undefined && nowSeconds - firstSeen <= maxAgeSeconds) return false;
	delete seen[eventId];
	const ids = Object.keys(seen);
	let kept = ids.length;
	for (const id of ids) {
		if (kept < max && nowSeconds - seen[id] <= maxAgeSeconds) break;
		delete seen[id];
		kept--;
	}
	seen[eventId] = nowSeconds;
	return true;
}

/** Forgets an id, so a redelivery of an event whose run could not start is accepted. */
export function forgetEvent(seen: SeenEvents, eventId: string): void {
	delete seen[eventId];
}

// The memory lives in the process that receives the deliveries, never in static data: n8n 2.41 saves
// the node's whole static data after a delivery that changed it, which could put back an endpoint a
// re-activation replaced meanwhile. What it catches, and what not: README "Each event once".
const processMemory = new Map<string, SeenEvents>();

/** This process's record for one trigger node (workflow id + node id). */
export function seenEventsInProcess(key: string): SeenEvents {
	let seen = processMemory.get(key);
	if (!seen) {
		seen = {};
		processMemory.set(key, seen);
	}
	return seen;
}

/** Forgets a trigger's process record (once its endpoint was removed: the node is gone). */
export function forgetProcessMemory(key: string): void {
	processMemory.delete(key);
	inFlight.delete(key);
}

// Events this process accepted and n8n has not answered yet (Fetch Current Invoice, then n8n
// creating the execution): a redelivery that arrives meanwhile must not be acknowledged as a
// duplicate, since the first may still fail and be forgotten — Stripe would then hold the event
// delivered while nothing ran.
const inFlight = new Map<string, EventsInFlight>();

/** Bounds the wait for n8n's answer should it never come; n8n answers within seconds. */
export const IN_FLIGHT_MAX_MS = 10 * 60_000;

/** Accepted events n8n has not answered yet, with when each was accepted (oldest first). */
export class EventsInFlight {
	private readonly since = new Map<string, number>();

	add(eventId: string, nowMs: number): void {
		// Entries past the bound (n8n never answered them) are dropped, oldest first.
		for (const [id, at] of this.since) {
			if (nowMs - at < IN_FLIGHT_MAX_MS) break;
			this.since.delete(id);
		}
		this.since.delete(eventId);
		this.since.set(eventId, nowMs);
	}

	/** Still waiting for n8n's answer, within the bound. */
	has(eventId: string, nowMs: number): boolean {
		const at = this.since.get(eventId);
		return at !== undefined && nowMs - at < IN_FLIGHT_MAX_MS;
	}

	delete(eventId: string): void {
		this.since.delete(eventId);
	}
}

/** This process's accepted events n8n has not answered yet, for one trigger node. */
export function eventsInFlight(key: string): EventsInFlight {
	let events = inFlight.get(key);
	if (!events) {
		events = new EventsInFlight();
		inFlight.set(key, events);
	}
	return events;
}
