// /v1/customers: create, list, retrieve, update.
import { invalidParam, noSuch } from '../api-error';
import { applyMetadata, expandList, int, mergeMetadata, metadataPatch, obj, str } from '../param-readers';
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

/** Fields shared by create and update (Customers.d.ts CustomerCreateParams / CustomerUpdateParams). */
const customerFields = {
	name: p.string(),
	email: p.string(),
	phone: p.string(),
	description: p.string(),
	metadata: p.metadata(),
	// Positive = the customer owes; applied to the next finalized invoice (reference §1).
	balance: p.int(),
	invoice_prefix: p.string(),
	invoice_settings: p.object({ default_payment_method: p.string() }),
	expand: p.expand(),
};

function checkPrefix(prefix: string | null | undefined): void {
	// [M] Stripe's rule: 3-12 uppercase letters or digits.
	if (prefix && !/^[A-Z0-9]{3,12}$/.test(prefix)) {
		throw invalidParam(
			'invoice_prefix',
			'Invalid invoice_prefix: must be 3-12 uppercase letters or numbers.',
		);
	}
}

/** POST /v1/customers/:id: validate everything, then apply. [M] Only the fields above are modelled. */
function updateCustomer(account: AccountState, customer: CustomerRec, params: Record<string, unknown>): void {
	const prefix = str(params, 'invoice_prefix');
	checkPrefix(prefix);
	const metadata = mergeMetadata(customer.metadata, metadataPatch(params));
	const settings = obj(params, 'invoice_settings');
	const pmParam = settings ? str(settings, 'default_payment_method') : undefined;
	// The method must be this customer's; a test token is attached on the way (as on create).
	const pm = pmParam
		? account.resolvePaymentMethod(pmParam, customer.id, 'invoice_settings[default_payment_method]')
		: pmParam === undefined
			? undefined
			: null;
	if (pm && pm.customer === null) pm.customer = customer.id;
	if (pm !== undefined) customer.defaultPaymentMethod = pm?.id ?? null;
	for (const key of ['name', 'email', 'phone', 'description'] as const) {
		const value = str(params, key);
		if (value !== undefined) customer[key] = value;
	}
	const balance = int(params, 'balance');
	if (balance !== undefined) customer.balance = balance ?? 0;
	if (prefix) customer.invoicePrefix = prefix;
	customer.metadata = metadata;
}

export const customerRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/customers',
		object: 'customer',
		schema: { fields: { ...customerFields, payment_method: p.string() } },
		handle({ account, params }) {
			const prefix = str(params, 'invoice_prefix');
			checkPrefix(prefix);
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
			customer.balance = int(params, 'balance') ?? 0;
			return serializeCustomer(account, customer, expandList(params));
		},
	},
	{
		method: 'GET',
		path: '/v1/customers',
		object: 'customer',
		list: true,
		schema: { fields: { ...listFields, email: p.string(), created: p.range() } },
		handle({ account, params }) {
			const expand = itemExpansions(params);
			const email = str(params, 'email');
			const items = [...account.customers.values()].filter(
				(c) => (!email || c.email === email) && matchesCreated(c.created, params.created),
			);
			return paginate(items, params, '/v1/customers', 'customer', (c) =>
				serializeCustomer(account, c, expand),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/customers/:id',
		object: 'customer',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id, params }) {
			// [M] param 'id' for objects named in the URL (as for invoice items, reference §2).
			return serializeCustomer(account, requireCustomer(account, id, 'id', true), expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/customers/:id',
		object: 'customer',
		schema: { fields: customerFields },
		handle({ account, id, params }) {
			const customer = requireCustomer(account, id, 'id', true);
			updateCustomer(account, customer, params);
			return serializeCustomer(account, customer, expandList(params));
		},
	},
];
