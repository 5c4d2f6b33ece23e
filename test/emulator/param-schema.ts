// Declares each endpoint's accepted parameters and validates/coerces a parsed form body.
// Validated output: integers -> number, booleans -> boolean, decimals -> normalized string,
// '' -> null (Stripe treats an empty value as "unset"), absent -> key missing.
import { invalidParam, missingParam, unknownParam } from './api-error';
import { normalizeDecimal } from './money';

export type ParamSpec =
	| { kind: 'string'; max?: number }
	| { kind: 'integer'; min?: number; max?: number }
	| { kind: 'boolean' }
	| { kind: 'decimal' }
	| { kind: 'number'; min?: number; max?: number }
	| { kind: 'enum'; values: readonly string[] }
	| { kind: 'metadata' }
	| { kind: 'hash' }
	| { kind: 'range' }
	| { kind: 'object'; fields: Fields; required?: readonly string[] }
	| { kind: 'array'; of: ParamSpec };

export type Fields = Record<string, ParamSpec>;

export interface EndpointSchema {
	fields: Fields;
	required?: readonly string[];
}

export const p = {
	/** `max`: longest accepted value, in characters. */
	string: (max?: number): ParamSpec => ({ kind: 'string', max }),
	int: (min?: number, max?: number): ParamSpec => ({ kind: 'integer', min, max }),
	bool: (): ParamSpec => ({ kind: 'boolean' }),
	decimal: (): ParamSpec => ({ kind: 'decimal' }),
	number: (min?: number, max?: number): ParamSpec => ({ kind: 'number', min, max }),
	oneOf: (...values: string[]): ParamSpec => ({ kind: 'enum', values }),
	metadata: (): ParamSpec => ({ kind: 'metadata' }),
	/** A nested hash kept as sent, for options the emulator stores but does not interpret. */
	hash: (): ParamSpec => ({ kind: 'hash' }),
	range: (): ParamSpec => ({ kind: 'range' }),
	object: (fields: Fields, required?: readonly string[]): ParamSpec => ({ kind: 'object', fields, required }),
	array: (of: ParamSpec): ParamSpec => ({ kind: 'array', of }),
	expand: (): ParamSpec => ({ kind: 'array', of: { kind: 'string' } }),
};

/** Pagination params shared by every list endpoint. */
export const listFields: Fields = {
	limit: p.int(1, 100),
	starting_after: p.string(),
	ending_before: p.string(),
	expand: p.expand(),
};

function child(prefix: string, key: string): string {
	return prefix === '' ? key : `${prefix}[${key}]`;
}

function show(value: unknown): string {
	return typeof value === 'string' ? value : JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBounds(name: string, n: number, min?: number, max?: number): void {
	if (min !== undefined && n < min)
		throw invalidParam(name, `This value must be greater than or equal to ${min}.`);
	if (max !== undefined && n > max)
		throw invalidParam(name, `This value must be less than or equal to ${max}.`);
}

function validateValue(spec: ParamSpec, raw: unknown, name: string): unknown {
	if (raw === '') return null;
	switch (spec.kind) {
		case 'string':
			if (typeof raw !== 'string') throw invalidParam(name, `Invalid string: ${show(raw)}`);
			// [M] wording.
			if (spec.max !== undefined && raw.length > spec.max)
				throw invalidParam(name, `Invalid string: must be at most ${spec.max} characters long.`);
			return raw;
		case 'integer': {
			if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) {
				throw invalidParam(name, `Invalid integer: ${show(raw)}`, 'parameter_invalid_integer');
			}
			const n = Number(raw);
			if (!Number.isSafeInteger(n))
				throw invalidParam(name, `Invalid integer: ${raw}`, 'parameter_invalid_integer');
			checkBounds(name, n, spec.min, spec.max);
			return n;
		}
		case 'boolean':
			if (raw === 'true') return true;
			if (raw === 'false') return false;
			throw invalidParam(name, `Invalid boolean: ${show(raw)}`);
		case 'decimal':
			if (typeof raw !== 'string' || !/^-?\d+(\.\d{1,12})?$/.test(raw)) {
				throw invalidParam(name, `Invalid decimal: ${show(raw)}`);
			}
			return normalizeDecimal(raw);
		case 'number': {
			if (typeof raw !== 'string' || !/^-?\d+(\.\d+)?$/.test(raw))
				throw invalidParam(name, `Invalid decimal: ${show(raw)}`);
			const n = Number(raw);
			checkBounds(name, n, spec.min, spec.max);
			return n;
		}
		case 'enum':
			if (typeof raw !== 'string' || !spec.values.includes(raw)) {
				throw invalidParam(name, `Invalid ${name}: must be one of ${spec.values.join(', ')}`);
			}
			return raw;
		case 'metadata':
			return validateMetadata(raw, name);
		case 'hash':
			if (!isRecord(raw)) throw invalidParam(name, 'Invalid hash');
			return raw;
		case 'range':
			if (typeof raw === 'string') return validateValue({ kind: 'integer' }, raw, name);
			return validateObject({ gt: p.int(), gte: p.int(), lt: p.int(), lte: p.int() }, [], raw, name);
		case 'object':
			return validateObject(spec.fields, spec.required ?? [], raw, name);
		case 'array': {
			if (!Array.isArray(raw)) throw invalidParam(name, 'Invalid array');
			return raw.map((item, i) => validateValue(spec.of, item, `${name}[${i}]`));
		}
	}
}

