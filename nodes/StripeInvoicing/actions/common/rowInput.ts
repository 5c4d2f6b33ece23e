import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { StripeClient } from '../../transport/stripeClient';
import type { StripeSession } from '../../transport/session';
import type { Metadata } from '../../transport/types';
import { majorToMinor, minorAmountProblem, STRIPE_CURRENCIES } from './currency';
import { invalidInput } from './validation';

export type AmountUnit = 'minor' | 'major';

/** Stripe's limit for integer amounts in the smallest currency unit. */
export const MAX_AMOUNT = 99_999_999;
const METADATA_LIMITS = { keys: 50, keyLength: 40, valueLength: 500 };

function describeValue(value: unknown): string {
	if (value === undefined || value === null || value === '') return 'nothing';
	return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** Thrown in pre-flight when a row's inputs are all valid: the handler stops before its first call. */
export const PREFLIGHT_PASSED = new Error('Row inputs checked');

/** What a row's handler runs with: in pre-flight, or for real with the batch's session. */
export interface RowRun {
	session?: StripeSession;
	/**
	 * In pre-flight the row's inputs are read and checked, and asking for a Stripe client ends the
	 * handler (by throwing PREFLIGHT_PASSED): operations read every input before their first call.
	 */
	preflight?: boolean;
	/**
	 * The row's parameter values by name, filled in pre-flight and read again when the row runs:
	 * the row sends exactly the values that were checked, and n8n evaluates each expression once.
	 */
	values?: Map<string, unknown>;
}

/**
 * Reads and validates one row's parameters. Every problem becomes an error naming the field (by
 * its display name) and the row, thrown before the operation sends anything to Stripe.
 */
export class RowInput {
	private readonly session?: StripeSession;

	private readonly preflight: boolean;

	private readonly values: Map<string, unknown>;

	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
		run: RowRun = {},
	) {
		this.session = run.session;
		this.preflight = run.preflight ?? false;
		this.values = run.values ?? new Map();
	}

	fail(field: string, message: string, description?: string): never {
		throw invalidInput(this.ctx.getNode(), this.itemIndex, field, message, description);
	}

	raw(name: string, fallback?: unknown): unknown {
		return this.remembered(name, () => this.ctx.getNodeParameter(name, this.itemIndex, fallback));
	}

	private remembered(key: string, read: () => unknown): unknown {
		if (this.values.has(key)) return this.values.get(key);
		const value = read();
		this.values.set(key, value);
		return value;
	}

	options(name = 'options'): IDataObject {
		return (this.raw(name, {}) as IDataObject) ?? {};
	}

	/** A required Stripe ID such as `cus_…`, checked for its prefix. */
	id(value: unknown, field: string, prefix: string): string {
		const text = typeof value === 'string' ? value.trim() : value;
		if (text === undefined || text === null || text === '') this.fail(field, 'is required');
		if (typeof text !== 'string') this.fail(field, `must be a Stripe ID (text), got ${describeValue(value)}`);
		if (!text.startsWith(prefix) || text.length <= prefix.length || /\s/.test(text)) {
			this.fail(field, `must be a Stripe ID starting with "${prefix}", got ${describeValue(text)}`);
		}
		return text;
	}

	optionalId(value: unknown, field: string, prefix: string): string | undefined {
		if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
			return undefined;
		return this.id(value, field, prefix);
	}

	/** An integer in the smallest currency unit (cents for usd, yen for jpy). */
	minorAmount(value: unknown, field: string, { allowNegative = false } = {}): number {
		const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof amount !== 'number' || !Number.isFinite(amount)) {
			this.fail(field, `must be a number, got ${describeValue(value)}`);
		}
		if (!Number.isInteger(amount)) {
			this.fail(
				field,
				`must be a whole number in the currency's smallest unit (e.g. 1999 for 19.99 USD), got ${amount}`,
			);
		}
		if (!allowNegative && amount < 0) this.fail(field, `must not be negative, got ${amount}`);
		if (Math.abs(amount) > MAX_AMOUNT) this.fail(field, `must be at most ${MAX_AMOUNT}, got ${amount}`);
		return amount;
	}

	currency(value: unknown, field = 'Currency'): string {
		const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
		if (!/^[a-z]{3}$/.test(text))
			this.fail(field, `must be a three-letter ISO code such as "usd", got ${describeValue(value)}`);
		if (!STRIPE_CURRENCIES.has(text)) this.fail(field, `"${text}" is not a currency Stripe can charge in`);
		return text;
	}

	/**
	 * An amount for the currency, in the unit the user picked, as Stripe's integer. Amounts that
	 * the currency cannot represent are errors, never rounded.
	 */
	money(
		value: unknown,
		currency: string,
		unit: AmountUnit,
		field: string,
		{ allowNegative = false } = {},
	): number {
		let minor: number;
		if (unit === 'major') {
			if (typeof value !== 'number' && (typeof value !== 'string' || value.trim() === '')) {
				this.fail(field, `must be a number, got ${describeValue(value)}`);
			}
			const converted = majorToMinor(value, currency);
			if (!converted.ok) this.fail(field, converted.reason);
			minor = converted.minor;
		} else {
			minor = this.minorAmount(value, field, { allowNegative: true });
		}
		if (!allowNegative && minor < 0) this.fail(field, `must not be negative, got ${describeValue(value)}`);
		if (Math.abs(minor) > MAX_AMOUNT) {
			this.fail(field, `is ${minor} in Stripe's smallest unit, above Stripe's maximum of ${MAX_AMOUNT}`);
		}
		const problem = minorAmountProblem(minor, currency);
		if (problem) this.fail(field, problem);
		return minor;
	}

	/** A resource locator's ID (from list, by ID or by URL), checked for its prefix. */
	locator(name: string, field: string, prefix: string): string {
		return this.id(this.locatorValue(name, field), field, prefix);
	}

	optionalLocator(name: string, field: string, prefix: string): string | undefined {
		return this.optionalId(this.locatorValue(name, field), field, prefix);
	}

	private locatorValue(name: string, field: string): unknown {
		try {
			return this.remembered(`${name}#value`, () =>
				this.ctx.getNodeParameter(name, this.itemIndex, '', { extractValue: true }),
			);
		} catch {
			// n8n refuses a "By URL" value its pattern cannot read; say which field and row.
			return this.fail(field, 'the link is not a Stripe dashboard link to this kind of object');
		}
	}

	/**
	 * A Stripe client for this row, acting on the connected account named in the options, if any,
	 * and deriving its idempotency keys from the options' Reference, if any.
	 */
	stripe(options: IDataObject = {}): StripeClient {
		const stripeAccount = this.optionalId(options.stripeAccount, 'Stripe Account', 'acct_');
		const reference = this.reference(options.reference);
		if (this.preflight) throw PREFLIGHT_PASSED;
		return new StripeClient(this.ctx, {
			itemIndex: this.itemIndex,
			stripeAccount,
			session: this.session,
			reference: reference === undefined ? undefined : { value: reference, operation: this.operation() },
		});
	}

	/** `resource.operation`, which scopes the idempotency keys derived from a reference. */
	private operation(): string {
		return `${String(this.raw('resource'))}.${String(this.raw('operation'))}`;
	}

	/** A billing reference (order ID, say): text, up to Stripe's metadata value length. */
	reference(value: unknown, field = 'Reference'): string | undefined {
		if (typeof value === 'object' && value !== null)
			this.fail(field, `must be text or a number, got ${describeValue(value)}`);
		const text = this.optionalText(value);
		if (text !== undefined && text.length > METADATA_LIMITS.valueLength)
			this.fail(field, `must be at most ${METADATA_LIMITS.valueLength} characters`);
		return text;
	}

	/** The Expand option as Stripe's `expand[]` list (prefix "data." for lists and searches). */
	expand(options: IDataObject, prefix = ''): string[] | undefined {
		const text = this.optionalText(options.expand);
		if (!text) return undefined;
		const fields = text
			.split(',')
			.map((field) => field.trim())
			.filter(Boolean);
		for (const field of fields) {
			if (!/^[a-z_]+(\.[a-z_]+)*$/.test(field)) {
				this.fail('Expand', `"${field}" is not a Stripe field path such as "customer"`);
			}
		}
		return fields.map((field) => `${prefix}${field}`);
	}

	simplify(): boolean {
		return this.raw('simplify', true) !== false;
	}

	/** A date-time field as Unix seconds, or undefined when empty. */
	optionalUnixSeconds(value: unknown, field: string): number | undefined {
		return this.optionalText(value) === undefined ? undefined : this.unixSeconds(value, field);
	}

	amountUnit(name = 'amountUnit'): AmountUnit {
		return this.raw(name, 'minor') === 'major' ? 'major' : 'minor';
	}

	nonNegativeInteger(value: unknown, field: string): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) {
			this.fail(field, `must be a whole number of at least 0, got ${describeValue(value)}`);
		}
		return number;
	}

	positiveInteger(value: unknown, field: string): number {
		const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
		if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
			this.fail(field, `must be a whole number of at least 1, got ${describeValue(value)}`);
		}
		return number;
	}

	unixSeconds(value: unknown, field: string): number {
		const millis = typeof value === 'number' ? value * 1000 : Date.parse(String(value));
		if (value === '' || value === null || value === undefined || !Number.isFinite(millis)) {
			this.fail(field, `must be a date and time, got ${describeValue(value)}`);
		}
		return Math.floor(millis / 1000);
	}

	/** Metadata from the key/value fixed collection, within Stripe's limits. */
	metadata(value: unknown, field = 'Metadata'): Metadata | undefined {
		const entries =
			(value as { entries?: Array<{ key?: unknown; value?: unknown }> } | undefined)?.entries ?? [];
		if (entries.length === 0) return undefined;
		const metadata: Metadata = {};
		for (const entry of entries) {
			const key = typeof entry.key === 'string' ? entry.key.trim() : '';
			if (!key) this.fail(field, 'every entry needs a key');
			if (key.length > METADATA_LIMITS.keyLength)
				this.fail(field, `key "${key}" is longer than ${METADATA_LIMITS.keyLength} characters`);
			const text = entry.value === undefined || entry.value === null ? '' : entry.value;
			if (typeof text === 'object')
				this.fail(field, `value of "${key}" must be text, got ${describeValue(text)}`);
			const stringValue = String(text);
			if (stringValue.length > METADATA_LIMITS.valueLength) {
				this.fail(field, `value of "${key}" is longer than ${METADATA_LIMITS.valueLength} characters`);
			}
			metadata[key] = stringValue;
		}
		if (Object.keys(metadata).length > METADATA_LIMITS.keys)
			this.fail(field, `has more than ${METADATA_LIMITS.keys} keys`);
		return metadata;
	}

	/** Metadata for an update: an entry with an empty value removes that key at Stripe. */
	metadataUpdate(value: unknown, field = 'Metadata'): Record<string, string | null> | undefined {
		const metadata = this.metadata(value, field);
		if (!metadata) return undefined;
		return Object.fromEntries(
			Object.entries(metadata).map(([key, text]) => [key, text === '' ? null : text]),
		);
	}

	optionalText(value: unknown): string | undefined {
		if (value === undefined || value === null) return undefined;
		const text = String(value).trim();
		return text === '' ? undefined : text;
	}

	optionalBoolean(value: unknown, field: string): boolean | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		if (typeof value !== 'boolean') this.fail(field, `must be true or false, got ${describeValue(value)}`);
		return value;
	}
}
