import type { INodeProperties } from 'n8n-workflow';

import { describeValue, invalid } from './invalid';

/** The values an options-type field allows, read from its own definition. */
export function allowedValues(property: INodeProperties): string[] {
	return (property.options ?? []).map((option) => String((option as { value: unknown }).value));
}

/**
 * An options-type value, which an expression can set to anything: a value outside the list is an
 * error, never a fallback to the default (a "send" must not silently charge the card).
 */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	invalid(`must be one of ${allowed.map((v) => `"${v}"`).join(', ')}, got ${describeValue(value)}`);
}

/** A boolean switch: true or false only ("true", 1 or "yes" from an expression are refused). */
export function strictBoolean(value: unknown): boolean {
	if (typeof value !== 'boolean') invalid(`must be true or false, got ${describeValue(value)}`);
	return value;
}
