// /v1/invoices: create, list, retrieve, update, delete, lines, add_lines.
import { exclusiveParams, invalidParam, invalidRequest, missingParam, noSuch } from '../api-error';
import { parseCurrency } from '../currencies';
import { newId, nowSeconds } from '../ids';
import {
	applyMetadata,
	bool,
	expandList,
	int,
	list,
	mergeMetadata,
	metadataPatch,
	str,
	strList,
} from '../param-readers';
import { listFields, p } from '../param-schema';
import { unfinalizedState, type CollectionMethod, type InvoiceItemRec, type InvoiceRec } from '../records';
import { computeTotals } from '../pricing/invoice-totals';
import { serializeInvoice, serializeLine } from '../render';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { requireCustomer } from './customers';
import { insertItem, MAX_ITEM_DESCRIPTION, type NewItem } from './invoice-items';
import { requireInvoice } from './invoice-lifecycle';
import { checkStatementDescriptor, invoiceExtras, readExtras } from './invoice-extras';
import {
	checkInvoiceAccepts,
	checkInvoiceTotal,
	checkTaxRates,
	hasPricingChange,
	periodSpec,
	readPeriod,
	resolvePricing,
	taxBehaviorSpec,
} from './line-pricing';
import { itemExpansions, matchesCreated, paginate } from './pagination';
import { discountsSpec, planDiscounts, redeemDiscounts, type DiscountPlan } from './discount-params';
import { connectFields, readConnect } from './invoice-connect';
import { checkPaymentSettings } from './payment-settings';
import { checkAutomaticTaxInvoice, checkAutomaticTaxItem, checkDiscountable } from './tax-compat';
import { checkTaxRateIds } from './tax-rates';
import { checkAccountTaxIds } from './tax-ids';

const DAY = 86400;
const SEND_NEEDS_DUE =
	"If invoice collection method is 'send_invoice', you must specify 'due_date' or 'days_until_due'.";
const CHARGE_NO_DUE =
	"You can only specify 'due_date' or 'days_until_due' if invoice collection method is 'send_invoice'.";
const FINALIZED_UPDATE = "Finalized invoices can't be updated in this way";

const collectionMethod = p.oneOf('charge_automatically', 'send_invoice');

const editableFields = {
	...invoiceExtras,
	...connectFields,
	account_tax_ids: p.array(p.string()),
	discounts: discountsSpec,
	auto_advance: p.bool(),
	collection_method: collectionMethod,
	days_until_due: p.int(0),
	default_payment_method: p.string(),
	default_tax_rates: p.array(p.string()),
	// [M] The SDK states no limit for the invoice memo; 1500 characters is the emulator's choice.
	description: p.string(1500),
	due_date: p.int(),
	effective_at: p.int(),
	expand: p.expand(),
	footer: p.string(),
	metadata: p.metadata(),
	number: p.string(),
	statement_descriptor: p.string(),
};

function checkDefaultTaxRates(account: AccountState, params: Record<string, unknown>): string[] | undefined {
	return checkTaxRateIds(account, params, 'default_tax_rates', 'default_tax_rates');
}

/** Due-date rules for the collection method the invoice will end up with [R]. */
function resolveDueDate(
	params: Record<string, unknown>,
	method: CollectionMethod,
	created: number,
	current: number | null,
): number | null {
	const days = int(params, 'days_until_due');
	const due = int(params, 'due_date');
	if (days != null && due != null) throw exclusiveParams(['days_until_due', 'due_date']);
	// [M] wording; Stripe refuses a due date that has already passed.
	if (due != null && due < nowSeconds())
		throw invalidParam('due_date', 'Invoice due dates must be in the future.');
	if (method === 'charge_automatically') {
		if (days != null || due != null) throw invalidRequest(CHARGE_NO_DUE, { validation: true });
		return null;
	}
	// days_until_due counts from `created`, even on update [R].
	const next = due ?? (days != null ? created + days * DAY : current);
	if (next == null) throw invalidRequest(SEND_NEEDS_DUE, { validation: true });
	return next;
}

function applyAutoAdvance(invoice: InvoiceRec, autoAdvance: boolean): void {
	invoice.autoAdvance = autoAdvance;
	if (invoice.status !== 'draft') return;
	// Drafts with auto_advance finalize about an hour after creation [R].
	invoice.automaticallyFinalizesAt = autoAdvance ? invoice.created + 3601 : null;
	invoice.nextPaymentAttempt =
		autoAdvance && invoice.collectionMethod === 'charge_automatically' ? invoice.created + 3600 : null;
}

