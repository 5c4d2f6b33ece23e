import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { InvoiceItemCreateBody, InvoiceLine, PreviewItem } from '../../../../shared/transport/types';
import { checkWithinMaximum, MAX_AMOUNT, unitsTotal } from '../../common/parse/money';
import { plainDecimal } from '../../common/parse/numbers';
import type { AmountUnit, RowInput } from '../../common/rowInput';
import { byDisplayName } from '../../common/fields';
import { lineTaxOptions, readLineExtras, readQuantity } from '../../invoiceItem/itemFields';
import { STRIPE_OBJECTS } from '../../../../shared/stripeObjects';

/** Stripe allows at most 250 lines on one invoice. */
export const MAX_LINES = 250;

const lineSourceField: INodeProperties = {
	displayName: 'Lines',
	name: 'lineSource',
	type: 'options',
	noDataExpression: true,
	default: 'single',
	options: [
		{ name: 'One Line', value: 'single', description: 'An amount and a description' },
		{ name: 'Line Items', value: 'list', description: 'Several lines entered here' },
		{
			name: 'Lines From Expression',
			value: 'json',
			description: "An array from an upstream field, e.g. an order's items",
		},
	],
};

const lineDiscountableOption: INodeProperties = {
	displayName: 'Discountable',
	name: 'discountable',
	type: 'boolean',
	default: true,
	description: "Whether the invoice's discounts apply to this line",
};

/** The one line's tax and discounts, in Invoice & Collect's Options (shown for One Line). */
export function singleLineOptions(): INodeProperties[] {
	const forSingle = { show: { '/lineSource': ['single'] } };
	return [
		...lineTaxOptions('line'),
		{ ...lineDiscountableOption, displayName: 'Line Discountable', name: 'lineDiscountable' },
	].map((option) => ({ ...option, displayOptions: forSingle }));
}

/** Lines are flat objects; deeper nesting is a mistake (or an attack on the parser). */
const MAX_JSON_DEPTH = 8;

export function lineFields(displayOptions: IDisplayOptions): INodeProperties[] {
	const show = (source: string) => ({ show: { ...displayOptions.show, lineSource: [source] } });
	return [
		{ ...lineSourceField, displayOptions },
		{
			displayName: 'Line Items',
			name: 'lineItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			default: {},
			placeholder: 'Add Line',
			displayOptions: show('list'),
			options: [
				{
					name: 'line',
					displayName: 'Line',
					values: (
						[
							{
								displayName: 'Amount',
								name: 'amount',
								type: 'number',
								default: 0,
								description:
									'Amount in the Amount Unit: the line total, or the unit price when Quantity is above 1 (leave 0 and set a Price ID to bill a price)',
							},
							{ displayName: 'Description', name: 'description', type: 'string', default: '' },
							lineDiscountableOption,
							{
								displayName: 'Price ID',
								name: 'price',
								type: 'string',
								default: '',
								placeholder: 'price_1PqR…',
								description: 'Bill an existing price instead of an amount',
							},
							{
								displayName: 'Quantity',
								name: 'quantity',
								type: 'number',
								default: 1,
								typeOptions: { minValue: 1, numberPrecision: 0 },
								description: 'Units of the price or of the custom amount',
							},
							...lineTaxOptions(),
						] as INodeProperties[]
					).sort(byDisplayName),
				},
			],
		},
		{
			displayName: 'Lines (JSON)',
			name: 'linesJson',
			type: 'json',
			default: '[{ "amount": 1999, "description": "Pro plan" }, { "price": "price_123", "quantity": 2 }]',
			description:
				'An array of lines, each with "amount" (per unit) or "price" (a price_ ID), and optionally "quantity", "description", "taxRates" (txr_ IDs), "taxCode" (txcd_…), "discounts" (coupon, promo_ or di_ IDs) and "discountable". Usually an expression pointing at an array field of the incoming item, such as the items of an order.',
			displayOptions: show('json'),
		},
	];
}

const LINE_KEYS = new Set([
	'amount',
	'price',
	'quantity',
	'description',
	'taxRates',
	'taxCode',
	'discounts',
	'discountable',
]);

/** No amount: absent, empty, or zero (the Line Items default when a price is billed). 0 and "0" alike. */
function noAmount(value: unknown): boolean {
	if (value === undefined || value === null || value === '') return true;
	try {
		return Number(plainDecimal(value)) === 0;
	} catch {
		return false;
	}
}

