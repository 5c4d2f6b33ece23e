// Internal state records. Serializers in render.ts turn them into API objects.
import type { TestCard } from './test-cards';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
export type CollectionMethod = 'charge_automatically' | 'send_invoice';

/** A postal address as Stripe stores it (every field nullable). */
export interface AddressRec {
	city: string | null;
	country: string | null;
	line1: string | null;
	line2: string | null;
	postal_code: string | null;
	state: string | null;
}

export interface ShippingRec {
	address: AddressRec;
	name: string;
	phone: string | null;
}

export type TaxExempt = 'exempt' | 'none' | 'reverse';

export interface CustomerRec {
	id: string;
	seq: number;
	created: number;
	name: string | null;
	email: string | null;
	phone: string | null;
	description: string | null;
	metadata: Record<string, string>;
	currency: string | null;
	invoicePrefix: string;
	nextInvoiceSequence: number;
	defaultPaymentMethod: string | null;
	/** Positive = the customer owes money (Stripe's sign convention). */
	balance: number;
	address: AddressRec | null;
	shipping: ShippingRec | null;
	taxExempt: TaxExempt;
	taxIpAddress: string | null;
	/** Funds received by bank transfer and not yet applied, per currency (customer cash balance). */
	cashBalance: Record<string, number>;
}

export interface PaymentMethodRec {
	id: string;
	created: number;
	customer: string | null;
	token: string;
	card: TestCard;
}

export interface ProductRec {
	id: string;
	seq: number;
	created: number;
	name: string;
	description: string | null;
	active: boolean;
	metadata: Record<string, string>;
	taxCode: string | null;
}

export interface PriceRec {
	id: string;
	seq: number;
	created: number;
	currency: string;
	unitAmountDecimal: string;
	product: string;
	active: boolean;
	nickname: string | null;
	taxBehavior: string;
	metadata: Record<string, string>;
}

export interface TaxRateRec {
	id: string;
	seq: number;
	created: number;
	displayName: string;
	/** Kept as a decimal string so tax maths stays exact. */
	percentage: string;
	inclusive: boolean;
	active: boolean;
	description: string | null;
	jurisdiction: string | null;
	country: string | null;
	state: string | null;
	taxType: string | null;
	jurisdictionLevel: string | null;
	metadata: Record<string, string>;
}

export interface CouponRec {
	id: string;
	seq: number;
	created: number;
	name: string | null;
	/** Decimal string, 0 < percent ≤ 100. */
	percentOff: string | null;
	amountOff: number | null;
	currency: string | null;
	/** amount_off per other currency (currency_options). */
	currencyOptions: Record<string, number>;
	duration: 'forever' | 'once' | 'repeating';
	durationInMonths: number | null;
	maxRedemptions: number | null;
	redeemBy: number | null;
	timesRedeemed: number;
	/** Product ids the coupon is limited to (applies_to[products]); null = every product. */
	appliesTo: string[] | null;
	metadata: Record<string, string>;
	/** Deleted coupons stay for the discounts made from them; they cannot be redeemed again. */
	deleted: boolean;
}

export interface PromotionCodeRec {
	id: string;
	seq: number;
	created: number;
	code: string;
	coupon: string;
	active: boolean;
	customer: string | null;
	expiresAt: number | null;
	maxRedemptions: number | null;
	timesRedeemed: number;
	firstTimeTransaction: boolean;
	minimumAmount: number | null;
	minimumAmountCurrency: string | null;
	metadata: Record<string, string>;
}

/** A redeemed coupon (Discount object), applied to one invoice or one invoice item. */
export interface DiscountRec {
	id: string;
	start: number;
	coupon: string;
	promotionCode: string | null;
	customer: string | null;
	invoice: string | null;
	invoiceItem: string | null;
}

/** An account tax ID (`owner[type]=self`), named by invoices' account_tax_ids. */
export interface TaxIdRec {
	id: string;
	created: number;
	type: string;
	value: string;
	country: string | null;
}

export interface InvoiceItemRec {
	id: string;
	/** Id of the invoice line (`il_…`) this item renders as once attached. */
	lineId: string;
	seq: number;
	date: number;
	customer: string;
	currency: string;
	invoice: string | null;
	amount: number;
	unitAmountDecimal: string;
	quantityDecimal: string;
	price: string;
	product: string;
	description: string | null;
	discountable: boolean;
	metadata: Record<string, string>;
	periodStart: number;
	periodEnd: number;
	taxRates: string[];
	taxBehavior: string | null;
	/** Item-level discounts (DiscountRec ids), applied before the invoice's own. */
	discountIds: string[];
	/** tax_code param (Stripe Tax); the product's tax code applies when null. */
	taxCode: string | null;
	/** Set when the draft invoice holding it was deleted (Stripe does not release such items). */
	orphaned: boolean;
}

