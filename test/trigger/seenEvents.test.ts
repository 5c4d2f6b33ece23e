// The memory of delivered event ids: repeats caught, bounded by count and by age; events awaiting
// n8n's answer, bounded in time.
import {
	EventsInFlight,
	IN_FLIGHT_MAX_MS,
	rememberEvent,
	SEEN_EVENTS_MAX,
	SEEN_EVENTS_MAX_AGE_SECONDS,
	type SeenEvents,
} from '../../nodes/StripeInvoicingTrigger/webhook/seenEvents';

const T0 = 1_800_000_000;

describe('rememberEvent', () => {
	test('the first delivery is new, a repeat is not', () => {
		const seen: SeenEvents = {};
		expect(rememberEvent(seen, 'evt_a', T0)).toBe(true);
		expect(rememberEvent(seen, 'evt_a', T0 + 10)).toBe(false);
		expect(rememberEvent(seen, 'evt_b', T0 + 10)).toBe(true);
		expect(seen).toEqual({ evt_a: T0, evt_b: T0 + 10 });
	});

	test('never holds more than the maximum; the oldest ids go first', () => {
		const seen: SeenEvents = {};
		for (let n = 0; n < 5; n++) rememberEvent(seen, `evt_${n}`, T0 + n, 3);
		expect(Object.keys(seen)).toEqual(['evt_2', 'evt_3', 'evt_4']);
		// Forgotten, so a very late repeat of evt_0 is not caught: the documented limit.
		expect(rememberEvent(seen, 'evt_0', T0 + 9, 3)).toBe(true);
		expect(rememberEvent(seen, 'evt_4', T0 + 9, 3)).toBe(false);
	});

	test('a repeat of the oldest remembered id is caught even when the record is full', () => {
		const seen: SeenEvents = {};
		for (let n = 0; n < 3; n++) rememberEvent(seen, `evt_${n}`, T0 + n, 3);
		expect(rememberEvent(seen, 'evt_0', T0 + 5, 3)).toBe(false);
		expect(Object.keys(seen)).toHaveLength(3);
	});

	test('ids older than the maximum age are dropped', () => {
		const seen: SeenEvents = {};
		rememberEvent(seen, 'evt_old', T0);
		rememberEvent(seen, 'evt_recent', T0 + SEEN_EVENTS_MAX_AGE_SECONDS);
		expect(rememberEvent(seen, 'evt_old', T0 + SEEN_EVENTS_MAX_AGE_SECONDS)).toBe(false);
		expect(rememberEvent(seen, 'evt_new', T0 + SEEN_EVENTS_MAX_AGE_SECONDS + 1)).toBe(true);
		expect(Object.keys(seen)).toEqual(['evt_recent', 'evt_new']);
		expect(rememberEvent(seen, 'evt_old', T0 + SEEN_EVENTS_MAX_AGE_SECONDS + 1)).toBe(true);
	});

	test('the default bounds: 10,000 ids and 3 days', () => {
		expect(SEEN_EVENTS_MAX).toBe(10_000);
		expect(SEEN_EVENTS_MAX_AGE_SECONDS).toBe(259_200);
		// A record over the bound (say, kept by an older version) is trimmed on the next delivery.
		const seen: SeenEvents = {};
		for (let n = 0; n < SEEN_EVENTS_MAX + 50; n++) seen[`evt_${n}`] = T0;
		expect(rememberEvent(seen, 'evt_next', T0)).toBe(true);
		expect(Object.keys(seen)).toHaveLength(SEEN_EVENTS_MAX);
		expect('evt_50' in seen).toBe(false);
		expect('evt_51' in seen).toBe(true);
		expect('evt_next' in seen).toBe(true);
	});
});

describe('EventsInFlight', () => {
	const MS = T0 * 1000;

	test('an event is in flight from accepted until deleted (n8n answered)', () => {
		const flight = new EventsInFlight();
		flight.add('evt_a', MS);
		expect(flight.has('evt_a', MS + 1000)).toBe(true);
		expect(flight.has('evt_b', MS + 1000)).toBe(false);
		flight.delete('evt_a');
		expect(flight.has('evt_a', MS + 1000)).toBe(false);
	});

	test('an answer that never comes stops holding redeliveries off after the bound (10 minutes)', () => {
		expect(IN_FLIGHT_MAX_MS).toBe(600_000);
		const flight = new EventsInFlight();
		flight.add('evt_a', MS);
		expect(flight.has('evt_a', MS + IN_FLIGHT_MAX_MS - 1)).toBe(true);
		expect(flight.has('evt_a', MS + IN_FLIGHT_MAX_MS)).toBe(false);
	});

	test('entries past the bound are dropped when another is added, oldest first', () => {
		const flight = new EventsInFlight();
		flight.add('evt_old', MS);
		flight.add('evt_mid', MS + 5 * 60_000);
		flight.add('evt_new', MS + IN_FLIGHT_MAX_MS);
		const held = (flight as unknown as { since: Map<string, number> }).since;
		expect([...held.keys()]).toEqual(['evt_mid', 'evt_new']);
	});
});