function resolveDefaultPm(
	account: AccountState,
	params: Record<string, unknown>,
	customer: string,
): string | null | undefined {
	const pm = str(params, 'default_payment_method');
	if (pm == null) return pm;
	const rec = account.resolvePaymentMethod(pm, customer, 'default_payment_method');
	// [M] a test token is attached to the customer, as the Dashboard would do.
	if (rec.customer === null) rec.customer = customer;
	return rec.id;
}

function createInvoice({
	account,
	params,
}: {
	account: AccountState;
	params: Record<string, unknown>;
}): unknown {
	const customer = requireCustomer(account, str(params, 'customer') ?? '', 'customer');
	const currencyParam = str(params, 'currency');
	const currency = currencyParam ? parseCurrency(currencyParam, 'currency') : (customer.currency ?? 'usd');
	const method = (str(params, 'collection_method') ?? 'charge_automatically') as CollectionMethod;
	const created = nowSeconds();
	const dueDate = resolveDueDate(params, method, created, null);
	const defaultTaxRates = checkDefaultTaxRates(account, params) ?? [];
	const statementDescriptor = checkStatementDescriptor(str(params, 'statement_descriptor'));
	const extras = readExtras(params, {
		automaticTax: false,
		paymentSettings: null,
		customFields: null,
		rendering: null,
	});
	checkPaymentSettings(extras.paymentSettings, currency);
	const connect = readConnect(account, params, {
		applicationFeeAmount: null,
		transferData: null,
		onBehalfOf: null,
	});
	const accountTaxIds = checkAccountTaxIds(account, params) ?? null;
	const discounts =
		planDiscounts(account, list(params, 'discounts'), 'discounts', {
			currency,
			customer: customer.id,
			reusable: [],
		}) ?? [];
	const sweep =
		str(params, 'pending_invoice_items_behavior') === 'include'
			? [...account.invoiceItems.values()].filter(
					(item) =>
						item.customer === customer.id &&
						item.invoice === null &&
						!item.orphaned &&
						item.currency === currency,
				)
			: [];
	checkAutomaticTaxInvoice(extras.automaticTax, defaultTaxRates, sweep);
	const defaultPm = resolveDefaultPm(account, params, customer.id) ?? null;
	const invoice: InvoiceRec = {
		id: newId('in'),
		seq: account.nextSeq(),
		created,
		customer: customer.id,
		currency,
		status: 'draft',
		collectionMethod: method,
		autoAdvance: false,
		description: str(params, 'description') ?? null,
		footer: str(params, 'footer') ?? null,
		statementDescriptor: statementDescriptor ?? null,
		metadata: applyMetadata({}, metadataPatch(params)),
		number: str(params, 'number') ?? null,
		dueDate,
		defaultPaymentMethod: defaultPm,
		defaultTaxRates,
		effectiveAtParam: int(params, 'effective_at') ?? null,
		itemIds: [],
		customerName: customer.name,
		customerEmail: customer.email,
		customerPhone: customer.phone,
		...unfinalizedState(),
		discountIds: [],
		accountTaxIds,
		...connect,
		lastFinalizationError: null,
		customerAddress: null,
		customerShipping: null,
		customerTaxExempt: 'none',
		...extras,
	};
	// API-created invoices default to auto_advance=false [D].
	applyAutoAdvance(invoice, bool(params, 'auto_advance') ?? false);
	// Sweep the customer's pending items in this currency, oldest first.
	for (const item of sweep) {
		item.invoice = invoice.id;
		invoice.itemIds.push(item.id);
	}
	invoice.discountIds = redeemDiscounts(account, discounts, {
		customer: customer.id,
		invoice: invoice.id,
		invoiceItem: null,
	});
	if (customer.currency === null) customer.currency = currency; // [M] set by the first invoice
	account.invoices.set(invoice.id, invoice);
	return serializeInvoice(account, invoice, expandList(params));
}

/** Once finalized only metadata (and auto_advance / default_payment_method while payable) may change [I][M]. */
const FINALIZED_EDITABLE = new Set(['metadata', 'expand', 'auto_advance', 'default_payment_method']);

