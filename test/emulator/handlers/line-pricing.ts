// Shared by POST /v1/invoiceitems, POST /v1/invoiceitems/:id and add_lines: pricing resolution,
// tax-rate checks and the rules for attaching an item to an invoice.
import { ApiError, exclusiveParams, invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { newId } from '../ids';
import { formatAmount, MAX_AMOUNT, parseCurrency } from '../currencies';
import { multiplyToInteger } from '../money';
import { int, obj, str } from '../param-readers';
import { p, type Fields } from '../param-schema';
import type { InvoiceRec } from '../records';
import { computeTotals, lineCount } from '../render';
import type { AccountState } from '../store';
import { checkTaxCode, checkTaxRateIds } from './tax-rates';

export const MAX_LINES = 250;

export const periodSpec = p.object({ start: p.int(), end: p.int() }, ['start', 'end']);
export const taxBehaviorSpec = p.oneOf('exclusive', 'inclusive', 'unspecified');

export const itemPriceDataFields: Fields = {
	currency: p.string(),
	product: p.string(),
	tax_behavior: taxBehaviorSpec,
	unit_amount: p.int(),
	unit_amount_decimal: p.decimal(),
};

export interface ResolvedPricing {
	amount: number;
	unitAmountDecimal: string;
	quantityDecimal: string;
	price: string;
	product: string;
	currency: string;
	/** The price's tax behaviour (automatic tax), when known without a stored price. */
	taxBehavior?: string;
}

const PRICING_MODES = ['amount', 'unit_amount_decimal', 'pricing', 'price_data'] as const;

/** Bracket name of a param under a prefix: named('lines[1]', 'pricing[price]') -> 'lines[1][pricing][price]'. */
function named(prefix: string, key: string): string {
	if (prefix === '') return key;
	const open = key.indexOf('[');
	return open === -1 ? `${prefix}[${key}]` : `${prefix}[${key.slice(0, open)}]${key.slice(open)}`;
}

export function hasPricingChange(params: Record<string, unknown>): boolean {
	return PRICING_MODES.some((k) => params[k] !== undefined && params[k] !== null);
}

/** amount_too_large: a parameter problem, found before anything changed (not stored, reference §4). */
export function checkAmount(amount: number, currency: string, param?: string): void {
	if (Math.abs(amount) > MAX_AMOUNT) {
		throw new ApiError(
			400,
			{
				type: 'invalid_request_error',
				code: 'amount_too_large',
				...(param ? { param } : {}),
				message: `Amount must be no more than ${formatAmount(MAX_AMOUNT, currency)}`,
			},
			true,
		);
	}
}

/**
 * The invoice total after adding `adding` must stay within the currency maximum. [M] exclusive tax
 * on the lines being added is not counted; the finalize check sees it.
 */
export function checkInvoiceTotal(
	account: AccountState,
	invoice: InvoiceRec,
	adding: number,
	param: string,
): void {
	checkAmount(computeTotals(account, invoice).total + adding, invoice.currency, param);
}

/** Stripe creates a one-off (inactive) Price and Product for amount / unit_amount_decimal items [R]. */
function oneOffPrice(
	account: AccountState,
	currency: string,
	unitAmountDecimal: string,
	name: string,
	persist: boolean,
): { price: string; product: string } {
	// A preview creates nothing: the ids it shows name no stored object [M].
	if (!persist) return { price: newId('price'), product: newId('prod') };
	const product = account.addProduct(name, { active: false });
	const price = account.addPrice({
		currency,
		unitAmountDecimal,
		product: product.id,
		active: false,
		nickname: null,
		taxBehavior: 'unspecified',
		metadata: {},
	});
	return { price: price.id, product: product.id };
}

/**
 * Works out currency, unit amount, quantity and amount from one of the four pricing modes.
 * `fallbackCurrency` applies to amount / unit_amount_decimal when `currency` is absent.
 */
export function resolvePricing(
	account: AccountState,
	params: Record<string, unknown>,
	prefix: string,
	fallback: { currency: string; quantityDecimal?: string; description?: string | null; persist?: boolean },
): ResolvedPricing {
	const persist = fallback.persist ?? true;
	const modes = PRICING_MODES.filter((k) => params[k] !== undefined && params[k] !== null);
	if (modes.length > 1) throw exclusiveParams(modes.map((m) => named(prefix, m)));
	if (modes.length === 0) {
		// [M] wording; Stripe requires one pricing source per item.
		throw invalidParam(
			named(prefix, 'amount'),
			'You must specify one of `amount`, `unit_amount_decimal`, `pricing[price]` or `price_data`.',
			'parameter_missing',
		);
	}
	const quantity = int(params, 'quantity');
	const quantityDecimalParam = str(params, 'quantity_decimal');
	if (quantity != null && quantityDecimalParam != null)
		throw exclusiveParams([named(prefix, 'quantity'), named(prefix, 'quantity_decimal')]);
	const mode = modes[0];
	if (mode === 'amount' && (quantity != null || quantityDecimalParam != null)) {
		// [R] for add_lines; [M] assumed identical for invoice items.
		throw exclusiveParams([
			named(prefix, 'amount'),
			named(prefix, quantity != null ? 'quantity' : 'quantity_decimal'),
		]);
	}
	const quantityDecimal =
		quantityDecimalParam ?? (quantity != null ? String(quantity) : (fallback.quantityDecimal ?? '1'));
	if (quantityDecimal.startsWith('-'))
		throw invalidParam(named(prefix, 'quantity_decimal'), 'This value must be greater than or equal to 0.');
	const currencyParam = str(params, 'currency');
	const explicitCurrency = currencyParam
		? parseCurrency(currencyParam, named(prefix, 'currency'))
		: undefined;
	const name = fallback.description ?? 'Invoice item';

	if (mode === 'amount' || mode === 'unit_amount_decimal') {
		const currency = explicitCurrency ?? fallback.currency;
		const unit =
			mode === 'amount' ? String(int(params, 'amount')) : (str(params, 'unit_amount_decimal') ?? '0');
		const qty = mode === 'amount' ? '1' : quantityDecimal;
		const amount = multiplyToInteger(unit, qty);
		checkAmount(amount, currency, named(prefix, mode));
		return {
			amount,
			unitAmountDecimal: unit,
			quantityDecimal: qty,
			currency,
			...oneOffPrice(account, currency, unit, name, persist),
		};
	}

	if (mode === 'pricing') {
		const priceId = str(obj(params, 'pricing') ?? {}, 'price');
		if (!priceId) throw missingParam(named(prefix, 'pricing[price]'));
		const price = account.prices.get(priceId);
		if (!price) throw noSuch('price', priceId, named(prefix, 'pricing[price]'), false);
		if (explicitCurrency && explicitCurrency !== price.currency) {
			// [M] wording.
			throw invalidRequest(
				`The currency of the price (${price.currency}) must match the \`currency\` parameter (${explicitCurrency}).`,
				{ param: named(prefix, 'currency'), validation: true },
			);
		}
		const amount = multiplyToInteger(price.unitAmountDecimal, quantityDecimal);
		checkAmount(amount, price.currency, named(prefix, 'quantity'));
		return {
			amount,
			unitAmountDecimal: price.unitAmountDecimal,
			quantityDecimal,
			price: price.id,
			product: price.product,
			currency: price.currency,
		};
	}

	const data = obj(params, 'price_data') ?? {};
	const dataPrefix = named(prefix, 'price_data');
	const currency = parseCurrency(str(data, 'currency') ?? '', named(dataPrefix, 'currency'));
	const unitAmount = int(data, 'unit_amount');
	const unitDecimal = str(data, 'unit_amount_decimal');
	if (unitAmount != null && unitDecimal != null)
		throw exclusiveParams([named(dataPrefix, 'unit_amount'), named(dataPrefix, 'unit_amount_decimal')]);
	if (unitAmount == null && unitDecimal == null) throw missingParam(named(dataPrefix, 'unit_amount'));
	const productId = str(data, 'product');
	const productData = obj(data, 'product_data');
	let product: string;
	if (productId) {
		if (!account.products.has(productId))
			throw noSuch('product', productId, named(dataPrefix, 'product'), false);
		product = productId;
	} else if (productData) {
		const taxCode = checkTaxCode(str(productData, 'tax_code'), named(dataPrefix, 'product_data[tax_code]'));
		product = persist ? account.addProduct(str(productData, 'name') ?? name, { taxCode }).id : newId('prod');
	} else {
		throw missingParam(named(dataPrefix, 'product'));
	}
	const unit = unitDecimal ?? String(unitAmount);
	const amount = multiplyToInteger(unit, quantityDecimal);
	checkAmount(amount, currency, named(prefix, 'price_data'));
	const taxBehavior = str(data, 'tax_behavior') ?? 'unspecified';
	if (!persist)
		return {
			amount,
			unitAmountDecimal: unit,
			quantityDecimal,
			price: newId('price'),
			product,
			currency,
			taxBehavior,
		};
	const price = account.addPrice({
		currency,
		unitAmountDecimal: unit,
		product,
		active: false,
		nickname: null,
		taxBehavior,
		metadata: {},
	});
	return {
		amount,
		unitAmountDecimal: unit,
		quantityDecimal,
		price: price.id,
		product,
		currency,
		taxBehavior,
	};
}

/** Every tax rate must exist and be active (tax-rates.ts). Returns the ids ('' clears). */
export function checkTaxRates(
	account: AccountState,
	params: Record<string, unknown>,
	prefix: string,
): string[] | undefined {
	return checkTaxRateIds(account, params, 'tax_rates', named(prefix, 'tax_rates'));
}

/** [M] wording; Stripe requires period.end >= period.start. */
export function readPeriod(
	params: Record<string, unknown>,
	prefix: string,
	now: number,
): { start: number; end: number } {
	const period = obj(params, 'period');
	if (!period) return { start: now, end: now };
	const start = int(period, 'start') ?? now;
	const end = int(period, 'end') ?? now;
	if (end < start) {
		throw invalidParam(
			named(prefix, 'period[end]'),
			'The `period[end]` must be greater than or equal to `period[start]`.',
		);
	}
	return { start, end };
}

/** Rules for adding an item to an invoice (reference §2). */
export function checkInvoiceAccepts(
	invoice: InvoiceRec,
	item: { currency: string; customer: string },
	adding: number,
	param: string,
): void {
	if (invoice.status !== 'draft') {
		throw invalidRequest('Invalid invoice: This invoice is no longer editable', {
			param,
			code: 'invoice_not_editable',
		});
	}
	if (invoice.customer !== item.customer) {
		// [M] wording.
		throw invalidRequest(
			`The invoice ${invoice.id} belongs to customer ${invoice.customer}, not ${item.customer}.`,
			{ param, validation: true },
		);
	}
	if (invoice.currency !== item.currency) {
		throw invalidRequest(
			`You cannot combine currencies on a single invoice. This invoice has invoice items currency ${item.currency} that conflicts with the invoice currency ${invoice.currency}.`,
			{ validation: true },
		);
	}
	if (lineCount(invoice) + adding > MAX_LINES) {
		// [M] wording.
		throw invalidRequest(`An invoice can contain at most ${MAX_LINES} line items.`, { param });
	}
}
