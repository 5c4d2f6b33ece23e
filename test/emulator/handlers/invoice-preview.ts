// POST /v1/invoices/create_preview: the invoice a customer would get, computed like a real one and
// stored nowhere (no invoice, items, prices, discounts or redemptions). Invoices.d.ts: the id "will
// be prefixed with `upcoming_in`"; billing_reason `upcoming`. Lines: the customer's pending invoice
// items in the preview's currency ("all the charges that are pending, including ... invoice item
// charges"), changed or joined by `invoice_items`. amount_due applies the customer's balance, as a
// draft's does. [M] Subscriptions and schedules are not modelled.
import { exclusiveParams, invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { parseCurrency } from '../currencies';
import { newId, nowSeconds, randomToken } from '../ids';
import { applyMetadata, bool, expandList, list, metadataPatch, obj, str } from '../param-readers';
import { p } from '../param-schema';
import { LOCATION_INVALID_MESSAGE, taxLocation } from '../pricing/automatic-tax';
import type { PricingContext, TaxParty } from '../pricing/invoice-totals';
import {
	unfinalizedState,
	type AddressRec,
	type CustomerRec,
	type DiscountRec,
	type InvoiceItemRec,
	type InvoiceRec,
} from '../records';
import { computeTotals, serializeInvoice } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { requireCustomer } from './customers';
import { checkPromotionMinimums, discountsSpec, planDiscounts, previewDiscounts } from './discount-params';
import {
	checkAmount,
	checkTaxRates,
	hasPricingChange,
	itemPriceDataFields,
	MAX_LINES,
	periodSpec,
	readPeriod,
	resolvePricing,
	taxBehaviorSpec,
} from './line-pricing';
import { MAX_ITEM_DESCRIPTION } from './invoice-items';
import { checkAutomaticTaxItem, checkDiscountable } from './tax-compat';
import { checkTaxCode } from './tax-rates';

/** [I] stripe-node#2347 quotes this answer to a preview with nothing to preview. */
const NOTHING_TO_PREVIEW =
	'You must provide at least one of: `subscription`, `schedule`, `subscription_details.items`, `schedule_details.phases`, `invoice_items`.';

const addressSpec = p.object({
	city: p.string(),
	country: p.string(),
	line1: p.string(),
	line2: p.string(),
	postal_code: p.string(),
	state: p.string(),
});

const previewItemFields = {
	amount: p.int(),
	currency: p.string(),
	description: p.string(MAX_ITEM_DESCRIPTION),
	discountable: p.bool(),
	discounts: discountsSpec,
	invoiceitem: p.string(),
	metadata: p.metadata(),
	period: periodSpec,
	price: p.string(),
	price_data: p.object(itemPriceDataFields, ['currency', 'product']),
	quantity: p.int(0),
	quantity_decimal: p.decimal(),
	tax_behavior: taxBehaviorSpec,
	tax_code: p.string(),
	tax_rates: p.array(p.string()),
	unit_amount: p.int(),
	unit_amount_decimal: p.decimal(),
};

/** create_preview's item keys, in the shape resolvePricing reads (`price` → `pricing[price]`). */
function pricingParams(entry: Record<string, unknown>, prefix: string): Record<string, unknown> {
	const out: Record<string, unknown> = { ...entry };
	if (entry.unit_amount != null && entry.unit_amount_decimal != null) {
		throw exclusiveParams([`${prefix}[unit_amount]`, `${prefix}[unit_amount_decimal]`]);
	}
	if (entry.unit_amount != null) out.unit_amount_decimal = String(entry.unit_amount);
	if (entry.price != null) out.pricing = { price: entry.price };
	delete out.unit_amount;
	delete out.price;
	return out;
}

function readAddress(raw: Record<string, unknown>): AddressRec {
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

/** customer_details: "Details about the customer you want to invoice or overrides for an existing customer." */
function previewParty(
	customer: CustomerRec | undefined,
	details: Record<string, unknown> | undefined,
): TaxParty {
	const party: TaxParty = {
		address: customer?.address ?? null,
		shipping: customer?.shipping ?? null,
		taxExempt: customer?.taxExempt ?? 'none',
	};
	if (!details) return party;
	if (details.address !== undefined) {
		const address = obj(details, 'address');
		party.address = address ? readAddress(address) : null;
	}
	if (details.shipping !== undefined) {
		const shipping = obj(details, 'shipping');
		party.shipping = shipping
			? {
					address: readAddress(obj(shipping, 'address') ?? {}),
					name: str(shipping, 'name') ?? '',
					phone: str(shipping, 'phone') ?? null,
				}
			: null;
	}
	if (details.tax_exempt !== undefined)
		party.taxExempt = (str(details, 'tax_exempt') ?? 'none') as TaxParty['taxExempt'];
	return party;
}

function transientInvoice(
	customer: CustomerRec | undefined,
	currency: string,
	params: Record<string, unknown>,
): InvoiceRec {
	const now = nowSeconds();
	return {
		id: `upcoming_in_${randomToken(24)}`,
		seq: 0,
		created: now,
		customer: customer?.id ?? '',
		currency,
		status: 'draft',
		collectionMethod: 'charge_automatically',
		autoAdvance: false,
		description: null,
		footer: null,
		statementDescriptor: null,
		metadata: {},
		number: null,
		dueDate: null,
		defaultPaymentMethod: null,
		defaultTaxRates: [],
		effectiveAtParam: null,
		itemIds: [],
		customerName: customer?.name ?? null,
		customerEmail: customer?.email ?? null,
		customerPhone: customer?.phone ?? null,
		...unfinalizedState(),
		automaticTax: bool(obj(params, 'automatic_tax') ?? {}, 'enabled') ?? false,
		paymentSettings: null,
		customFields: null,
		rendering: null,
		discountIds: [],
		accountTaxIds: null,
		onBehalfOf: str(params, 'on_behalf_of') ?? null,
		applicationFeeAmount: null,
		transferData: null,
		lastFinalizationError: null,
		customerAddress: null,
		customerShipping: null,
		customerTaxExempt: 'none',
	};
}

function previewItem(base: Omit<InvoiceItemRec, 'id' | 'lineId' | 'seq'>, id?: string): InvoiceItemRec {
	return { ...base, id: id ?? newId('ii'), lineId: `il_tmp_${randomToken(24)}`, seq: 0 };
}

function createPreview(account: AccountState, params: Record<string, unknown>): unknown {
	if (str(params, 'subscription'))
		throw noSuch('subscription', str(params, 'subscription')!, 'subscription', false);
	if (str(params, 'schedule'))
		throw noSuch('subscription schedule', str(params, 'schedule')!, 'schedule', false);
	const entries = list(params, 'invoice_items') ?? [];
	if (entries.length === 0) throw invalidRequest(NOTHING_TO_PREVIEW, { validation: true });
	const customerId = str(params, 'customer');
	const details = obj(params, 'customer_details') ?? undefined;
	// [M] a preview is for a customer, named or described.
	if (!customerId && !details) throw missingParam('customer');
	const customer = customerId ? requireCustomer(account, customerId, 'customer') : undefined;
	const currencyParam = str(params, 'currency');
	const currency = currencyParam ? parseCurrency(currencyParam, 'currency') : (customer?.currency ?? 'usd');
	const invoice = transientInvoice(customer, currency, params);
	const discountMap = new Map<string, DiscountRec>();
	const owner = { customer: customer?.id ?? null, invoice: null, invoiceItem: null };
	const target = (reusable: string[]) => ({ currency, customer: customer?.id ?? null, reusable });

	const pending = [...account.invoiceItems.values()].filter(
		(i) =>
			customer && i.customer === customer.id && i.invoice === null && !i.orphaned && i.currency === currency,
	);
	const items = new Map<string, InvoiceItemRec>(pending.map((i) => [i.id, previewItem(i, i.id)]));
	const now = nowSeconds();
	entries.forEach((entry, i) => {
		const prefix = `invoice_items[${i}]`;
		const existingId = str(entry, 'invoiceitem');
		const existing = existingId ? items.get(existingId) : undefined;
		if (existingId && !existing) throw noSuch('invoice item', existingId, `${prefix}[invoiceitem]`, false);
		const description = str(entry, 'description') ?? existing?.description ?? null;
		const changesPricing = !existing || hasPricingChange(pricingParams(entry, prefix));
		const changesQuantity = entry.quantity !== undefined || entry.quantity_decimal !== undefined;
		const pricing = changesPricing
			? resolvePricing(account, pricingParams(entry, prefix), prefix, {
					currency,
					description,
					persist: false,
				})
			: changesQuantity
				? // A quantity-only change keeps the unit price, as an invoice item update does.
					{
						...resolvePricing(
							account,
							{ ...entry, unit_amount_decimal: existing!.unitAmountDecimal },
							prefix,
							{
								currency,
								persist: false,
							},
						),
						price: existing!.price,
						product: existing!.product,
					}
				: undefined;
		if (pricing && pricing.currency !== currency) {
			throw invalidRequest(
				`You cannot combine currencies on a single invoice. This invoice has invoice items currency ${pricing.currency} that conflicts with the invoice currency ${currency}.`,
				{ validation: true },
			);
		}
		const taxRates = checkTaxRates(account, entry, prefix) ?? existing?.taxRates ?? [];
		const plans = planDiscounts(
			account,
			list(entry, 'discounts'),
			`${prefix}[discounts]`,
			target(existing?.discountIds ?? []),
		);
		const amount = pricing?.amount ?? existing!.amount;
		const discountable = bool(entry, 'discountable') ?? existing?.discountable ?? amount >= 0;
		checkDiscountable(discountable, (plans ?? existing?.discountIds ?? []).length, prefix);
		checkAutomaticTaxItem(invoice.automaticTax, { amount, taxRates }, prefix);
		const period = entry.period !== undefined || !existing ? readPeriod(entry, prefix, now) : undefined;
		const item = previewItem(
			{
				date: existing?.date ?? now,
				customer: customer?.id ?? '',
				currency,
				invoice: invoice.id,
				amount,
				unitAmountDecimal: pricing?.unitAmountDecimal ?? existing!.unitAmountDecimal,
				quantityDecimal: pricing?.quantityDecimal ?? existing!.quantityDecimal,
				price: pricing?.price ?? existing!.price,
				product: pricing?.product ?? existing!.product,
				description,
				discountable,
				metadata: applyMetadata(existing?.metadata ?? {}, metadataPatch(entry)),
				periodStart: period?.start ?? existing!.periodStart,
				periodEnd: period?.end ?? existing!.periodEnd,
				taxRates,
				taxBehavior: str(entry, 'tax_behavior') ?? existing?.taxBehavior ?? pricing?.taxBehavior ?? null,
				discountIds: plans ? previewDiscounts(plans, owner, discountMap) : (existing?.discountIds ?? []),
				taxCode:
					entry.tax_code === undefined
						? (existing?.taxCode ?? null)
						: checkTaxCode(str(entry, 'tax_code'), `${prefix}[tax_code]`),
				orphaned: false,
			},
			existing?.id,
		);
		items.set(item.id, item);
	});
	if (items.size > MAX_LINES) {
		throw invalidParam('invoice_items', `An invoice can contain at most ${MAX_LINES} line items.`); // [M]
	}
	const invoicePlans = planDiscounts(account, list(params, 'discounts'), 'discounts', target([])) ?? [];
	invoice.discountIds = previewDiscounts(invoicePlans, owner, discountMap);
	const itemList = [...items.values()].map((item) => ({ ...item, invoice: invoice.id }));
	invoice.itemIds = itemList.map((item) => item.id);
	const view: PricingContext = {
		items: itemList,
		discounts: discountMap,
		taxParty: previewParty(customer, details),
	};
	checkPreviewable(account, invoice, view);
	const body = serializeInvoice(account, invoice, expandList(params), { ...view, preview: true });
	if (!customer) body.customer = null;
	return body;
}

/** What finalizing this invoice would refuse, refused by the preview too. */
function checkPreviewable(account: AccountState, invoice: InvoiceRec, view: PricingContext): void {
	if (invoice.automaticTax && !taxLocation(view.taxParty!)) {
		// [M] that a preview refuses (rather than reporting requires_location_inputs).
		throw invalidRequest(LOCATION_INVALID_MESSAGE, {
			code: 'customer_tax_location_invalid',
			validation: true,
		});
	}
	const totals = computeTotals(account, invoice, view);
	checkPromotionMinimums(account, invoice, totals.subtotal, view.discounts);
	checkAmount(totals.total, invoice.currency);
}

export const invoicePreviewRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/invoices/create_preview',
		object: 'invoice',
		schema: {
			fields: {
				automatic_tax: p.object(
					{
						enabled: p.bool(),
						liability: p.object({ type: p.oneOf('account', 'self'), account: p.string() }, ['type']),
					},
					['enabled'],
				),
				currency: p.string(),
				customer: p.string(),
				customer_details: p.object({
					address: addressSpec,
					shipping: p.object({ address: addressSpec, name: p.string(), phone: p.string() }, [
						'address',
						'name',
					]),
					tax: p.object({ ip_address: p.string() }),
					tax_exempt: p.oneOf('exempt', 'none', 'reverse'),
					tax_ids: p.array(p.object({ type: p.string(), value: p.string() }, ['type', 'value'])),
				}),
				discounts: discountsSpec,
				expand: p.expand(),
				invoice_items: p.array(p.object(previewItemFields)),
				issuer: p.object({ type: p.oneOf('account', 'self'), account: p.string() }, ['type']),
				on_behalf_of: p.string(),
				preview_mode: p.oneOf('next', 'recurring'),
				schedule: p.string(),
				subscription: p.string(),
			},
		},
		handle: ({ account, params }) => createPreview(account, params),
	},
];