function updateInvoice({
	account,
	id,
	params,
}: {
	account: AccountState;
	id: string;
	params: Record<string, unknown>;
}): unknown {
	const invoice = requireInvoice(account, id, 'id');
	if (invoice.status !== 'draft') {
		const payable = invoice.status === 'open' || invoice.status === 'uncollectible';
		for (const key of Object.keys(params)) {
			const allowed =
				FINALIZED_EDITABLE.has(key) &&
				(key !== 'auto_advance' || invoice.status === 'open') &&
				(key !== 'default_payment_method' || payable);
			if (!allowed) throw invalidRequest(FINALIZED_UPDATE, { param: key });
		}
		const metadata = mergeMetadata(invoice.metadata, metadataPatch(params));
		const defaultPm = resolveDefaultPm(account, params, invoice.customer);
		if (defaultPm !== undefined) invoice.defaultPaymentMethod = defaultPm;
		const autoAdvance = bool(params, 'auto_advance');
		if (autoAdvance != null) invoice.autoAdvance = autoAdvance;
		invoice.metadata = metadata;
		return serializeInvoice(account, invoice, expandList(params));
	}
	// Draft: validate everything first, then apply.
	const method = (str(params, 'collection_method') ?? invoice.collectionMethod) as CollectionMethod;
	const touchesDue =
		params.collection_method !== undefined ||
		params.days_until_due !== undefined ||
		params.due_date !== undefined;
	const dueDate = touchesDue
		? resolveDueDate(params, method, invoice.created, method === 'send_invoice' ? invoice.dueDate : null)
		: invoice.dueDate;
	const defaultTaxRates = checkDefaultTaxRates(account, params);
	checkStatementDescriptor(str(params, 'statement_descriptor'));
	const metadata = mergeMetadata(invoice.metadata, metadataPatch(params));
	const extras = readExtras(params, invoice);
	checkPaymentSettings(extras.paymentSettings, invoice.currency);
	const connect = readConnect(account, params, invoice);
	const accountTaxIds = checkAccountTaxIds(account, params);
	const discounts = planDiscounts(account, list(params, 'discounts'), 'discounts', {
		currency: invoice.currency,
		customer: invoice.customer,
		reusable: invoice.discountIds,
	});
	const items = invoice.itemIds
		.map((itemId) => account.invoiceItems.get(itemId))
		.filter((i): i is InvoiceItemRec => i !== undefined);
	checkAutomaticTaxInvoice(extras.automaticTax, defaultTaxRates ?? invoice.defaultTaxRates, items);
	const defaultPm = resolveDefaultPm(account, params, invoice.customer);
	Object.assign(invoice, extras, connect);
	if (accountTaxIds !== undefined) invoice.accountTaxIds = accountTaxIds;
	if (discounts) {
		invoice.discountIds = redeemDiscounts(account, discounts, {
			customer: invoice.customer,
			invoice: invoice.id,
			invoiceItem: null,
		});
	}
	invoice.collectionMethod = method;
	invoice.dueDate = dueDate;
	if (defaultTaxRates !== undefined) invoice.defaultTaxRates = defaultTaxRates;
	if (defaultPm !== undefined) invoice.defaultPaymentMethod = defaultPm;
	for (const [key, field] of [
		['description', 'description'],
		['footer', 'footer'],
		['statement_descriptor', 'statementDescriptor'],
		['number', 'number'],
	] as const) {
		const value = str(params, key);
		if (value !== undefined) invoice[field] = value;
	}
	const effectiveAt = int(params, 'effective_at');
	if (effectiveAt !== undefined) invoice.effectiveAtParam = effectiveAt;
	invoice.metadata = metadata;
	applyAutoAdvance(invoice, bool(params, 'auto_advance') ?? invoice.autoAdvance);
	return serializeInvoice(account, invoice, expandList(params));
}

const lineFields = {
	amount: p.int(),
	description: p.string(MAX_ITEM_DESCRIPTION),
	discountable: p.bool(),
	discounts: discountsSpec,
	invoice_item: p.string(),
	metadata: p.metadata(),
	period: periodSpec,
	price_data: p.object(
		{
			currency: p.string(),
			product: p.string(),
			product_data: p.object(
				{ name: p.string(), description: p.string(), metadata: p.metadata(), tax_code: p.string() },
				['name'],
			),
			tax_behavior: taxBehaviorSpec,
			unit_amount: p.int(),
			unit_amount_decimal: p.decimal(),
		},
		['currency'],
	),
	pricing: p.object({ price: p.string() }),
	quantity: p.int(0),
	quantity_decimal: p.decimal(),
	tax_rates: p.array(p.string()),
};