export interface InvoicePaymentRec {
	id: string;
	paymentIntent: string;
	clientSecret: string;
	created: number;
	amountRequested: number;
	amountPaid: number | null;
	status: 'open' | 'paid' | 'canceled';
	paidAt: number | null;
	canceledAt: number | null;
	/** Connect terms copied from the invoice at finalization (shown on the PaymentIntent). */
	applicationFeeAmount: number | null;
	transferData: TransferDataRec | null;
	onBehalfOf: string | null;
	/** Bank transfer (customer_balance) funds moved onto this payment so far. */
	funded: number;
	/** Bank transfer reference shown in the instructions, when paid by bank transfer. */
	bankTransferReference: string | null;
}

export interface TransferDataRec {
	destination: string;
	amount: number | null;
}

export interface FinalizationErrorRec {
	code: string;
	message: string;
	param: string | null;
	type: 'invalid_request_error';
}

export interface InvoiceRec {
	id: string;
	seq: number;
	created: number;
	customer: string;
	currency: string;
	status: InvoiceStatus;
	collectionMethod: CollectionMethod;
	autoAdvance: boolean;
	description: string | null;
	footer: string | null;
	statementDescriptor: string | null;
	metadata: Record<string, string>;
	number: string | null;
	dueDate: number | null;
	defaultPaymentMethod: string | null;
	defaultTaxRates: string[];
	effectiveAtParam: number | null;
	/** Invoice item ids in line order. */
	itemIds: string[];
	customerName: string | null;
	customerEmail: string | null;
	customerPhone: string | null;
	amountDue: number | null;
	amountPaid: number;
	startingBalance: number;
	endingBalance: number | null;
	attempted: boolean;
	attemptCount: number;
	nextPaymentAttempt: number | null;
	automaticallyFinalizesAt: number | null;
	finalizedAt: number | null;
	paidAt: number | null;
	voidedAt: number | null;
	markedUncollectibleAt: number | null;
	hostedInvoiceUrl: string | null;
	invoicePdf: string | null;
	payment: InvoicePaymentRec | null;
	/** Stripe Tax on this invoice (see pricing/automatic-tax.ts for the modelled jurisdictions). */
	automaticTax: boolean;
	/** Invoice-level discounts (DiscountRec ids), in the order given. */
	discountIds: string[];
	accountTaxIds: string[] | null;
	onBehalfOf: string | null;
	/** Request parameters only since API 2025-03-31: they show on the payment, not the invoice. */
	applicationFeeAmount: number | null;
	transferData: TransferDataRec | null;
	lastFinalizationError: FinalizationErrorRec | null;
	/** Customer snapshot taken at finalization (address, shipping, tax exemption). */
	customerAddress: AddressRec | null;
	customerShipping: ShippingRec | null;
	customerTaxExempt: TaxExempt;
	paymentSettings: Record<string, unknown> | null;
	customFields: Array<{ name: string; value: string }> | null;
	rendering: Record<string, unknown> | null;
}

/** What a new draft (or a preview) holds before finalization: nothing due, paid, tried or rendered. */
export function unfinalizedState(): Pick<
	InvoiceRec,
	| 'amountDue'
	| 'amountPaid'
	| 'startingBalance'
	| 'endingBalance'
	| 'attempted'
	| 'attemptCount'
	| 'nextPaymentAttempt'
	| 'automaticallyFinalizesAt'
	| 'finalizedAt'
	| 'paidAt'
	| 'voidedAt'
	| 'markedUncollectibleAt'
	| 'hostedInvoiceUrl'
	| 'invoicePdf'
	| 'payment'
> {
	return {
		amountDue: null,
		amountPaid: 0,
		startingBalance: 0,
		endingBalance: null,
		attempted: false,
		attemptCount: 0,
		nextPaymentAttempt: null,
		automaticallyFinalizesAt: null,
		finalizedAt: null,
		paidAt: null,
		voidedAt: null,
		markedUncollectibleAt: null,
		hostedInvoiceUrl: null,
		invoicePdf: null,
		payment: null,
	};
}

export interface ChargeRec {
	id: string;
	created: number;
	invoice: string;
	amount: number;
	currency: string;
	status: 'succeeded' | 'failed';
	failure_code: string | null;
	paymentIntent: string;
	paymentMethod: string;
}