function readLine(
	row: RowInput,
	raw: unknown,
	label: string,
	currency: string,
	unit: AmountUnit,
): InvoiceLine {
	if (!raw || typeof raw !== 'object' || Array.isArray(raw))
		row.fail(label, 'must be an object such as { "amount": 1999 }');
	const entry = raw as IDataObject;
	const unknown = Object.keys(entry).filter((key) => !LINE_KEYS.has(key));
	if (unknown.length)
		row.fail(label, `has unknown field(s) ${unknown.join(', ')}; use ${[...LINE_KEYS].join(', ')}`);
	const description = row.optionalText(entry.description, `${label} description`, 500);
	const price = row.optionalId(entry.price, `${label} price`, STRIPE_OBJECTS.price);
	const quantity = readQuantity(row, entry.quantity, `${label} quantity`);
	const { tax_code: taxCode, ...extras } = lineExtrasOf(row, entry, label);
	if (price) {
		if (!noAmount(entry.amount)) row.fail(label, 'has both an amount and a price; give one');
		if (taxCode) row.fail(`${label} tax code`, PRICE_TAX_CODE);
		return { pricing: { price }, quantity, description, ...extras };
	}
	if (noAmount(entry.amount)) row.fail(label, 'needs an amount above 0 or a price');
	const amount = row.money(entry.amount, currency, unit, `${label} amount`);
	row.check(`${label} amount`, () => checkWithinMaximum(unitsTotal(amount, quantity), 'amount × quantity'));
	return { ...customLine(amount, quantity, description ?? label, description, currency, taxCode), ...extras };
}

const PRICE_TAX_CODE = "a Price line is taxed by its product's tax code; set it on the product in Stripe";

function definedOnly<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}

/**
 * A line's tax and discounts as Stripe takes them. Discountable is sent only when switched off:
 * on is Stripe's default for the positive lines Invoice & Collect bills, and the Line Items
 * collection fills it in on every line.
 */
function lineExtrasOf(row: RowInput, fields: IDataObject, label: string) {
	const { discountable, ...extras } = definedOnly(readLineExtras(row, fields, label));
	return discountable === false ? { ...extras, discountable } : extras;
}

/**
 * A custom amount as Stripe's line: a total, or — with a quantity, or a tax code, which a line has
 * no field for at this API version — an inline price (`price_data`) times a quantity.
 */
function customLine(
	amount: number,
	quantity: number | undefined,
	name: string,
	description: string | undefined,
	currency: string,
	taxCode: string | undefined,
): InvoiceLine {
	if ((quantity === undefined || quantity === 1) && !taxCode) return { amount, description };
	const productData = { name, ...(taxCode ? { tax_code: taxCode } : {}) };
	return {
		price_data: { currency, product_data: productData, unit_amount: amount },
		quantity: quantity ?? 1,
		description,
	};
}

function depthOf(value: unknown): number {
	let deepest = 0;
	const stack: Array<[unknown, number]> = [[value, 1]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (!node || typeof node !== 'object') continue;
		deepest = Math.max(deepest, depth);
		if (deepest > MAX_JSON_DEPTH) return deepest;
		for (const child of Object.values(node)) stack.push([child, depth + 1]);
	}
	return deepest;
}

function parseJsonLines(row: RowInput): unknown[] {
	let value = row.param('linesJson', []);
	if (typeof value === 'string') {
		// Count brackets before parsing: a deeply nested text must not exhaust the parser's stack.
		let depth = 0;
		for (const char of value) {
			if (char === '[' || char === '{') depth++;
			else if (char === ']' || char === '}') depth--;
			if (depth > MAX_JSON_DEPTH)
				row.fail('Lines (JSON)', `is nested more than ${MAX_JSON_DEPTH} levels deep`);
		}
		try {
			value = JSON.parse(value);
		} catch {
			row.fail('Lines (JSON)', 'is not valid JSON');
		}
	}
	if (depthOf(value) > MAX_JSON_DEPTH)
		row.fail('Lines (JSON)', `is nested more than ${MAX_JSON_DEPTH} levels deep`);
	if (!Array.isArray(value)) row.fail('Lines (JSON)', `must be an array of lines, got ${typeof value}`);
	return value;
}

/**
 * The lines' total before tax and discounts, given each Price's unit amount (a price's amount is
 * Stripe's to know: undefined when a line's price is not in `unitAmounts`).
 */
