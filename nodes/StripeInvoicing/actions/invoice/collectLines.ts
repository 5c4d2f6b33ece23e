import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { InvoiceItemCreateBody, InvoiceLine } from '../../transport/types';
import type { AmountUnit, RowInput } from '../common/rowInput';

/** Stripe allows at most 250 lines on one invoice. */
export const MAX_LINES = 250;

export function lineFields(displayOptions: IDisplayOptions): INodeProperties[] {
	const show = (source: string) => ({ show: { ...displayOptions.show, lineSource: [source] } });
	return [
		{
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
			displayOptions,
		},
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
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							default: 0,
							description:
								'Amount in the Amount Unit: the line total, or the unit price when Quantity is above 1 (leave 0 and set a Price ID to bill a price)',
						},
						{ displayName: 'Description', name: 'description', type: 'string', default: '' },
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
					],
				},
			],
		},
		{
			displayName: 'Lines (JSON)',
			name: 'linesJson',
			type: 'json',
			default: '[{ "amount": 1999, "description": "Pro plan" }, { "price": "price_123", "quantity": 2 }]',
			description:
				'An array of lines, each with "amount" (per unit) or "price" (a price_ ID), an optional "quantity" and an optional "description". Usually an expression pointing at an array field of the incoming item, such as the items of an order.',
			displayOptions: show('json'),
		},
	];
}

const LINE_KEYS = new Set(['amount', 'price', 'quantity', 'description']);

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
		row.fail(label, `has unknown field(s) ${unknown.join(', ')}; use amount, price, quantity, description`);
	const description = row.optionalText(entry.description);
	const price = row.optionalText(entry.price);
	const hasAmount =
		entry.amount !== undefined && entry.amount !== null && entry.amount !== '' && entry.amount !== 0;
	if (price && hasAmount) row.fail(label, 'has both an amount and a price; give one');
	const quantity =
		entry.quantity === undefined ? undefined : row.positiveInteger(entry.quantity, `${label} quantity`);
	if (price) return { pricing: { price: row.id(price, `${label} price`, 'price_') }, quantity, description };
	if (entry.amount === undefined || entry.amount === null || entry.amount === '') {
		row.fail(label, 'needs an amount or a price');
	}
	const amount = row.money(entry.amount, currency, unit, `${label} amount`);
	if (quantity === undefined || quantity === 1) return { amount, description };
	// Stripe takes a line total or a price with a quantity, never amount + quantity: a custom unit
	// amount times a quantity goes as an inline price.
	return {
		price_data: { currency, product_data: { name: description ?? label }, unit_amount: amount },
		quantity,
		description,
	};
}

function parseJsonLines(row: RowInput): unknown[] {
	let value = row.raw('linesJson', []);
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value);
		} catch {
			row.fail('Lines (JSON)', 'is not valid JSON');
		}
	}
	if (!Array.isArray(value)) row.fail('Lines (JSON)', `must be an array of lines, got ${typeof value}`);
	return value;
}

/** The row's invoice lines from whichever source the node uses, validated before any call. */
export function readLines(row: RowInput, currency: string): InvoiceLine[] {
	const unit = row.amountUnit();
	const source = row.raw('lineSource', 'single');
	if (source === 'single') {
		const amount = row.money(row.raw('amount'), currency, unit, 'Amount');
		return [{ amount, description: row.optionalText(row.raw('description', '')) }];
	}
	const raw =
		source === 'json'
			? parseJsonLines(row)
			: (((row.raw('lineItems', {}) as IDataObject).line as IDataObject[] | undefined) ?? []);
	if (raw.length === 0) row.fail(source === 'json' ? 'Lines (JSON)' : 'Line Items', 'add at least one line');
	if (raw.length > MAX_LINES) {
		row.fail(
			source === 'json' ? 'Lines (JSON)' : 'Line Items',
			`has ${raw.length} lines; Stripe allows ${MAX_LINES}`,
		);
	}
	return raw.map((line, index) => readLine(row, line, `Line ${index + 1}`, currency, unit));
}

/** One line as an invoice item on the given invoice (the Arazzo addInvoiceItem step). */
export function lineBody(
	customer: string,
	invoice: string,
	currency: string,
	line: InvoiceLine,
): InvoiceItemCreateBody {
	const base = { customer, invoice, description: line.description };
	if (line.pricing) return { ...base, pricing: line.pricing, quantity: line.quantity };
	if (line.price_data) {
		const unitAmount = String(line.price_data.unit_amount);
		return { ...base, unit_amount_decimal: unitAmount, quantity: line.quantity, currency };
	}
	return { ...base, amount: line.amount, currency };
}
