import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { STRIPE_OBJECTS, type StripeObjectKind } from '../../../shared/stripeObjects';
import type { BankTransferType, CollectionMethod, PaymentSettings } from '../../../shared/transport/types';
import { discountsOption, readDiscounts, type DiscountInput } from './discounts';
import { byDisplayName } from './fields';
import { describeValue, invalid } from './parse/invalid';
import { MAX_AMOUNT, minorUnits } from './parse/money';
import type { RowInput } from './rowInput';

/** The invoice-wide settings beyond collection: tax, discounts, what the invoice shows, Connect. */
export interface InvoiceExtras {
	discounts?: DiscountInput[];
	default_tax_rates?: string[];
	automatic_tax?: { enabled: boolean };
	account_tax_ids?: string[];
	custom_fields?: Array<{ name: string; value: string }>;
	statement_descriptor?: string;
	footer?: string;
	payment_settings?: PaymentSettings;
	on_behalf_of?: string;
	application_fee_amount?: number;
	transfer_data?: { destination: string; amount?: number };
}

/** Whether the customer's pending invoice items join the invoice. */
export const pendingItemsField: INodeProperties = {
	displayName: 'Pending Invoice Items',
	name: 'pendingInvoiceItemsBehavior',
	type: 'options',
	default: 'exclude',
	options: [
		{ name: 'Exclude', value: 'exclude', description: 'Start with an empty invoice' },
		{
			name: 'Include',
			value: 'include',
			description: "Pull in the customer's pending invoice items in the invoice's currency",
		},
	],
};

const CUSTOM_FIELDS = { count: 4, name: 40, value: 140 } as const;
const BANK_TRANSFER_TYPES: Array<{ name: string; value: BankTransferType; description: string }> = [
	{
		name: 'EU Bank Transfer (EUR)',
		value: 'eu_bank_transfer',
		description: 'Needs the Bank Transfer Country',
	},
	{
		name: 'GB Bank Transfer (GBP)',
		value: 'gb_bank_transfer',
		description: 'UK account number and sort code',
	},
	{ name: 'JP Bank Transfer (JPY)', value: 'jp_bank_transfer', description: 'Zengin' },
	{ name: 'MX Bank Transfer (MXN)', value: 'mx_bank_transfer', description: 'SPEI' },
	{ name: 'US Bank Transfer (USD)', value: 'us_bank_transfer', description: 'ACH and wire' },
];
/** The countries Stripe's EU bank transfers are offered in. */
const EU_TRANSFER_COUNTRIES = ['BE', 'DE', 'ES', 'FR', 'IE', 'NL'];

const idList = (
	displayName: string,
	name: string,
	kind: StripeObjectKind,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder: `${kind.prefix}1…, ${kind.prefix}2…`,
	description,
});

const paymentMethodTypesOption: INodeProperties = {
	displayName: 'Payment Methods',
	name: 'paymentMethodTypes',
	type: 'multiOptions',
	default: [],
	description:
		"How the customer may pay a Send Invoice (leave empty for the account's invoice settings). Bank Transfer gives the invoice its own bank details; the transfer lands in the customer's cash balance, which pays the invoice (and funds already there pay it at once).",
	options: [
		{ name: 'Card', value: 'card' },
		{ name: 'Bank Transfer (Customer Balance)', value: 'customer_balance' },
	],
};

const bankTransferTypeOption: INodeProperties = {
	displayName: 'Bank Transfer Type',
	name: 'bankTransferType',
	type: 'options',
	default: 'us_bank_transfer',
	description: "Where the customer's bank transfer goes; it must match the invoice's currency",
	options: BANK_TRANSFER_TYPES,
};