type LinePlan =
	| { kind: 'new'; item: NewItem }
	| {
			kind: 'existing';
			item: InvoiceItemRec;
			patch: Record<string, unknown>;
			metadata: Record<string, string>;
			discounts: DiscountPlan[] | undefined;
			prefix: string;
	  };

function addLines({
	account,
	id,
	params,
}: {
	account: AccountState;
	id: string;
	params: Record<string, unknown>;
}): unknown {
	const invoice = requireInvoice(account, id, 'invoice');
	const lines = list(params, 'lines') ?? [];
	if (lines.length === 0) throw missingParam('lines');
	if (invoice.status !== 'draft') {
		// [M] same message as adding an invoice item to a finalized invoice.
		throw invalidRequest('Invalid invoice: This invoice is no longer editable', {
			code: 'invoice_not_editable',
		});
	}
	const now = nowSeconds();
	// Validate every line before changing anything, so a bad line leaves the invoice untouched.
	const plans: LinePlan[] = lines.map((line, i) => {
		const prefix = `lines[${i}]`;
		const taxRates = checkTaxRates(account, line, prefix);
		const period = readPeriod(line, prefix, now);
		const itemId = str(line, 'invoice_item');
		const target = (reusable: string[]) => ({
			currency: invoice.currency,
			customer: invoice.customer,
			reusable,
		});
		if (itemId) {
			const item = account.invoiceItems.get(itemId);
			if (!item || item.orphaned) throw noSuch('invoice item', itemId, `${prefix}[invoice_item]`, false);
			if (item.invoice !== null) {
				throw invalidRequest(`The invoice item ${itemId} is already attached to an invoice.`, {
					param: `${prefix}[invoice_item]`,
				}); // [M]
			}
			// [M] re-pricing an existing item while attaching it is not modelled.
			if (hasPricingChange(line)) throw exclusiveParams([`${prefix}[invoice_item]`, `${prefix}[amount]`]);
			checkInvoiceAccepts(invoice, item, 0, 'lines');
			const metadata = mergeMetadata(item.metadata, metadataPatch(line), `${prefix}[metadata]`);
			const discounts = planDiscounts(
				account,
				list(line, 'discounts'),
				`${prefix}[discounts]`,
				target([...invoice.discountIds, ...item.discountIds]),
			);
			const discountable = bool(line, 'discountable') ?? item.discountable;
			checkDiscountable(discountable, (discounts ?? item.discountIds).length, prefix);
			checkAutomaticTaxItem(
				invoice.automaticTax,
				{ amount: item.amount, taxRates: taxRates ?? item.taxRates },
				prefix,
			);
			return {
				kind: 'existing',
				item,
				patch: { ...line, tax_rates: taxRates, period: line.period === undefined ? undefined : period },
				metadata,
				discounts,
				prefix,
			};
		}
		const description = str(line, 'description') ?? null;
		const pricing = resolvePricing(account, line, prefix, { currency: invoice.currency, description });
		checkInvoiceAccepts(invoice, { currency: pricing.currency, customer: invoice.customer }, 0, 'lines');
		const discounts =
			planDiscounts(account, list(line, 'discounts'), `${prefix}[discounts]`, target(invoice.discountIds)) ??
			[];
		const discountable = bool(line, 'discountable');
		checkDiscountable(discountable ?? pricing.amount >= 0, discounts.length, prefix);
		checkAutomaticTaxItem(invoice.automaticTax, { amount: pricing.amount, taxRates: taxRates ?? [] }, prefix);
		return {
			kind: 'new',
			item: {
				customer: invoice.customer,
				invoice,
				pricing,
				description,
				metadata: applyMetadata({}, metadataPatch(line)),
				period,
				discountable,
				taxRates: taxRates ?? [],
				taxBehavior: null,
				taxCode: null,
				discounts,
			},
		};
	});
	checkInvoiceAccepts(
		invoice,
		{ currency: invoice.currency, customer: invoice.customer },
		lines.length,
		'lines',
	);
	const adding = plans.reduce(
		(sum, plan) => sum + (plan.kind === 'new' ? plan.item.pricing.amount : plan.item.amount),
		0,
	);
	checkInvoiceTotal(account, invoice, adding, 'lines');
	const invoiceMetadata = mergeMetadata(
		invoice.metadata,
		metadataPatch(params, 'invoice_metadata'),
		'invoice_metadata',
	);
	for (const plan of plans) {
		if (plan.kind === 'new') {
			insertItem(account, plan.item);
			continue;
		}
		const { item, patch } = plan;
		item.invoice = invoice.id;
		invoice.itemIds.push(item.id);
		const description = str(patch, 'description');
		if (description !== undefined) item.description = description;
		const taxRates = strList(patch, 'tax_rates');
		if (taxRates != null) item.taxRates = taxRates;
		const period = patch.period as { start: number; end: number } | undefined;
		if (period) {
			item.periodStart = period.start;
			item.periodEnd = period.end;
		}
		const discountable = bool(patch, 'discountable');
		if (discountable != null) item.discountable = discountable;
		if (plan.discounts) {
			item.discountIds = redeemDiscounts(account, plan.discounts, {
				customer: item.customer,
				invoice: null,
				invoiceItem: item.id,
			});
		}
		item.metadata = plan.metadata;
	}
	invoice.metadata = invoiceMetadata;
	return serializeInvoice(account, invoice, expandList(params));
}

