// /v1/customers: create, list, retrieve, update.
import { invalidParam, invalidRequest, noSuch } from '../api-error';
import { LOCATION_INVALID_MESSAGE, taxLocation } from '../pricing/automatic-tax';
import { applyMetadata, expandList, int, mergeMetadata, metadataPatch, obj, str } from '../param-readers';
import { listFields, p } from '../param-schema';
import { serializeCustomer } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import type { AddressRec, CustomerRec, ShippingRec, TaxExempt } from '../records';
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

const addressSpec = p.object({
	city: p.string(),
	country: p.string(),
	line1: p.string(),
	line2: p.string(),
	postal_code: p.string(),
	state: p.string(),
});

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
	address: addressSpec,
	shipping: p.object({ address: addressSpec, name: p.string(), phone: p.string() }, ['address', 'name']),
	tax_exempt: p.oneOf('exempt', 'none', 'reverse'),
	tax: p.object({ ip_address: p.string(), validate_location: p.oneOf('deferred', 'immediately') }),
	expand: p.expand(),
};

function readAddress(raw: Record<string, unknown> | null | undefined): AddressRec | null {
	if (!raw) return null;
	const field = (key: string) => str(raw, key) ?? null;
	return {
		city: field('city'),
		country: field('country'),
		line1: field('line1'),
		line2: field('line2'),
		postal_code: field('postal_code'),
		state: field('state'),
	};
}

type TaxFields = Pick<CustomerRec, 'address' | 'shipping' | 'taxExempt' | 'taxIpAddress'>;

/**
 * Address, shipping and tax details after this request ('' clears). CustomerCreateParams.Tax
 * validate_location `immediately` refuses an address Stripe Tax cannot place
 * (docs.stripe.com/tax/customer-locations: it prevents "customer_tax_location_invalid errors later").
 */
function readTaxFields(params: Record<string, unknown>, current: TaxFields): TaxFields {
	const address = params.address === undefined ? current.address : readAddress(obj(params, 'address'));
	const shippingParam = obj(params, 'shipping');
	const shipping: ShippingRec | null =
		shippingParam === undefined
			? current.shipping
			: shippingParam && {
					address: readAddress(obj(shippingParam, 'address'))!,
					name: str(shippingParam, 'name') ?? '',
					phone: str(shippingParam, 'phone') ?? null,
				};
	const tax = obj(params, 'tax') ?? {};
	const next: TaxFields = {
		address,
		shipping,
		taxExempt:
			params.tax_exempt === undefined
				? current.taxExempt
				: ((str(params, 'tax_exempt') ?? 'none') as TaxExempt),
		taxIpAddress: tax.ip_address === undefined ? current.taxIpAddress : (str(tax, 'ip_address') ?? null),
	};
	if (str(tax, 'validate_location') === 'immediately' && !taxLocation(next)) {
		throw invalidRequest(LOCATION_INVALID_MESSAGE, {
			code: 'customer_tax_location_invalid',
			param: 'address',
			validation: true,
		});
	}
	return next;
}

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
	const taxFields = readTaxFields(params, customer);
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
	Object.assign(customer, taxFields);
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
			const taxFields = readTaxFields(params, {
				address: null,
				shipping: null,
				taxExempt: 'none',
				taxIpAddress: null,
			});
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
			Object.assign(customer, taxFields);
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
