// Automatic tax (Stripe Tax) as a model: a small fixed jurisdiction table, the customer's location
// taken the way docs.stripe.com/tax/customer-locations describes, and one archived TaxRate per
// jurisdiction, rate and tax behaviour (Stripe makes such rates for its calculations; they are
// "immediately archived", Invoices.d.ts TaxAmount.tax_rate_data). Everything outside the table is
// "not collecting". [M] the table, the rates and the taxability reasons are the emulator's choice.
import { newId, nowSeconds } from '../ids';
import type { AddressRec, CustomerRec, ShippingRec, TaxExempt, TaxRateRec } from '../records';
import type { AccountState } from '../store';

export interface TaxLocation {
	country: string;
	state: string | null;
	source: 'billing_address' | 'shipping_destination';
}

export type TaxabilityReason =
	| 'standard_rated'
	| 'not_collecting'
	| 'customer_exempt'
	| 'reverse_charge'
	| 'not_subject_to_tax';

interface Jurisdiction {
	country: string;
	state: string | null;
	percentage: string;
	displayName: string;
	taxType: 'vat' | 'sales_tax';
	jurisdiction: string;
	level: 'country' | 'state';
}

/** The modelled registrations: EU and UK VAT at the standard rate, two US states' sales tax. */
export const JURISDICTIONS: readonly Jurisdiction[] = [
	{
		country: 'DE',
		state: null,
		percentage: '19',
		displayName: 'VAT',
		taxType: 'vat',
		jurisdiction: 'DE',
		level: 'country',
	},
	{
		country: 'FR',
		state: null,
		percentage: '20',
		displayName: 'VAT',
		taxType: 'vat',
		jurisdiction: 'FR',
		level: 'country',
	},
	{
		country: 'IE',
		state: null,
		percentage: '23',
		displayName: 'VAT',
		taxType: 'vat',
		jurisdiction: 'IE',
		level: 'country',
	},
	{
		country: 'NL',
		state: null,
		percentage: '21',
		displayName: 'VAT',
		taxType: 'vat',
		jurisdiction: 'NL',
		level: 'country',
	},
	{
		country: 'GB',
		state: null,
		percentage: '20',
		displayName: 'VAT',
		taxType: 'vat',
		jurisdiction: 'GB',
		level: 'country',
	},
	{
		country: 'US',
		state: 'NY',
		percentage: '4',
		displayName: 'Sales Tax',
		taxType: 'sales_tax',
		jurisdiction: 'New York',
		level: 'state',
	},
	{
		country: 'US',
		state: 'WA',
		percentage: '6.5',
		displayName: 'Sales Tax',
		taxType: 'sales_tax',
		jurisdiction: 'Washington',
		level: 'state',
	},
];

/** [M] Stripe Tax's "nontaxable" product tax code. */
export const NONTAXABLE_TAX_CODE = 'txcd_00000000';
export const TAX_CODE_PATTERN = /^txcd_\d{8}$/;

/** [I] mozilla/fxa#20458 quotes this message; the code is in the SDK's error-code list. */
export const LOCATION_INVALID_MESSAGE =
	"The customer's location isn't recognized. Set a valid customer address in order to automatically calculate tax.";

function nonEmpty(address: AddressRec | null | undefined): address is AddressRec {
	return !!address && Object.values(address).some((v) => v !== null && v !== '');
}

/**
 * docs.stripe.com/invoicing/taxes: "Customers outside of the US need at least a country-level
 * address, while customers in the US require a 5-digit postal code. For Canada, we need at least the
 * province or postal code."
 */
function recognized(address: AddressRec): boolean {
	const country = address.country?.toUpperCase() ?? '';
	if (!/^[A-Z]{2}$/.test(country)) return false;
	if (country === 'US') return /^\d{5}(-\d{4})?$/.test(address.postal_code ?? '');
	if (country === 'CA') return !!(address.state || address.postal_code);
	return true;
}

/**
 * docs.stripe.com/tax/customer-locations: the shipping address if non-empty, else the billing
 * address; an address that is not precise enough means requires_location_inputs (null here).
 * [M] the payment method's and the IP address's fallbacks are not modelled.
 */
export function taxLocation(party: {
	address: AddressRec | null;
	shipping: ShippingRec | null;
}): TaxLocation | null {
	const shipping = party.shipping?.address;
	const [address, source] = nonEmpty(shipping)
		? [shipping, 'shipping_destination' as const]
		: [party.address, 'billing_address' as const];
	if (!nonEmpty(address) || !recognized(address)) return null;
	return { country: address.country!.toUpperCase(), state: address.state?.toUpperCase() ?? null, source };
}

export function customerLocation(customer: CustomerRec | undefined): TaxLocation | null {
	return customer ? taxLocation(customer) : null;
}

export interface AutomaticTaxDecision {
	rate: TaxRateRec;
	reason: TaxabilityReason;
}

function findJurisdiction(location: TaxLocation): Jurisdiction | undefined {
	return JURISDICTIONS.find(
		(j) => j.country === location.country && (j.state === null || j.state === location.state),
	);
}

/** The archived TaxRate automatic tax reports for one jurisdiction, rate and tax behaviour. */
function automaticRate(
	account: AccountState,
	location: TaxLocation,
	jurisdiction: Jurisdiction | undefined,
	percentage: string,
	inclusive: boolean,
): TaxRateRec {
	const key = `${location.country}/${jurisdiction?.state ?? ''}/${percentage}/${inclusive}`;
	const existing = account.taxRates.get(account.automaticTaxRates.get(key) ?? '');
	if (existing) return existing;
	const rate: TaxRateRec = {
		id: newId('txr'),
		seq: account.nextSeq(),
		created: nowSeconds(),
		displayName: jurisdiction?.displayName ?? 'Tax',
		percentage,
		inclusive,
		active: false,
		description: null,
		jurisdiction: jurisdiction?.jurisdiction ?? location.country,
		country: location.country,
		state: jurisdiction?.state ?? null,
		taxType: jurisdiction?.taxType ?? null,
		jurisdictionLevel: jurisdiction?.level ?? 'country',
		metadata: {},
	};
	account.taxRates.set(rate.id, rate);
	account.automaticTaxRates.set(key, rate.id);
	return rate;
}

/** What automatic tax charges on one line at `location`. */
export function automaticTaxFor(
	account: AccountState,
	location: TaxLocation,
	taxExempt: TaxExempt,
	taxCode: string | null,
	inclusive: boolean,
): AutomaticTaxDecision {
	const jurisdiction = findJurisdiction(location);
	const zero = (reason: TaxabilityReason) => ({
		rate: automaticRate(account, location, jurisdiction, '0', inclusive),
		reason,
	});
	if (taxExempt === 'exempt') return zero('customer_exempt');
	if (taxExempt === 'reverse') return zero('reverse_charge');
	if (taxCode === NONTAXABLE_TAX_CODE) return zero('not_subject_to_tax');
	if (!jurisdiction) return zero('not_collecting');
	return {
		rate: automaticRate(account, location, jurisdiction, jurisdiction.percentage, inclusive),
		reason: 'standard_rated',
	};
}
