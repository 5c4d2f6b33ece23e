// Invoice parameters stored with light rules: automatic_tax (acted on in pricing/), payment_settings
// (bank transfer rules in payment-settings.ts), custom_fields, rendering. Plus the statement
// descriptor rules.
import { invalidParam } from '../api-error';
import { bool, list, obj } from '../param-readers';
import { p, type Fields } from '../param-schema';
import type { InvoiceRec } from '../records';
import { paymentSettingsSpec } from './payment-settings';

/** Invoices.d.ts CustomField: name "up to 40 characters", value "up to 140 characters". */
export const invoiceExtras: Fields = {
	automatic_tax: p.object(
		{
			enabled: p.bool(),
			liability: p.object({ type: p.oneOf('account', 'self'), account: p.string() }, ['type']),
		},
		['enabled'],
	),
	custom_fields: p.array(p.object({ name: p.string(40), value: p.string(140) }, ['name', 'value'])),
	payment_settings: paymentSettingsSpec,
	rendering: p.object({
		amount_tax_display: p.oneOf('exclude_tax', 'include_inclusive_tax'),
		pdf: p.object({ page_size: p.oneOf('a4', 'auto', 'letter') }),
		template: p.string(),
		template_version: p.int(),
	}),
};

// [D] An invoice takes at most 4 custom fields (the same limit as customer invoice_settings).
const MAX_CUSTOM_FIELDS = 4;

type Extras = Pick<InvoiceRec, 'automaticTax' | 'paymentSettings' | 'customFields' | 'rendering'>;

/** The extras after this request: absent params keep `current`, '' clears. Validates first. */
export function readExtras(params: Record<string, unknown>, current: Extras): Extras {
	const fields = list(params, 'custom_fields');
	if (fields && fields.length > MAX_CUSTOM_FIELDS) {
		throw invalidParam('custom_fields', `You can have at most ${MAX_CUSTOM_FIELDS} custom fields.`); // [M]
	}
	const tax = obj(params, 'automatic_tax');
	const settings = obj(params, 'payment_settings');
	const rendering = obj(params, 'rendering');
	return {
		automaticTax: tax === undefined ? current.automaticTax : (bool(tax ?? {}, 'enabled') ?? false),
		// payment_settings and rendering merge per sub-field, like other nested hashes on update.
		paymentSettings:
			settings === undefined
				? current.paymentSettings
				: settings && { ...current.paymentSettings, ...settings },
		customFields:
			fields === undefined
				? current.customFields
				: fields && fields.map((f) => ({ name: String(f.name), value: String(f.value) })),
		rendering:
			rendering === undefined ? current.rendering : rendering && { ...current.rendering, ...rendering },
	};
}

/**
 * Invoices.d.ts statement_descriptor: "It must contain at least one letter."; Stripe's statement
 * descriptor rules add 5-22 characters and none of < > \ ' " *. [M] message wording.
 */
export function checkStatementDescriptor(value: string | null | undefined): string | null | undefined {
	if (value == null) return value;
	const refuse = (why: string) =>
		invalidParam('statement_descriptor', `Invalid statement_descriptor: ${why}`);
	if (value.length < 5 || value.length > 22) throw refuse('must be between 5 and 22 characters long.');
	if (!/[A-Za-z]/.test(value)) throw refuse('must contain at least one letter.');
	if (/[<>\\'"*]/.test(value)) throw refuse('cannot contain any of the characters < > \\ \' " *.');
	return value;
}
