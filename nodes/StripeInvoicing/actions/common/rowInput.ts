import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { STRIPE_OBJECTS, type StripeObjectKind } from '../../../shared/stripeObjects';
import type { Metadata } from '../../../shared/transport/types';
import { dashboardAccount, type LocatorSpec } from './locators';
import { allowedValues, oneOf, strictBoolean } from './parse/choice';
import { futureUnixSeconds, optionalUnixSeconds, unixSeconds } from './parse/dates';
import { optionalStripeId, stripeId } from './parse/ids';
import { describeValue, InvalidValue, isEmpty } from './parse/invalid';
import { metadataEntries } from './parse/metadata';
import { AMOUNT_UNITS, currency, money, type AmountUnit } from './parse/money';
import { integerIn } from './parse/numbers';
import { referenceText } from './parse/reference';
import { optionalText } from './parse/text';
import { asNodeError, invalidInput } from './validation';

export type { AmountUnit } from './parse/money';
export { MAX_AMOUNT } from './parse/money';

/** How one row's calls go out: the Connect account, and the reference its idempotency keys come from. */
export interface CallScope {
	stripeAccount?: string;
	reference?: string;
}

/**
 * Reads one row's parameters and checks them with the pure parsers in ./parse. Every problem
 * becomes an error naming the field (by its display name) and the row. It has no way to reach
 * Stripe: operations read their whole input here, in prepare, before the batch sends anything.
 *
 * No reader depends on another having run: a check that spans fields (a dashboard link against
 * the Stripe Account option) runs in `finish`, which the batch runner calls after `prepare`
 * with the plan's call scope, whatever order `prepare` read its inputs in.
 */
export class RowInput {
	constructor(
		private readonly ctx: IExecuteFunctions,
		readonly itemIndex: number,
	) {}

	fail(field: string, message: string, description?: string): never {
		throw invalidInput(this.ctx.getNode(), this.itemIndex, field, message, description);
	}

	/** Runs a parser, turning its complaint into an error naming the field and this row. */
	check<T>(field: string, parse: () => T): T {
		try {
			return parse();
		} catch (error) {
			if (error instanceof InvalidValue) this.fail(field, error.message);
			throw asNodeError(this.ctx.getNode(), error);
		}
	}

	/** A parameter's value for this row, expressions evaluated (not yet checked). */
	param(name: string, fallback?: unknown): unknown {
		return this.ctx.getNodeParameter(name, this.itemIndex, fallback);
	}

	/**
	 * Whether the person filled in a parameter (path such as "options.reference"), looking at what
	 * they typed rather than what it evaluated to for this row.
	 */
	isConfigured(path: string): boolean {
		return !isEmpty(this.configuredValue(path));
	}

	/** What the person typed for a parameter (an expression stays unevaluated). */
	configuredValue(path: string): unknown {
		let value: unknown = this.ctx.getNode().parameters;
		for (const part of path.split('.')) value = (value as IDataObject | undefined)?.[part];
		return value;
	}

	/** A collection parameter (Options, Additional Fields…): an object, whatever an expression gave. */
	options(name = 'options'): IDataObject {
		const value = this.param(name, {});
		if (value === undefined || value === null) return {};
		if (typeof value !== 'object' || Array.isArray(value))
			this.fail(name, `must be a collection, got ${describeValue(value)}`);
		return value as IDataObject;
	}

	id(value: unknown, field: string, kind: StripeObjectKind): string {
		return this.check(field, () => stripeId(value, kind.prefix));
	}

	optionalId(value: unknown, field: string, kind: StripeObjectKind): string | undefined {
		return this.check(field, () => optionalStripeId(value, kind.prefix));
	}