/** docs.stripe.com/api/metadata: up to 50 keys, keys up to 40 characters, values up to 500. */
export const MAX_METADATA_KEYS = 50;

function validateMetadata(raw: unknown, name: string): Record<string, string | null> {
	// Numeric-looking metadata keys arrive as an array from the form parser; restore the keys.
	const entries = Array.isArray(raw)
		? raw.map((v, i) => [String(i), v] as const)
		: isRecord(raw)
			? Object.entries(raw)
			: null;
	if (entries === null) throw invalidParam(name, 'Invalid hash');
	// [M] wording of the key-count message.
	if (entries.length > MAX_METADATA_KEYS)
		throw invalidParam(name, `Metadata can have at most ${MAX_METADATA_KEYS} keys.`);
	const out: Record<string, string | null> = {};
	for (const [key, value] of entries) {
		if (typeof value !== 'string')
			throw invalidParam(child(name, key), 'Invalid string: metadata values must be strings');
		if (key.length > 40)
			throw invalidParam(child(name, key), 'Metadata keys must be at most 40 characters long.');
		if (value.length > 500)
			throw invalidParam(child(name, key), 'Metadata values must be at most 500 characters long.');
		out[key] = value === '' ? null : value;
	}
	return out;
}

/**
 * The form parser keeps `metadata[a[b]]=…` whole, as one unknown name. Stripe forbids square
 * brackets in metadata keys (docs.stripe.com/api/metadata), so say that instead [M wording].
 */
function bracketedMetadataKey(fields: Fields, key: string, prefix: string): void {
	const open = key.indexOf('[');
	if (open <= 0) return;
	const base = key.slice(0, open);
	const spec = Object.prototype.hasOwnProperty.call(fields, base) ? fields[base] : undefined;
	if (spec?.kind === 'metadata') {
		throw invalidParam(child(prefix, base), 'Metadata keys cannot contain square brackets ([ or ]).');
	}
}

function validateObject(
	fields: Fields,
	required: readonly string[],
	raw: unknown,
	prefix: string,
): Record<string, unknown> {
	if (!isRecord(raw)) throw invalidParam(prefix, 'Invalid hash');
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		const spec = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
		if (!spec) {
			bracketedMetadataKey(fields, key, prefix);
			throw unknownParam(child(prefix, key));
		}
		out[key] = validateValue(spec, value, child(prefix, key));
	}
	for (const key of required) {
		if (raw[key] === undefined) throw missingParam(child(prefix, key));
		if (out[key] === null) {
			const name = child(prefix, key);
			throw invalidParam(
				name,
				`You passed an empty string for '${name}'. We assume empty values are an attempt to unset a parameter; however '${name}' cannot be unset. You should remove '${name}' from your request or supply a non-empty value.`,
				'parameter_invalid_empty',
			);
		}
	}
	return out;
}

/** Rejects unknown parameters and wrong types; returns the coerced parameters. */
export function validateParams(
	schema: EndpointSchema,
	raw: Record<string, unknown>,
): Record<string, unknown> {
	return validateObject(schema.fields, schema.required ?? [], raw, '');
}