export function linesTotal(
	lines: InvoiceLine[],
	unitAmounts: ReadonlyMap<string, number> = new Map(),
): number | undefined {
	let sum = 0;
	for (const line of lines) {
		if (line.amount !== undefined) sum += line.amount;
		else if (line.price_data) sum += unitsTotal(line.price_data.unit_amount, line.quantity);
		else {
			const unit = unitAmounts.get(line.pricing!.price);
			if (unit === undefined) return undefined;
			sum += unitsTotal(unit, line.quantity);
		}
	}
	return sum;
}

/** The Prices the lines bill (their amounts are read from Stripe where a figure is needed). */
export function pricesOf(lines: InvoiceLine[]): string[] {
	return [...new Set(lines.flatMap((line) => (line.pricing ? [line.pricing.price] : [])))];
}

/** The row's invoice lines from whichever source the node uses, validated before any call. */
export function readLines(row: RowInput, currency: string): InvoiceLine[] {
	const unit = row.amountUnit();
	const source = row.choice(row.param('lineSource', 'single'), lineSourceField);
	if (source === 'single') {
		const amount = row.money(row.param('amount'), currency, unit, 'Amount');
		const description = row.optionalText(row.param('description', ''), 'Description', 500);
		const options = row.options();
		const fields = {
			taxRates: options.lineTaxRates,
			taxCode: options.lineTaxCode,
			discounts: options.lineDiscounts,
			discountable: options.lineDiscountable,
		};
		const { tax_code: taxCode, ...extras } = lineExtrasOf(row, fields, 'Line');
		return [{ ...customLine(amount, 1, description ?? 'Line 1', description, currency, taxCode), ...extras }];
	}
	const field = source === 'json' ? 'Lines (JSON)' : 'Line Items';
	const raw =
		source === 'json'
			? parseJsonLines(row)
			: (((row.options('lineItems') as IDataObject).line as IDataObject[] | undefined) ?? []);
	if (!Array.isArray(raw)) row.fail(field, 'must be a list of lines');
	if (raw.length === 0) row.fail(field, 'add at least one line');
	if (raw.length > MAX_LINES) row.fail(field, `has ${raw.length} lines; Stripe allows ${MAX_LINES}`);
	const lines = raw.map((line, index) => readLine(row, line, `Line ${index + 1}`, currency, unit));
	const total = linesTotal(lines);
	if (total !== undefined && total > MAX_AMOUNT)
		row.fail(
			field,
			`add up to ${total} in Stripe's smallest unit, above Stripe's maximum invoice total of ${MAX_AMOUNT}`,
		);
	return lines;
}

/** One line as an invoice item on the given invoice (the Arazzo addInvoiceItem step). */
export function lineBody(
	customer: string,
	invoice: string,
	currency: string,
	line: InvoiceLine,
): InvoiceItemCreateBody {
	const { tax_rates, discounts, discountable } = line;
	const base = definedOnly({
		customer,
		invoice,
		description: line.description,
		tax_rates,
		discounts,
		discountable,
	});
	if (line.pricing) return { ...base, pricing: line.pricing, quantity: line.quantity };
	if (line.price_data) {
		const unitAmount = String(line.price_data.unit_amount);
		const taxCode = line.price_data.product_data.tax_code;
		return {
			...base,
			unit_amount_decimal: unitAmount,
			quantity: line.quantity,
			currency,
			...(taxCode ? { tax_code: taxCode } : {}),
		};
	}
	return { ...base, amount: line.amount, currency };
}

/**
 * The lines as a preview's `invoice_items`. A preview takes no invoice-wide tax rates at this API
 * version, so lines without their own get the invoice's defaults, as a real invoice applies them.
 */
export function previewItems(
	lines: InvoiceLine[],
	currency: string,
	defaultTaxRates?: string[],
): PreviewItem[] {
	return lines.map((line) => {
		const { description, discounts, discountable } = line;
		const taxRates = line.tax_rates ?? defaultTaxRates;
		const base = definedOnly({ description, discounts, discountable, tax_rates: taxRates });
		if (line.pricing) return { ...base, price: line.pricing.price, quantity: line.quantity };
		if (line.price_data) {
			const taxCode = line.price_data.product_data.tax_code;
			return definedOnly({
				...base,
				unit_amount: line.price_data.unit_amount,
				quantity: line.quantity,
				currency,
				tax_code: taxCode,
			});
		}
		return { ...base, amount: line.amount, currency };
	});
}