/** The invoice-level options Create, Update and Invoice & Collect share, in the editor's order. */
export const invoiceExtraOptions: INodeProperties[] = (
	[
		idList(
			'Account Tax IDs',
			'accountTaxIds',
			STRIPE_OBJECTS.taxId,
			"Your business's tax IDs (txi_…) to show on the invoice, comma-separated",
		),
		{
			displayName: 'Application Fee Amount',
			name: 'applicationFeeAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				"Connect: your platform's fee in the currency's smallest unit, taken from the payment. Needs Stripe Account (a direct charge) or Transfer Destination (a destination charge).",
		},
		{
			displayName: 'Automatic Tax (Stripe Tax)',
			name: 'automaticTax',
			type: 'boolean',
			default: false,
			description:
				"Whether Stripe Tax computes the tax from the customer's location: the customer needs an address (a country; in the US a postal code) or a shipping address, and your account needs Stripe Tax set up with a registration there",
		},
		{ ...bankTransferTypeOption },
		{
			displayName: 'Bank Transfer Country',
			name: 'bankTransferCountry',
			type: 'options',
			default: 'DE',
			description: 'For an EU bank transfer: the country of the bank details the invoice shows',
			options: EU_TRANSFER_COUNTRIES.map((code) => ({ name: code, value: code })),
		},
		{
			displayName: 'Custom Fields',
			name: 'customFields',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Custom Field',
			description: `Name/value pairs shown on the invoice, e.g. a PO number (at most ${CUSTOM_FIELDS.count}; name up to ${CUSTOM_FIELDS.name}, value up to ${CUSTOM_FIELDS.value} characters)`,
			options: [
				{
					name: 'field',
					displayName: 'Field',
					values: [
						{ displayName: 'Name', name: 'name', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		idList(
			'Default Tax Rate IDs',
			'defaultTaxRates',
			STRIPE_OBJECTS.taxRate,
			'Tax rates (txr_…) for every line that has none of its own, comma-separated',
		),
		discountsOption,
		{
			displayName: 'Footer',
			name: 'footer',
			type: 'string',
			default: '',
			description: 'Footer shown on the invoice',
		},
		{
			displayName: 'On Behalf Of',
			name: 'onBehalfOf',
			type: 'string',
			default: '',
			placeholder: 'acct_1…',
			description: 'Connect: the connected account the invoice is issued for (its name and tax details show)',
		},
		paymentMethodTypesOption,
		{
			displayName: 'Statement Descriptor',
			name: 'statementDescriptor',
			type: 'string',
			default: '',
			description:
				"What the customer's card statement shows: 5 to 22 characters, at least one letter, none of &lt; &gt; \\ ' \" *",
		},
		{
			displayName: 'Transfer Amount',
			name: 'transferAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 0, numberPrecision: 0 },
			description:
				'Connect: how much of the payment goes to the Transfer Destination, in the smallest unit (default: all of it)',
		},
		{
			displayName: 'Transfer Destination',
			name: 'transferDestination',
			type: 'string',
			default: '',
			placeholder: 'acct_1…',
			description: 'Connect: the connected account the payment is transferred to (a destination charge)',
		},
	] as INodeProperties[]
).sort(byDisplayName);

function idsOf(row: RowInput, value: unknown, field: string, kind: StripeObjectKind): string[] | undefined {
	const text = row.optionalText(value, field);
	if (!text) return undefined;
	return text
		.split(',')
		.map((id) => id.trim())
		.filter(Boolean)
		.map((id) => row.id(id, field, kind));
}

function minorOption(row: RowInput, value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	return row.check(field, () => {
		const minor = minorUnits(value);
		if (minor < 0 || minor > MAX_AMOUNT)
			invalid(`must be from 0 to ${MAX_AMOUNT}, got ${describeValue(value)}`);
		return minor;
	});
}

function customFields(row: RowInput, value: unknown): InvoiceExtras['custom_fields'] {
	return row.check('Custom Fields', () => {
		if (value === undefined || value === null || value === '') return undefined;
		const entries = (value as IDataObject)?.field;
		if (typeof value !== 'object' || !Array.isArray(entries))
			invalid(`must be name/value fields, got ${describeValue(value)}`);
		if (entries.length > CUSTOM_FIELDS.count)
			invalid(`has ${entries.length} fields; Stripe shows at most ${CUSTOM_FIELDS.count}`);
		return (entries as IDataObject[]).map(({ name, value: text }, index) => {
			const label = `field ${index + 1}`;
			if (typeof name !== 'string' || !name.trim()) invalid(`${label} needs a name`);
			if (typeof text !== 'string' && typeof text !== 'number') invalid(`${label} needs a value (text)`);
			const [n, v] = [name.trim(), String(text).trim()];
			if (!v) invalid(`${label} needs a value`);
			if (n.length > CUSTOM_FIELDS.name)
				invalid(`${label}'s name is longer than ${CUSTOM_FIELDS.name} characters`);
			if (v.length > CUSTOM_FIELDS.value)
				invalid(`${label}'s value is longer than ${CUSTOM_FIELDS.value} characters`);
			return { name: n, value: v };
		});
	});
}

function statementDescriptor(row: RowInput, value: unknown): string | undefined {
	const text = row.optionalText(value, 'Statement Descriptor');
	if (text === undefined) return undefined;
	return row.check('Statement Descriptor', () => {
		if (text.length < 5 || text.length > 22) invalid(`must be 5 to 22 characters, got ${text.length}`);
		if (!/[A-Za-z]/.test(text)) invalid('must contain at least one letter');
		if (/[<>\\'"*]/.test(text)) invalid('must not contain < > \\ \' " or *');
		return text;
	});
}

function paymentSettings(
	row: RowInput,
	fields: IDataObject,
	collectionMethod: CollectionMethod | undefined,
): PaymentSettings | undefined {
	const raw = fields.paymentMethodTypes;
	if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
		if (fields.bankTransferType !== undefined || fields.bankTransferCountry !== undefined)
			row.fail('Bank Transfer Type', 'applies only when Payment Methods include Bank Transfer');
		return undefined;
	}
	if (!Array.isArray(raw)) row.fail('Payment Methods', `must be a list, got ${describeValue(raw)}`);
	const types = raw.map((type) => row.choice<'card' | 'customer_balance'>(type, paymentMethodTypesOption));
	if (collectionMethod !== undefined && collectionMethod !== 'send_invoice')
		row.fail(
			'Payment Methods',
			'apply to invoices emailed to the customer: set the collection method to "Send Invoice"',
		);
	if (!types.includes('customer_balance')) {
		if (fields.bankTransferType !== undefined)
			row.fail('Bank Transfer Type', 'applies only with the Bank Transfer payment method');
		return { payment_method_types: types };
	}
	const type = row.choice<BankTransferType>(
		fields.bankTransferType ?? bankTransferTypeOption.default,
		bankTransferTypeOption,
	);
	let country: string | undefined;
	if (type === 'eu_bank_transfer') {
		country = row.check('Bank Transfer Country', () => {
			const code = fields.bankTransferCountry ?? 'DE';
			if (typeof code !== 'string' || !EU_TRANSFER_COUNTRIES.includes(code))
				invalid(`must be one of ${EU_TRANSFER_COUNTRIES.join(', ')}, got ${describeValue(code)}`);
			return code;
		});
	} else if (fields.bankTransferCountry !== undefined) {
		row.fail('Bank Transfer Country', 'applies only to an EU bank transfer');
	}
	return {
		payment_method_types: types,
		payment_method_options: {
			customer_balance: {
				funding_type: 'bank_transfer',
				bank_transfer: { type, ...(country ? { eu_bank_transfer: { country } } : {}) },
			},
		},
	};
}

/**
 * Connect's rules, checked before any call: a platform fee needs a Connect charge (the Stripe
 * Account option: a direct charge; or a Transfer Destination: a destination charge), and a fee
 * and a transfer amount are two ways of saying the same split, so only one may be given.
 */
function connect(
	row: RowInput,
	fields: IDataObject,
	stripeAccount: string | undefined,
): Partial<InvoiceExtras> {
	const onBehalfOf = row.optionalId(fields.onBehalfOf, 'On Behalf Of', STRIPE_OBJECTS.account);
	const fee = minorOption(row, fields.applicationFeeAmount, 'Application Fee Amount');
	const destination = row.optionalId(
		fields.transferDestination,
		'Transfer Destination',
		STRIPE_OBJECTS.account,
	);
	const amount = minorOption(row, fields.transferAmount, 'Transfer Amount');
	if (amount !== undefined && !destination) row.fail('Transfer Amount', 'needs a Transfer Destination');
	if (fee !== undefined && amount !== undefined)
		row.fail(
			'Application Fee Amount',
			'cannot be combined with a Transfer Amount: give the fee, or what the destination receives',
		);
	if (fee !== undefined && !stripeAccount && !destination)
		row.fail(
			'Application Fee Amount',
			'needs a Connect charge: set Stripe Account (a direct charge on that account) or Transfer Destination (a destination charge)',
		);
	return {
		on_behalf_of: onBehalfOf,
		application_fee_amount: fee,
		transfer_data: destination ? { destination, ...(amount !== undefined ? { amount } : {}) } : undefined,
	};
}

/**
 * The row's invoice-wide settings from a collection (Additional Fields, Update Fields, Options).
 * What another field decides — the collection method, the Connect account — comes in as
 * arguments, read by the caller, so nothing here depends on the order fields are read in.
 */
export function readInvoiceExtras(
	row: RowInput,
	fields: IDataObject,
	{
		collectionMethod,
		stripeAccount,
	}: { collectionMethod: CollectionMethod | undefined; stripeAccount: string | undefined },
): InvoiceExtras {
	const automaticTax = row.optionalBoolean(fields.automaticTax, 'Automatic Tax (Stripe Tax)');
	return {
		discounts: readDiscounts(row, fields.discounts),
		default_tax_rates: idsOf(row, fields.defaultTaxRates, 'Default Tax Rate IDs', STRIPE_OBJECTS.taxRate),
		automatic_tax: automaticTax === undefined ? undefined : { enabled: automaticTax },
		account_tax_ids: idsOf(row, fields.accountTaxIds, 'Account Tax IDs', STRIPE_OBJECTS.taxId),
		custom_fields: customFields(row, fields.customFields),
		statement_descriptor: statementDescriptor(row, fields.statementDescriptor),
		footer: row.optionalText(fields.footer, 'Footer', 5000),
		payment_settings: paymentSettings(row, fields, collectionMethod),
		...connect(row, fields, stripeAccount),
	};
}

/** Whether the invoice's total depends on more than its lines: discounts or tax. */
export function adjustsTotal(extras: InvoiceExtras): boolean {
	return !!(extras.discounts?.length || extras.default_tax_rates?.length || extras.automatic_tax?.enabled);
}
