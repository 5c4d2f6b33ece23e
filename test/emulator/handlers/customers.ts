// /v1/customers: create, list, retrieve.
import { invalidParam, noSuch } from '../api-error';
import { metadataPatch, obj, str, applyMetadata } from '../param-readers';
import { listFields, p } from '../param-schema';
import { serializeCustomer } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import type { CustomerRec } from '../records';
import { itemExpansions, matchesCreated, paginate } from './pagination';

export function requireCustomer(
	account: AccountState,
	id: string,
	param: string,
	inUrl = false,
): CustomerRec {
	const customer = account.customers.get(id);
	if (!customer) throw noSuch('customer', id, param, inUrl);
	return customer;
}

export const customerRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/customers',
		schema: {
			fields: {
				name: p.string(),
				email: p.string(),
				phone: p.string(),
				description: p.string(),
				metadata: p.metadata(),
				payment_method: p.string(),
				invoice_prefix: p.string(),
				invoice_settings: p.object({ default_payment_method: p.string() }),
				expand: p.expand(),
			},
		},
		handle({ account, params }) {
			const prefix = str(params, 'invoice_prefix');
			// [M] Stripe's rule: 3-12 uppercase letters or digits.
			if (prefix && !/^[A-Z0-9]{3,12}$/.test(prefix)) {
				throw invalidParam(
					'invoice_prefix',
					'Invalid invoice_prefix: must be 3-12 uppercase letters or numbers.',
				);
			}
			const pmParam = str(params, 'payment_method');
			const defaultParam = str(obj(params, 'invoice_settings') ?? {}, 'default_payment_method');
			// Resolve before creating anything so a bad token leaves no half-made customer behind.
			const attached = pmParam ? account.resolvePaymentMethod(pmParam, null, 'payment_method') : undefined;
			const defaultPm =
				defaultParam && defaultParam !== pmParam
					? account.resolvePaymentMethod(defaultParam, null, 'invoice_settings[default_payment_method]')
					: defaultParam
						? attached
						: undefined;
			const customer = account.addCustomer({
				name: str(params, 'name'),
				email: str(params, 'email'),
				phone: str(params, 'phone'),
				description: str(params, 'description'),
				metadata: applyMetadata({}, metadataPatch(params)),
				invoicePrefix: prefix,
			});
			for (const pm of [attached, defaultPm]) if (pm && pm.customer === null) pm.customer = customer.id;
			customer.defaultPaymentMethod = defaultPm?.id ?? null;
			return serializeCustomer(account, customer);
		},
	},
	{
		method: 'GET',
		path: '/v1/customers',
		schema: { fields: { ...listFields, email: p.string(), created: p.range() } },
		handle({ account, params }) {
			itemExpansions(params);
			const email = str(params, 'email');
			const items = [...account.customers.values()].filter(
				(c) => (!email || c.email === email) && matchesCreated(c.created, params.created),
			);
			return paginate(items, params, '/v1/customers', 'customer', (c) => serializeCustomer(account, c));
		},
	},
	{
		method: 'GET',
		path: '/v1/customers/:id',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id }) {
			// [M] param 'id' for objects named in the URL (as for invoice items, reference §2).
			return serializeCustomer(account, requireCustomer(account, id, 'id', true));
		},
	},
];
