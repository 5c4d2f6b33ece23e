// Stripe Search Query Language (subset): parsing, validation against a resource's fields, matching.
//
// Supported: `field:value` (exact), `field~value` (substring), `field>N` `>=` `<` `<=` (numeric),
// `metadata['key']:value`, `-clause` (negation), `field:null`, clauses joined by whitespace
// (implicit AND), `AND` or `OR` (case-insensitive, not mixed). Values are quoted with '…' or "…"
// (backslash escapes) or written bare (numbers, `null`). Parentheses are not part of the language.
// String comparisons are case-insensitive [D search docs].
import { invalidRequest, type ApiError } from './api-error';

export type FieldKind = 'numeric' | 'string' | 'token';

export type Operator = ':' | '~' | '>' | '>=' | '<' | '<=';

export interface Clause {
	field: string;
	/** Set for `metadata['key']` clauses. */
	metadataKey?: string;
	operator: Operator;
	/** null for the bare `null` value. */
	value: string | null;
	negated: boolean;
}

export interface ParsedQuery {
	clauses: Clause[];
	combinator: 'AND' | 'OR';
}

export interface SearchResource<T> {
	/** Resource name as Stripe spells it in messages and doc anchors, e.g. `invoices`. */
	name: string;
	fields: Record<string, FieldKind>;
	/** The record's value for a field (metadata is handled separately). */
	valueOf(record: T, field: string): string | number | null;
	metadataOf(record: T): Record<string, string>;
}

/** [D] "You can combine up to 10 query clauses in a search." */
export const MAX_CLAUSES = 10;
/** [D] substring matching needs at least three characters. */
export const MIN_SUBSTRING = 3;

// [I] stripe-ruby-mock asserts this wording for a query that does not parse.
const UNPARSEABLE =
	'We were unable to parse your search query. Try using the format `metadata["key"]:"value"` to query for metadata or key:"value" to query for other fields.';

function queryError(message: string): ApiError {
	return invalidRequest(message, { param: 'query' });
}

/** [M] Stripe's generic parse failure, followed by what exactly went wrong. */
function parseError(detail?: string): ApiError {
	return queryError(detail ? `${UNPARSEABLE} ${detail}` : UNPARSEABLE);
}

class Scanner {
	pos = 0;
	constructor(readonly text: string) {}

	get done(): boolean {
		return this.pos >= this.text.length;
	}

	skipSpace(): boolean {
		const start = this.pos;
		while (!this.done && /\s/.test(this.text[this.pos])) this.pos++;
		return this.pos > start;
	}

	/** Reads a quoted string starting at the current quote character. */
	quoted(): string {
		const quote = this.text[this.pos];
		const start = this.pos;
		let out = '';
		this.pos++;
		while (!this.done) {
			const ch = this.text[this.pos];
			if (ch === '\\' && this.pos + 1 < this.text.length) {
				out += this.text[this.pos + 1];
				this.pos += 2;
				continue;
			}
			if (ch === quote) {
				this.pos++;
				return out;
			}
			out += ch;
			this.pos++;
		}
		throw parseError(`The quoted value starting at position ${start} is not closed.`);
	}

	/** A keyword (AND/OR) followed by whitespace, or undefined. */
	keyword(): 'AND' | 'OR' | undefined {
		const match = /^(and|or)(?=\s)/i.exec(this.text.slice(this.pos));
		if (!match) return undefined;
		this.pos += match[1].length;
		return match[1].toUpperCase() as 'AND' | 'OR';
	}
}

function parseField(s: Scanner): { field: string; metadataKey?: string } {
	const rest = s.text.slice(s.pos);
	const ident = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(rest);
	if (!ident) {
		throw parseError(`Expected a field name at position ${s.pos}.`);
	}
	s.pos += ident[0].length;
	if (ident[0] !== 'metadata' || s.text[s.pos] !== '[') return { field: ident[0] };
	s.pos++;
	const quote = s.text[s.pos];
	if (quote !== '"' && quote !== "'") throw parseError('Metadata keys must be quoted.');
	const key = s.quoted();
	if (s.text[s.pos] !== ']') throw parseError('Expected `]` after the metadata key.');
	s.pos++;
	return { field: 'metadata', metadataKey: key };
}

function parseOperator(s: Scanner): Operator {
	for (const op of ['>=', '<=', ':', '~', '>', '<'] as const) {
		if (s.text.startsWith(op, s.pos)) {
			s.pos += op.length;
			return op;
		}
	}
	throw parseError(`Expected one of : ~ > >= < <= at position ${s.pos}.`);
}

