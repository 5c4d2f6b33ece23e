// /v1/invoiceitems: create, list, retrieve, update, delete.
import { invalidRequest, noSuch } from '../api-error';
import { newId, nowSeconds } from '../ids';
import { applyMetadata, bool, expandList, list, mergeMetadata, metadataPatch, str } from '../param-readers';
import { listFields, p } from '../param-schema';
import type { InvoiceItemRec, InvoiceRec } from '../records';
import { serializeInvoiceItem } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { requireCustomer } from './customers';
import {
	checkInvoiceAccepts,
	checkTaxRates,
	hasPricingChange,
	itemPriceDataFields,
	periodSpec,
	readPeriod,
	resolvePricing,
	taxBehaviorSpec,
	type ResolvedPricing,
} from './line-pricing';
import { itemExpansions, matchesCreated, paginate } from './pagination';
import { discountsSpec, planDiscounts, redeemDiscounts, type DiscountPlan } from './discount-params';
import { checkAutomaticTaxItem, checkDiscountable } from './tax-compat';
import { checkTaxCode } from './tax-rates';

export interface NewItem {
	customer: string;
	invoice: InvoiceRec | null;
	pricing: ResolvedPricing;
	description: string | null;
	metadata: Record<string, string>;
	period: { start: number; end: number };
	discountable: boolean | null | undefined;
	taxRates: string[];
	taxBehavior: string | null;
	taxCode: string | null;
	/** Checked by planDiscounts; redeemed here, once the item exists. */
	discounts: DiscountPlan[];
}

export function insertItem(account: AccountState, input: NewItem): InvoiceItemRec {
	const item: InvoiceItemRec = {
		id: newId('ii'),
		lineId: newId('il'),
		seq: account.nextSeq(),
		date: nowSeconds(),
		customer: input.customer,
		currency: input.pricing.currency,
		invoice: input.invoice?.id ?? null,
		amount: input.pricing.amount,
		unitAmountDecimal: input.pricing.unitAmountDecimal,
		quantityDecimal: input.pricing.quantityDecimal,
		price: input.pricing.price,
		product: input.pricing.product,
		description: input.description,
		// Stripe's default: negative amounts are not discountable.
		discountable: input.discountable ?? input.pricing.amount >= 0,
		metadata: input.metadata,
		periodStart: input.period.start,
		periodEnd: input.period.end,
		taxRates: input.taxRates,
		taxBehavior: input.taxBehavior,
		discountIds: [],
		taxCode: input.taxCode,
		orphaned: false,
	};
	account.invoiceItems.set(item.id, item);
	input.invoice?.itemIds.push(item.id);
	item.discountIds = redeemDiscounts(account, input.discounts, {
		customer: item.customer,
		invoice: null,
		invoiceItem: item.id,
	});
	return item;
}

function requireItem(account: AccountState, id: string): InvoiceItemRec {
	const item = account.invoiceItems.get(id);
	// Message format as recorded live (reference §2).
	if (!item) throw noSuch('Invoice Item', id, 'id', true, `(livemode=${account.livemode})`);
	return item;
}

/**
 * Stripe API changelog 2018-11-08: "The description field on invoice line items has a maximum character
 * length limit of 500".
 */
export const MAX_ITEM_DESCRIPTION = 500;

const itemFields = {
	amount: p.int(),
	description: p.string(MAX_ITEM_DESCRIPTION),
	discountable: p.bool(),
	discounts: discountsSpec,
	expand: p.expand(),
	metadata: p.metadata(),
	period: periodSpec,
	price_data: p.object(itemPriceDataFields, ['currency', 'product']),
	pricing: p.object({ price: p.string() }),
	quantity: p.int(0),
	quantity_decimal: p.decimal(),
	tax_behavior: taxBehaviorSpec,
	tax_code: p.string(),
	tax_rates: p.array(p.string()),
	unit_amount_decimal: p.decimal(),
};