	/** Stripe IDs of one kind, as a list or as text separated by commas. */
	idList(value: unknown, field: string, kind: StripeObjectKind): string[] | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		const ids = Array.isArray(value)
			? value
			: typeof value === 'string'
				? value.split(',').map((id) => id.trim())
				: this.fail(field, `must be ${kind.prefix}… IDs separated by commas, got ${describeValue(value)}`);
		const checked = ids.filter((id) => id !== '').map((id) => this.id(id, field, kind));
		return checked.length ? checked : undefined;
	}

	currency(value: unknown, field = 'Currency'): string {
		return this.check(field, () => currency(value));
	}

	money(
		value: unknown,
		currencyCode: string,
		unit: AmountUnit,
		field: string,
		opts = { allowNegative: false },
	): number {
		return this.check(field, () => money(value, currencyCode, unit, opts));
	}

	/** A resource locator's ID (from list, by ID or by URL), checked for its shape. */
	locator(spec: LocatorSpec): string {
		return this.id(this.locatorValue(spec), spec.kind.label, spec.kind);
	}

	optionalLocator(spec: LocatorSpec): string | undefined {
		return this.optionalId(this.locatorValue(spec), spec.kind.label, spec.kind);
	}

	/** Connected accounts named by the dashboard links this row's locators were given. */
	private readonly linkAccounts: Array<{ field: string; account: string }> = [];

	private locatorValue({ name, kind }: LocatorSpec): unknown {
		const locator = this.ctx.getNodeParameter(name, this.itemIndex, '', { extractValue: false }) as
			| { mode?: string; value?: unknown }
			| undefined;
		let value: unknown;
		try {
			value = this.ctx.getNodeParameter(name, this.itemIndex, '', { extractValue: true });
		} catch {
			// n8n refuses a "By URL" value its pattern cannot read; say which field and row.
			return this.fail(kind.label, 'the link is not a Stripe dashboard link to this kind of object');
		}
		if (locator?.mode === 'url' && typeof locator.value === 'string') {
			const account = dashboardAccount(locator.value);
			if (account) this.linkAccounts.push({ field: kind.label, account });
		}
		return value;
	}

	/** The Connect account the row acts on (the Stripe Account option). */
	stripeAccount(options: IDataObject): string | undefined {
		return this.optionalId(options.stripeAccount, 'Stripe Account', STRIPE_OBJECTS.account);
	}

	/**
	 * The checks that span fields, run once the whole row is read. A dashboard link that names
	 * another connected account than the one the row acts on is refused rather than silently
	 * acting on the wrong account.
	 */
	finish(scope: CallScope): void {
		for (const link of this.linkAccounts) {
			if (link.account !== scope.stripeAccount)
				this.fail(
					link.field,
					`the link is for connected account ${link.account}, but ${scope.stripeAccount ? `Stripe Account is ${scope.stripeAccount}` : 'no Stripe Account is set'}; set Stripe Account to the link's account or use the ID`,
				);
		}
	}

	/**
	 * A billing reference (order ID, say): text or a number, up to Stripe's metadata value length,
	 * in one spelling (see parse/reference). When the field is filled in but yields nothing for
	 * this row (a missing field, null, ""), the row is refused: running it without its reference
	 * would silently lose exactly-once billing.
	 */
	reference(value: unknown, field: string, configuredAt: string): string | undefined {
		const text = this.check(field, () => referenceText(value));
		if (text === undefined && this.isConfigured(configuredAt)) {
			this.fail(
				field,
				`is set but is empty for this row (got ${describeValue(value)}); without it the row would have no exactly-once protection`,
			);
		}
		return text;
	}

	/** Connect account and reference for this row's calls, from the Options collection. */
	callScope(options: IDataObject, referenceField = 'Reference (Idempotency)'): CallScope {
		return {
			stripeAccount: this.stripeAccount(options),
			reference: this.reference(options.reference, referenceField, 'options.reference'),
		};
	}

	/** The Expand option as Stripe's `expand[]` list (prefix "data." for lists and searches). */
	expand(options: IDataObject, prefix = ''): string[] | undefined {
		const text = this.optionalText(options.expand, 'Expand');
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
		return this.check('Simplify', () => strictBoolean(this.param('simplify', true)));
	}

	unixSeconds(value: unknown, field: string): number {
		return this.check(field, () => unixSeconds(value));
	}

	optionalUnixSeconds(value: unknown, field: string): number | undefined {
		return this.check(field, () => optionalUnixSeconds(value));
	}

	/** A due date: Stripe refuses one in the past. */
	optionalDueDate(value: unknown, field = 'Due Date'): number | undefined {
		return isEmpty(value) ? undefined : this.check(field, () => futureUnixSeconds(value));
	}

	amountUnit(name = 'amountUnit'): AmountUnit {
		return this.check('Amount Unit', () => oneOf(this.param(name, 'minor'), AMOUNT_UNITS));
	}

	integer(value: unknown, field: string, min: number, max: number): number {
		return this.check(field, () => integerIn(value, min, max));
	}

	metadata(value: unknown, field = 'Metadata'): Metadata | undefined {
		return this.check(field, () => metadataEntries(value));
	}

	/** Metadata for an update: an entry with an empty value removes that key at Stripe. */
	metadataUpdate(value: unknown, field = 'Metadata'): Record<string, string | null> | undefined {
		const metadata = this.metadata(value, field);
		if (!metadata) return undefined;
		return Object.fromEntries(
			Object.entries(metadata).map(([key, text]) => [key, text === '' ? null : text]),
		);
	}

	optionalText(value: unknown, field: string, maxLength?: number): string | undefined {
		return this.check(field, () => optionalText(value, maxLength));
	}

	optionalBoolean(value: unknown, field: string): boolean | undefined {
		if (value === undefined || value === null || value === '') return undefined;
		return this.check(field, () => strictBoolean(value));
	}

	/** An options-type value checked against the field's own list of options. */
	choice<T extends string = string>(value: unknown, property: INodeProperties): T {
		return this.check(property.displayName, () => oneOf(value, allowedValues(property) as T[]));
	}

	optionalChoice<T extends string = string>(value: unknown, property: INodeProperties): T | undefined {
		return value === undefined || value === null || value === ''
			? undefined
			: this.choice<T>(value, property);
	}
}
