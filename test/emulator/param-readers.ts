// Typed accessors over validated params: undefined = absent, null = explicitly unset ('').
import { invalidParam } from './api-error';
import { MAX_METADATA_KEYS } from './param-schema';

type Params = Record<string, unknown>;

export function str(params: Params, key: string): string | null | undefined {
	const v = params[key];
	return typeof v === 'string' || v === null ? v : undefined;
}

export function int(params: Params, key: string): number | null | undefined {
	const v = params[key];
	return typeof v === 'number' || v === null ? v : undefined;
}

export function bool(params: Params, key: string): boolean | null | undefined {
	const v = params[key];
	return typeof v === 'boolean' || v === null ? v : undefined;
}

export function obj(params: Params, key: string): Params | null | undefined {
	const v = params[key];
	if (v === null) return null;
	return typeof v === 'object' && v !== undefined && !Array.isArray(v) ? (v as Params) : undefined;
}

export function strList(params: Params, key: string): string[] | null | undefined {
	const v = params[key];
	if (v === null) return null;
	return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

export function list(params: Params, key: string): Params[] | null | undefined {
	const v = params[key];
	if (v === null) return null;
	return Array.isArray(v) ? v.filter((x): x is Params => typeof x === 'object' && x !== null) : undefined;
}

export function metadataPatch(
	params: Params,
	key = 'metadata',
): Record<string, string | null> | null | undefined {
	const v = params[key];
	if (v === null) return null;
	return typeof v === 'object' && v !== undefined ? (v as Record<string, string | null>) : undefined;
}

/** Stripe metadata semantics: '' clears everything, a key set to '' removes that key. */
export function applyMetadata(
	current: Record<string, string>,
	patch: Record<string, string | null> | null | undefined,
): Record<string, string> {
	if (patch === undefined) return current;
	if (patch === null) return {};
	const next = { ...current };
	for (const [k, v] of Object.entries(patch)) {
		if (v === null) delete next[k];
		else next[k] = v;
	}
	return next;
}

/**
 * applyMetadata, then the 50-key limit on the result: an update is counted after merging with the
 * stored keys (removed keys free their slot). Call it before changing anything.
 */
export function mergeMetadata(
	current: Record<string, string>,
	patch: Record<string, string | null> | null | undefined,
	param = 'metadata',
): Record<string, string> {
	const next = applyMetadata(current, patch);
	if (Object.keys(next).length > MAX_METADATA_KEYS) {
		// [M] wording.
		throw invalidParam(param, `Metadata can have at most ${MAX_METADATA_KEYS} keys.`);
	}
	return next;
}

export function expandList(params: Params): string[] {
	return strList(params, 'expand') ?? [];
}
