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

// Events this process accepted and is still preparing (Fetch Current Invoice): a redelivery that
// arrives meanwhile must not be acknowledged as a duplicate, since the first may still fail and be
// forgotten — Stripe would then hold the event delivered while nothing ran.
const inFlight = new Map<string, Set<string>>();

/** This process's events in preparation for one trigger node. */
export function eventsInFlight(key: string): Set<string> {
	let events = inFlight.get(key);
	if (!events) {
		events = new Set();
		inFlight.set(key, events);
	}
	return events;
}
