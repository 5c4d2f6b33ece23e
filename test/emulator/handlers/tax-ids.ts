// /v1/tax_ids for the account's own tax IDs (owner[type]=self), which invoices name in
// account_tax_ids. [M] Customer-owned tax IDs and value formats are not modelled.
import { invalidParam, noSuch } from '../api-error';
import { newId, nowSeconds } from '../ids';
import { str, strList } from '../param-readers';
import { p } from '../param-schema';
import type { TaxIdRec } from '../records';
import { serializeTaxId } from '../render-billing';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';

/** [M] An invoice shows at most this many account tax IDs. */
export const MAX_ACCOUNT_TAX_IDS = 5;

/** Every id must be one of the account's tax IDs. Returns the ids (null when cleared with ''). */
export function checkAccountTaxIds(
	account: AccountState,
	params: Record<string, unknown>,
): string[] | null | undefined {
	const ids = strList(params, 'account_tax_ids');
	if (ids === undefined || ids === null) return ids;
	if (ids.length > MAX_ACCOUNT_TAX_IDS) {
		throw invalidParam('account_tax_ids', `You can set at most ${MAX_ACCOUNT_TAX_IDS} account tax IDs.`); // [M]
	}
	ids.forEach((id, i) => {
		if (!account.taxIds.has(id)) throw noSuch('tax ID', id, `account_tax_ids[${i}]`, false); // [M] label
	});
	return ids;
}

export const taxIdRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/tax_ids',
		object: 'tax_id',
		schema: {
			fields: {
				type: p.string(),
				value: p.string(),
				owner: p.object({ type: p.oneOf('self') }, ['type']),
				expand: p.expand(),
			},
			required: ['type', 'value'],
		},
		handle({ account, params }) {
			const type = str(params, 'type') ?? '';
			// TaxIds.d.ts types look like `eu_vat`, `gb_vat`, `us_ein`. [M] only the shape is checked.
			if (!/^[a-z]{2}_[a-z_]+$/.test(type)) throw invalidParam('type', `Invalid type: ${type}`);
			const taxId: TaxIdRec = {
				id: newId('txi'),
				created: nowSeconds(),
				type,
				value: str(params, 'value') ?? '',
				country:
					type === 'eu_vat'
						? (str(params, 'value') ?? '').slice(0, 2).toUpperCase()
						: type.slice(0, 2).toUpperCase(),
			};
			account.taxIds.set(taxId.id, taxId);
			return serializeTaxId(account, taxId);
		},
	},
	{
		method: 'GET',
		path: '/v1/tax_ids/:id',
		object: 'tax_id',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id }) {
			const taxId = account.taxIds.get(id);
			if (!taxId) throw noSuch('tax ID', id, 'id', true);
			return serializeTaxId(account, taxId);
		},
	},
];
