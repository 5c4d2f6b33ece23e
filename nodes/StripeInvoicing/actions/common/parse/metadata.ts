import type { Metadata } from '../../../../shared/transport/types';
import { describeValue, invalid } from './invalid';

export const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 } as const;

// Brackets would restructure Stripe's form body (metadata[a][b]); these names would touch the
// object's prototype instead of becoming a key.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Entry {
	key?: unknown;
	value?: unknown;
}

function readKey(entry: Entry): string {
	if (typeof entry.key !== 'string' && typeof entry.key !== 'number')
		invalid(`every entry needs a text key, got ${describeValue(entry.key)}`);
	const key = String(entry.key).trim();
	if (!key) invalid('every entry needs a key');
	if (key.length > METADATA_LIMITS.keyLength)
		invalid(`key "${key}" is longer than ${METADATA_LIMITS.keyLength} characters`);
	if (/[[\]]/.test(key)) invalid(`key "${key}" must not contain [ or ]`);
	if (FORBIDDEN_KEYS.has(key)) invalid(`"${key}" cannot be a metadata key`);
	return key;
}

function readValue(key: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	if (
		typeof value !== 'string' &&
		!(typeof value === 'number' && Number.isFinite(value)) &&
		typeof value !== 'boolean'
	)
		invalid(`value of "${key}" must be text, got ${describeValue(value)}`);
	const text = String(value);
	if (text.length > METADATA_LIMITS.valueLength)
		invalid(`value of "${key}" is longer than ${METADATA_LIMITS.valueLength} characters`);
	return text;
}

/** Metadata from the key/value fixed collection, within Stripe's limits; a repeated key is an error. */
export function metadataEntries(value: unknown): Metadata | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'object' || Array.isArray(value))
		invalid(`must be key/value entries, got ${describeValue(value)}`);
	const entries = (value as { entries?: unknown }).entries ?? [];
	if (!Array.isArray(entries)) invalid(`must be key/value entries, got ${describeValue(entries)}`);
	if (entries.length === 0) return undefined;
	const metadata: Metadata = Object.create(null) as Metadata;
	for (const entry of entries as Entry[]) {
		const key = readKey(entry ?? {});
		if (Object.prototype.hasOwnProperty.call(metadata, key)) invalid(`key "${key}" is given twice`);
		metadata[key] = readValue(key, entry.value);
	}
	if (Object.keys(metadata).length > METADATA_LIMITS.keys)
		invalid(`has more than ${METADATA_LIMITS.keys} keys`);
	return { ...metadata };
}
