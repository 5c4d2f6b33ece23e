// Internal state records. Serializers in render.ts turn them into API objects.
import type { TestCard } from './test-cards';

export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'uncollectible' | 'void';
export type CollectionMethod = 'charge_automatically' | 'send_invoice';

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
	metadata: Record<string, string>;
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
	/** Stored and reported only: no tax is calculated (see render.ts). */
	automaticTax: boolean;
	paymentSettings: Record<string, unknown> | null;
	customFields: Array<{ name: string; value: string }> | null;
	rendering: Record<string, unknown> | null;
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
