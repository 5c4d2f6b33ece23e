// Per-account state. Each distinct API key is its own isolated account, and each connected
// account reached through it with `Stripe-Account` is another.
import { accountIdForKey, newId, nowSeconds, randomToken } from './ids';
import { invalidParam, noSuch } from './api-error';
import { lookupTestToken } from './test-cards';
import type {
	ChargeRec,
	CouponRec,
	CustomerRec,
	DiscountRec,
	InvoiceItemRec,
	InvoiceRec,
	PaymentMethodRec,
	PriceRec,
	ProductRec,
	PromotionCodeRec,
	TaxIdRec,
	TaxRateRec,
} from './records';

export interface NewCustomer {
	id?: string;
	name?: string | null;
	email?: string | null;
	phone?: string | null;
	description?: string | null;
	metadata?: Record<string, string>;
	currency?: string | null;
	invoicePrefix?: string | null;
}

export class AccountState {
	readonly customers = new Map<string, CustomerRec>();
	readonly paymentMethods = new Map<string, PaymentMethodRec>();
	readonly products = new Map<string, ProductRec>();
	readonly prices = new Map<string, PriceRec>();
	readonly taxRates = new Map<string, TaxRateRec>();
	readonly invoices = new Map<string, InvoiceRec>();
	readonly invoiceItems = new Map<string, InvoiceItemRec>();
	readonly coupons = new Map<string, CouponRec>();
	readonly promotionCodes = new Map<string, PromotionCodeRec>();
	readonly discounts = new Map<string, DiscountRec>();
	readonly taxIds = new Map<string, TaxIdRec>();
	/** Tax rates made by automatic tax, one per jurisdiction, rate and tax behaviour. */
	readonly automaticTaxRates = new Map<string, string>();
	readonly charges: ChargeRec[] = [];
	/** Object id -> emulator clock (ms) of its last write through the API, for the search lag. */
	readonly writtenAt = new Map<string, number>();
	private seqCounter = 0;

	constructor(
		readonly id: string,
		readonly livemode: boolean,
		/** The platform's account id when this is a connected account reached with `Stripe-Account`. */
		readonly platformId: string | null = null,
	) {}

	/** Monotonic creation order: lists sort by it because many objects share one `created` second. */
	nextSeq(): number {
		return ++this.seqCounter;
	}

	addCustomer(input: NewCustomer): CustomerRec {
		const customer: CustomerRec = {
			id: input.id ?? newId('cus'),
			seq: this.nextSeq(),
			created: nowSeconds(),
			name: input.name ?? null,
			email: input.email ?? null,
			phone: input.phone ?? null,
			description: input.description ?? null,
			metadata: input.metadata ?? {},
			currency: input.currency ?? null,
			// Stripe assigns each customer a random 8-character prefix (e.g. 12E7B181).
			invoicePrefix:
				input.invoicePrefix ??
				randomToken(8)
					.toUpperCase()
					.replace(/[^A-Z0-9]/g, 'X'),
			nextInvoiceSequence: 1,
			defaultPaymentMethod: null,
			balance: 0,
			address: null,
			shipping: null,
			taxExempt: 'none',
			taxIpAddress: null,
			cashBalance: {},
		};
		this.customers.set(customer.id, customer);
		return customer;
	}

	/**
	 * Resolves a test token (`pm_card_visa`) to a fresh PaymentMethod attached to the customer,
	 * or returns an existing PaymentMethod id. Unknown ids -> "No such PaymentMethod" (400).
	 */
	resolvePaymentMethod(idOrToken: string, customer: string | null, param: string): PaymentMethodRec {
		const existing = this.paymentMethods.get(idOrToken);
		if (existing) {
			// Invoices.d.ts: a PaymentMethod used for a customer's invoice "must belong to the customer".
			if (customer !== null && existing.customer !== null && existing.customer !== customer) {
				// [M] wording.
				throw invalidParam(
					param,
					`The PaymentMethod ${existing.id} does not belong to the Customer ${customer}. Please use a PaymentMethod that belongs to this Customer.`,
				);
			}
			return existing;
		}
		const card = lookupTestToken(idOrToken);
		if (!card) throw noSuch('PaymentMethod', idOrToken, param, false);
		const pm: PaymentMethodRec = { id: newId('pm'), created: nowSeconds(), customer, token: idOrToken, card };
		this.paymentMethods.set(pm.id, pm);
		return pm;
	}

	addProduct(
		name: string,
		extra: Partial<Pick<ProductRec, 'description' | 'metadata' | 'active' | 'taxCode'>> = {},
		id?: string,
	): ProductRec {
		const product: ProductRec = {
			id: id ?? newId('prod'),
			seq: this.nextSeq(),
			created: nowSeconds(),
			name,
			description: extra.description ?? null,
			active: extra.active ?? true,
			metadata: extra.metadata ?? {},
			taxCode: extra.taxCode ?? null,
		};
		this.products.set(product.id, product);
		return product;
	}

	addPrice(input: Omit<PriceRec, 'id' | 'seq' | 'created'> & { id?: string }): PriceRec {
		const price: PriceRec = {
			...input,
			id: input.id ?? newId('price'),
			seq: this.nextSeq(),
			created: nowSeconds(),
		};
		this.prices.set(price.id, price);
		return price;
	}
}

export class EmulatorStore {
	private readonly accounts = new Map<string, AccountState>();

	constructor(private readonly seed: ((account: AccountState) => void) | undefined) {}

	/**
	 * The account for an API key, or for one of its connected accounts (`Stripe-Account`), created
	 * (and optionally seeded) on first use. A connected account's state is keyed by platform and
	 * account id, so two platforms naming the same `acct_…` never share objects.
	 */
	forKey(apiKey: string, connectedAccount?: string): AccountState {
		const platform = accountIdForKey(apiKey);
		// Naming the platform's own id selects the platform [M].
		const connected = connectedAccount === platform ? undefined : connectedAccount;
		const id = connected ?? platform;
		const key = connected ? `${platform}/${connected}` : platform;
		let account = this.accounts.get(key);
		if (!account) {
			account = new AccountState(id, apiKey.includes('_live_'), connected ? platform : null);
			this.seed?.(account);
			this.accounts.set(key, account);
		}
		return account;
	}

	reset(): void {
		this.accounts.clear();
	}
}