export const invoiceItemRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/invoiceitems',
		object: 'invoiceitem',
		schema: {
			fields: { ...itemFields, customer: p.string(), currency: p.string(), invoice: p.string() },
			required: ['customer'],
		},
		handle({ account, params }) {
			const customer = requireCustomer(account, str(params, 'customer') ?? '', 'customer');
			const invoiceId = str(params, 'invoice');
			const invoice = invoiceId ? account.invoices.get(invoiceId) : undefined;
			if (invoiceId && !invoice) throw noSuch('invoice', invoiceId, 'invoice', false);
			const taxRates = checkTaxRates(account, params, '') ?? [];
			const period = readPeriod(params, '', nowSeconds());
			const description = str(params, 'description') ?? null;
			// [M] without `currency`: the invoice's, else the customer's, else the account default (usd).
			const pricing = resolvePricing(account, params, '', {
				currency: invoice?.currency ?? customer.currency ?? 'usd',
				description,
			});
			if (invoice)
				checkInvoiceAccepts(invoice, { currency: pricing.currency, customer: customer.id }, 1, 'invoice');
			const taxCode = checkTaxCode(str(params, 'tax_code'), 'tax_code');
			const discounts =
				planDiscounts(account, list(params, 'discounts'), 'discounts', {
					currency: pricing.currency,
					customer: customer.id,
					reusable: invoice?.discountIds ?? [],
				}) ?? [];
			checkDiscountable(bool(params, 'discountable') ?? pricing.amount >= 0, discounts.length, '');
			checkAutomaticTaxItem(invoice?.automaticTax ?? false, { amount: pricing.amount, taxRates }, '');
			const item = insertItem(account, {
				customer: customer.id,
				invoice: invoice ?? null,
				pricing,
				description,
				metadata: applyMetadata({}, metadataPatch(params)),
				period,
				discountable: bool(params, 'discountable'),
				taxRates,
				taxBehavior: str(params, 'tax_behavior') ?? null,
				taxCode,
				discounts,
			});
			return serializeInvoiceItem(account, item, expandList(params));
		},
	},
	{
		method: 'GET',
		path: '/v1/invoiceitems',
		object: 'invoiceitem',
		list: true,
		schema: {
			fields: {
				...listFields,
				customer: p.string(),
				invoice: p.string(),
				pending: p.bool(),
				created: p.range(),
				customer_account: p.string(),
			},
		},
		handle({ account, params }) {
			const expand = itemExpansions(params);
			// [M] customer accounts are not modelled: filtering by one matches nothing.
			const unmodelled = Boolean(str(params, 'customer_account'));
			const customer = str(params, 'customer');
			const invoice = str(params, 'invoice');
			const pending = bool(params, 'pending');
			const items = [...account.invoiceItems.values()].filter(
				(i) =>
					!unmodelled &&
					!i.orphaned &&
					(!customer || i.customer === customer) &&
					(!invoice || i.invoice === invoice) &&
					(pending == null || (i.invoice === null) === pending) &&
					matchesCreated(i.date, params.created),
			);
			const listable = items.map((i) => ({ ...i, created: i.date }));
			return paginate(listable, params, '/v1/invoiceitems', 'invoiceitem', (i) =>
				serializeInvoiceItem(account, i, expand),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/invoiceitems/:id',
		object: 'invoiceitem',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id, params }) {
			const item = requireItem(account, id);
			// [M] items swept into a deleted draft are treated as deleted.
			if (item.orphaned) throw noSuch('Invoice Item', id, 'id', true, `(livemode=${account.livemode})`);
			return serializeInvoiceItem(account, item, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/invoiceitems/:id',
		object: 'invoiceitem',
		schema: { fields: itemFields },
		handle({ account, id, params }) {
			const item = requireItem(account, id);
			if (item.orphaned) throw invalidRequest('This invoice item has been deleted.');
			const invoice = item.invoice ? account.invoices.get(item.invoice) : undefined;
			if (invoice && invoice.status !== 'draft') {
				// [M] same message as adding an item to a finalized invoice.
				throw invalidRequest('Invalid invoice: This invoice is no longer editable', {
					code: 'invoice_not_editable',
				});
			}
			const taxRates = checkTaxRates(account, params, '');
			const period = params.period !== undefined ? readPeriod(params, '', nowSeconds()) : undefined;
			const description = str(params, 'description');
			const metadata = mergeMetadata(item.metadata, metadataPatch(params));
			const taxCode =
				params.tax_code === undefined ? undefined : checkTaxCode(str(params, 'tax_code'), 'tax_code');
			const discounts = planDiscounts(account, list(params, 'discounts'), 'discounts', {
				currency: item.currency,
				customer: item.customer,
				reusable: [...(invoice?.discountIds ?? []), ...item.discountIds],
			});
			checkDiscountable(
				bool(params, 'discountable') ?? item.discountable,
				(discounts ?? item.discountIds).length,
				'',
			);
			let pricing: ResolvedPricing | undefined;
			if (hasPricingChange(params)) {
				pricing = resolvePricing(account, params, '', {
					currency: item.currency,
					quantityDecimal: item.quantityDecimal,
					description: description ?? item.description,
				});
				if (pricing.currency !== item.currency) {
					throw invalidRequest(
						`You cannot combine currencies on a single invoice. This invoice has invoice items currency ${pricing.currency} that conflicts with the invoice currency ${item.currency}.`,
						{ validation: true },
					);
				}
			} else if (params.quantity !== undefined || params.quantity_decimal !== undefined) {
				// Quantity-only change keeps the unit price.
				pricing = resolvePricing(account, { ...params, unit_amount_decimal: item.unitAmountDecimal }, '', {
					currency: item.currency,
				});
				pricing = { ...pricing, price: item.price, product: item.product };
			}
			checkAutomaticTaxItem(
				invoice?.automaticTax ?? false,
				{ amount: pricing?.amount ?? item.amount, taxRates: taxRates ?? item.taxRates },
				'',
			);
			if (pricing) {
				item.amount = pricing.amount;
				item.unitAmountDecimal = pricing.unitAmountDecimal;
				item.quantityDecimal = pricing.quantityDecimal;
				item.price = pricing.price;
				item.product = pricing.product;
			}
			if (description !== undefined) item.description = description;
			if (taxRates !== undefined) item.taxRates = taxRates;
			if (period) {
				item.periodStart = period.start;
				item.periodEnd = period.end;
			}
			const discountable = bool(params, 'discountable');
			if (discountable != null) item.discountable = discountable;
			const taxBehavior = str(params, 'tax_behavior');
			if (taxBehavior !== undefined) item.taxBehavior = taxBehavior;
			if (taxCode !== undefined) item.taxCode = taxCode;
			if (discounts) {
				item.discountIds = redeemDiscounts(account, discounts, {
					customer: item.customer,
					invoice: null,
					invoiceItem: item.id,
				});
			}
			item.metadata = metadata;
			return serializeInvoiceItem(account, item, expandList(params));
		},
	},
	{
		method: 'DELETE',
		path: '/v1/invoiceitems/:id',
		schema: { fields: {} },
		handle({ account, id }) {
			const item = requireItem(account, id);
			if (item.orphaned) throw noSuch('Invoice Item', id, 'id', true, `(livemode=${account.livemode})`);
			const invoice = item.invoice ? account.invoices.get(item.invoice) : undefined;
			if (invoice && invoice.status !== 'draft') {
				throw invalidRequest(
					"Can't delete an invoice item that is attached to an invoice that is no longer editable",
				);
			}
			account.invoiceItems.delete(item.id);
			if (invoice) invoice.itemIds = invoice.itemIds.filter((i) => i !== item.id);
			return { id: item.id, object: 'invoiceitem', deleted: true };
		},
	},
];
