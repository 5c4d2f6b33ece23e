// Tax rate rules shared by invoices, invoice items, add_lines and create_preview, plus
// POST /v1/tax_rates/:id and GET /v1/tax_rates (create and retrieve are in catalog.ts).
import { invalidParam, noSuch } from '../api-error';
import { bool, mergeMetadata, metadataPatch, str, strList } from '../param-readers';
import { listFields, p } from '../param-schema';
import { TAX_CODE_PATTERN } from '../pricing/automatic-tax';
import { serializeTaxRate } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { matchesCreated, paginate } from './pagination';

/** docs.stripe.com/invoicing/taxes/tax-rates: "You can add up to ten tax rates to each line item." */
export const MAX_TAX_RATES = 10;

/**
 * Every id must name an active tax rate of the account: "No such tax rate: 'txr_x'" (400) for an
 * unknown one. TaxRates.d.ts active: "When set to false, this tax rate cannot be used with new
 * applications". Returns the ids ('' clears: []).
 */
export function checkTaxRateIds(
	account: AccountState,
	params: Record<string, unknown>,
	key: string,
	param: string,
): string[] | undefined {
	const ids = strList(params, key);
	if (ids === undefined) return undefined;
	// [M] wordings of the two refusals below.
	if ((ids ?? []).length > MAX_TAX_RATES) {
		throw invalidParam(param, `You can apply at most ${MAX_TAX_RATES} tax rates.`);
	}
	(ids ?? []).forEach((id, i) => {
		const rate = account.taxRates.get(id);
		if (!rate) throw noSuch('tax rate', id, param, false);
		if (!rate.active) {
			throw invalidParam(
				`${param}[${i}]`,
				`The tax rate ${id} is inactive and cannot be applied to new invoices or invoice items.`,
			);
		}
	});
	return ids ?? [];
}

/** A Stripe Tax product tax code (`txcd_` and 8 digits); '' clears. [M] wording. */
export function checkTaxCode(value: string | null | undefined, param: string): string | null {
	if (value == null) return null;
	if (!TAX_CODE_PATTERN.test(value)) throw noSuch('tax code', value, param, false);
	return value;
}

export const taxRateRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/tax_rates/:id',
		object: 'tax_rate',
		schema: {
			fields: {
				active: p.bool(),
				country: p.string(),
				description: p.string(),
				display_name: p.string(),
				expand: p.expand(),
				jurisdiction: p.string(),
				metadata: p.metadata(),
				state: p.string(),
				tax_type: p.string(),
			},
		},
		handle({ account, id, params }) {
			const rate = account.taxRates.get(id);
			if (!rate) throw noSuch('tax rate', id, 'tax_rate', true);
			const metadata = mergeMetadata(rate.metadata, metadataPatch(params));
			const active = bool(params, 'active');
			if (active != null) rate.active = active;
			for (const [key, field] of [
				['country', 'country'],
				['description', 'description'],
				['jurisdiction', 'jurisdiction'],
				['state', 'state'],
				['tax_type', 'taxType'],
			] as const) {
				const value = str(params, key);
				if (value !== undefined) rate[field] = value;
			}
			const name = str(params, 'display_name');
			if (name) rate.displayName = name;
			rate.metadata = metadata;
			return serializeTaxRate(account, rate);
		},
	},
	{
		method: 'GET',
		path: '/v1/tax_rates',
		object: 'tax_rate',
		list: true,
		schema: { fields: { ...listFields, active: p.bool(), inclusive: p.bool(), created: p.range() } },
		handle({ account, params }) {
			const active = bool(params, 'active');
			const inclusive = bool(params, 'inclusive');
			// [I] stripe-python#1363: the rates automatic tax made are retrievable but not listed.
			const automatic = new Set(account.automaticTaxRates.values());
			const items = [...account.taxRates.values()].filter(
				(r) =>
					!automatic.has(r.id) &&
					(active == null || r.active === active) &&
					(inclusive == null || r.inclusive === inclusive) &&
					matchesCreated(r.created, params.created),
			);
			return paginate(items, params, '/v1/tax_rates', 'tax rate', (r) => serializeTaxRate(account, r));
		},
	},
];
