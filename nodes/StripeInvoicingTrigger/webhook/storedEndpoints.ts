import type { IDataObject } from 'n8n-workflow';

/**
 * What the node keeps in its static data about the endpoint it registered: written only by the
 * activation hooks (checkExists, create, delete), read by deliveries, which never write (n8n saves
 * the node's whole static data after a delivery that changed it, and a delivery in flight during a
 * re-publication would put back what that activation replaced).
 */

/** Production endpoints serve the published workflow; test ones a "listen for test event". */
export type EndpointMode = 'production' | 'test';

export interface StoredEndpoint {
	endpointId: string;
	/** The URL it was registered with (informational; Stripe's metadata decides ownership). */
	url: string;
	/** The signing secret, sealed (sealedSecret.ts): never the secret itself. */
	sealedSecret: string;
}

const KEY = 'sealedEndpoints';
/** What versions before 0.1.0's release kept: the secret in clear, and the delivered event ids. */
const LEGACY_KEYS = ['endpoints', 'seenEvents'];

function isStored(value: unknown): value is StoredEndpoint {
	const entry = value as StoredEndpoint | undefined;
	return (
		typeof entry?.endpointId === 'string' &&
		typeof entry.url === 'string' &&
		typeof entry.sealedSecret === 'string'
	);
}

/** Reads without writing: a delivery must leave static data exactly as it found it. */
export function storedEndpoint(staticData: IDataObject, mode: EndpointMode): StoredEndpoint | undefined {
	const all = staticData[KEY] as Record<string, unknown> | undefined;
	const entry = typeof all === 'object' && all !== null ? all[mode] : undefined;
	return isStored(entry) ? entry : undefined;
}

/** Every stored endpoint, read-only (a delivery accepts a signature by any of them). */
export function storedEndpoints(staticData: IDataObject): StoredEndpoint[] {
	return (['production', 'test'] as const)
		.map((mode) => storedEndpoint(staticData, mode))
		.filter((entry): entry is StoredEndpoint => entry !== undefined);
}

export function keepEndpoint(staticData: IDataObject, mode: EndpointMode, entry: StoredEndpoint): void {
	const current = staticData[KEY];
	const all = typeof current === 'object' && current !== null ? { ...(current as IDataObject) } : {};
	all[mode] = { endpointId: entry.endpointId, url: entry.url, sealedSecret: entry.sealedSecret };
	staticData[KEY] = all;
}

export function forgetEndpoint(staticData: IDataObject, mode: EndpointMode): void {
	const current = staticData[KEY];
	if (typeof current !== 'object' || current === null || !(mode in current)) return;
	const all = { ...(current as IDataObject) };
	delete all[mode];
	staticData[KEY] = all;
}

/** Drops what older versions kept (a readable secret); true when there was something. */
export function dropLegacyEntries(staticData: IDataObject): boolean {
	const present = LEGACY_KEYS.filter((key) => key in staticData);
	for (const key of present) delete staticData[key];
	return present.length > 0;
}

/** The note a deactivation leaves when it could not remove the endpoint (README, "Deactivation"). */
export interface LeftBehind {
	at: string;
	endpointIds: string[];
	reason: string;
}

export function noteLeftBehind(staticData: IDataObject, note: LeftBehind): void {
	staticData.leftBehind = { ...note, endpointIds: [...note.endpointIds] };
}

export function leftBehindNote(staticData: IDataObject): LeftBehind | undefined {
	const note = staticData.leftBehind as LeftBehind | undefined;
	return typeof note?.at === 'string' && Array.isArray(note.endpointIds) ? note : undefined;
}

export function clearLeftBehind(staticData: IDataObject): void {
	if ('leftBehind' in staticData) delete staticData.leftBehind;
}
