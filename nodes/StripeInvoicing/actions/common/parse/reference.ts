import { containsSecret } from '../../../../shared/transport/redact';
import { describeValue, invalid } from './invalid';
import { METADATA_LIMITS } from './metadata';

// Characters a person cannot see or tell apart from a space: controls, format characters (zero-width
// space, joiners, bidi marks, BOM), other invisible code points, line and paragraph separators, and
// every kind of space but the plain one (a no-break space looks like a space).
const INVISIBLE =
	/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )[\p{Zs}\s]/u;

/**
 * A billing reference (an order ID) as the one spelling a person means: text or a number, in
 * Unicode NFC (so "Café-1001" typed with a combining accent is the same order as with "é"),
 * without spaces around it. A reference with a character nobody can see is refused rather than
 * cleaned: two references that look the same must be the same order, and only visible text can be.
 * Undefined when empty.
 */
export function referenceText(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string') invalid(`must be text or a number, got ${describeValue(value)}`);
	const text = value.normalize('NFC').replace(/^ +| +$/g, '');
	if (text === '') return undefined;
	const hidden = INVISIBLE.exec(text);
	if (hidden) {
		const code = hidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
		invalid(
			`contains an invisible or control character (U+${code}) at position ${hidden.index + 1}; type the reference again without it`,
		);
	}
	if (containsSecret(text))
		invalid('looks like it contains a Stripe secret key; never use a key as a reference');
	if (text.length > METADATA_LIMITS.valueLength)
		invalid(`must be at most ${METADATA_LIMITS.valueLength} characters, got ${text.length}`);
	return text;
}
