import type { IDataObject } from 'n8n-workflow';

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

/** The record kept in the node's static data, created on first use. */
export function seenEventsIn(staticData: IDataObject): SeenEvents {
	if (typeof staticData.seenEvents !== 'object' || staticData.seenEvents === null) staticData.seenEvents = {};
	return staticData.seenEvents as SeenEvents;
}

// n8n 2.41 does not save static data changed by webhook() (production.md), so the process keeps
// its own record too: redeliveries reaching this process are caught even then.
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

/** Forgets a trigger's process record (on deactivation). */
export function forgetProcessMemory(key: string): void {
	processMemory.delete(key);
}