export const invoiceRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/invoices',
		object: 'invoice',
		schema: {
			fields: {
				...editableFields,
				customer: p.string(),
				currency: p.string(),
				pending_invoice_items_behavior: p.oneOf('exclude', 'include'),
			},
			required: ['customer'],
		},
		handle: createInvoice,
	},
	{
		method: 'GET',
		path: '/v1/invoices',
		object: 'invoice',
		list: true,
		schema: {
			fields: {
				...listFields,
				customer: p.string(),
				status: p.oneOf('draft', 'open', 'paid', 'uncollectible', 'void'),
				collection_method: collectionMethod,
				created: p.range(),
				customer_account: p.string(),
				due_date: p.range(),
				subscription: p.string(),
			},
		},
		handle({ account, params }) {
			const expand = itemExpansions(params);
			const customer = str(params, 'customer');
			const status = str(params, 'status');
			const method = str(params, 'collection_method');
			// [M] subscriptions and customer accounts are not modelled: no invoice has either, so
			// filtering by one matches nothing.
			const unmodelled = Boolean(str(params, 'subscription') || str(params, 'customer_account'));
			const items = [...account.invoices.values()].filter(
				(inv) =>
					!unmodelled &&
					(!customer || inv.customer === customer) &&
					(!status || inv.status === status) &&
					(!method || inv.collectionMethod === method) &&
					matchesCreated(inv.created, params.created) &&
					(params.due_date == null || (inv.dueDate !== null && matchesCreated(inv.dueDate, params.due_date))),
			);
			return paginate(items, params, '/v1/invoices', 'invoice', (inv) =>
				serializeInvoice(account, inv, expand),
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/invoices/:id',
		object: 'invoice',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id, params }) {
			return serializeInvoice(account, requireInvoice(account, id, 'invoice'), expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id',
		object: 'invoice',
		schema: { fields: editableFields },
		handle: updateInvoice,
	},
	{
		method: 'DELETE',
		path: '/v1/invoices/:id',
		schema: { fields: {} },
		handle({ account, id }) {
			const invoice = requireInvoice(account, id, 'invoice');
			if (invoice.status !== 'draft') throw invalidRequest('You can only delete draft invoices.');
			// Swept items are not released back to pending [R]; they go with the draft.
			for (const itemId of invoice.itemIds) {
				const item = account.invoiceItems.get(itemId);
				if (item) item.orphaned = true;
			}
			account.invoices.delete(invoice.id);
			return { id: invoice.id, object: 'invoice', deleted: true };
		},
	},
	{
		method: 'GET',
		path: '/v1/invoices/:id/lines',
		schema: { fields: listFields },
		handle({ account, id, params }) {
			const invoice = requireInvoice(account, id, 'invoice');
			itemExpansions(params);
			const totals = computeTotals(account, invoice);
			const lines = invoice.itemIds
				.map((itemId) => account.invoiceItems.get(itemId))
				.filter((i): i is InvoiceItemRec => i !== undefined)
				.map((item, index) => ({ id: item.lineId, seq: index, created: item.date, item }));
			return paginate(
				lines,
				params,
				`/v1/invoices/${invoice.id}/lines`,
				'line item',
				(l) => serializeLine(account, l.item, invoice, totals),
				'oldest',
			);
		},
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/add_lines',
		object: 'invoice',
		schema: {
			fields: { lines: p.array(p.object(lineFields)), invoice_metadata: p.metadata(), expand: p.expand() },
			required: ['lines'],
		},
		handle: addLines,
	},
];