function parseValue(s: Scanner): string | null {
	if (s.done) throw parseError('A clause has no value.');
	const ch = s.text[s.pos];
	if (ch === '"' || ch === "'") return s.quoted();
	const bare = /^[^\s"'()]+/.exec(s.text.slice(s.pos));
	if (!bare) throw parseError(`Unexpected character ${JSON.stringify(ch)} at position ${s.pos}.`);
	s.pos += bare[0].length;
	return bare[0].toLowerCase() === 'null' ? null : bare[0];
}

/** Parses a query string; syntax only (fields are checked by `checkQuery`). */
export function parseQuery(text: string): ParsedQuery {
	const s = new Scanner(text);
	const clauses: Clause[] = [];
	let combinator: 'AND' | 'OR' | undefined;
	s.skipSpace();
	while (!s.done) {
		if (clauses.length > 0) {
			const spaced = s.skipSpace();
			const keyword = s.keyword();
			if (keyword) {
				if (combinator && combinator !== keyword) {
					// [D] "AND and OR operators are mutually exclusive." Wording [M].
					throw parseError('AND and OR cannot be combined in the same query.');
				}
				combinator = keyword;
				if (!s.skipSpace()) throw parseError(`Expected whitespace after ${keyword}.`);
			} else if (!spaced) {
				throw parseError(`Unexpected character ${JSON.stringify(s.text[s.pos])} at position ${s.pos}.`);
			} else if (combinator === 'OR') {
				// Whitespace means AND, so `a OR b c` mixes the two.
				throw parseError('AND and OR cannot be combined in the same query.');
			} else {
				combinator = 'AND';
			}
			if (s.done) throw parseError(`The query ends after ${keyword ?? 'a separator'}.`);
		}
		const negated = s.text[s.pos] === '-';
		if (negated) s.pos++;
		const { field, metadataKey } = parseField(s);
		const operator = parseOperator(s);
		const value = parseValue(s);
		clauses.push({ field, metadataKey, operator, value, negated });
		if (clauses.length > MAX_CLAUSES) {
			throw parseError(`A query can combine at most ${MAX_CLAUSES} clauses.`); // [M] wording
		}
		const before = s.pos;
		s.skipSpace();
		if (s.done) break;
		s.pos = before;
	}
	if (clauses.length === 0) throw parseError('The query is empty.');
	return { clauses, combinator: combinator ?? 'AND' };
}

function isNumber(value: string): boolean {
	return /^-?\d+(\.\d+)?$/.test(value);
}

/** Rejects fields the resource does not support and operators a field's type does not allow. */
export function checkQuery<T>(query: ParsedQuery, resource: SearchResource<T>): void {
	for (const clause of query.clauses) {
		const name = clause.metadataKey !== undefined ? `metadata["${clause.metadataKey}"]` : clause.field;
		const kind: FieldKind | undefined =
			clause.metadataKey !== undefined
				? 'string'
				: Object.prototype.hasOwnProperty.call(resource.fields, clause.field)
					? resource.fields[clause.field]
					: undefined;
		if (kind === undefined || (clause.field === 'metadata' && clause.metadataKey === undefined)) {
			// [I] wording asserted by stripe-ruby-mock; a bare `metadata` needs a key, so it is unsupported too.
			throw queryError(
				`Field \`${clause.field}\` is an unsupported search field for resource \`${resource.name}\`. See http://stripe.com/docs/search#query-fields-for-${resource.name} for a list of supported fields.`,
			);
		}
		const { operator, value } = clause;
		if (value === null) {
			// [M] only exact matching can test for null.
			if (operator !== ':') throw parseError(`\`${name}\` can only be compared with null using \`:\`.`);
			continue;
		}
		if (operator === '~') {
			// [M] wording; [D] substring matching is for string fields with at least 3 characters.
			if (kind !== 'string' || clause.metadataKey !== undefined) {
				throw queryError(`Field \`${name}\` does not support substring matching (\`~\`) in search queries.`);
			}
			if (value.length < MIN_SUBSTRING) {
				throw queryError(
					`Substring matching on \`${name}\` needs a value of at least ${MIN_SUBSTRING} characters.`,
				);
			}
		} else if (operator !== ':') {
			// [M] wording; [D] only numeric fields take comparison operators.
			if (kind !== 'numeric') {
				throw queryError(`Field \`${name}\` does not support numeric comparison (\`${operator}\`).`);
			}
		}
		if (kind === 'numeric' && !isNumber(value)) {
			throw queryError(`Field \`${name}\` is numeric, but ${JSON.stringify(value)} is not a number.`); // [M]
		}
	}
}

function matchesClause<T>(record: T, clause: Clause, resource: SearchResource<T>): boolean {
	const actual =
		clause.metadataKey !== undefined
			? (resource.metadataOf(record)[clause.metadataKey] ?? null)
			: resource.valueOf(record, clause.field);
	const expected = clause.value;
	let result: boolean;
	if (expected === null || actual === null) {
		result = expected === null && actual === null;
	} else if (typeof actual === 'number') {
		const n = Number(expected);
		switch (clause.operator) {
			case '>':
				result = actual > n;
				break;
			case '>=':
				result = actual >= n;
				break;
			case '<':
				result = actual < n;
				break;
			case '<=':
				result = actual <= n;
				break;
			default:
				result = actual === n;
		}
	} else {
		const a = actual.toLowerCase();
		const e = expected.toLowerCase();
		result = clause.operator === '~' ? a.includes(e) : a === e;
	}
	return clause.negated ? !result : result;
}

export function matchesQuery<T>(record: T, query: ParsedQuery, resource: SearchResource<T>): boolean {
	return query.combinator === 'OR'
		? query.clauses.some((c) => matchesClause(record, c, resource))
		: query.clauses.every((c) => matchesClause(record, c, resource));
}
