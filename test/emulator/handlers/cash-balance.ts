// Bank transfers to a customer's cash balance, and the invoices they pay. Stripe's test helper
// POST /v1/test_helpers/customers/:id/fund_cash_balance ("Create a test incoming bank transfer",
// TestHelpers/Customers.d.ts) simulates the customer's transfer; GET /v1/customers/:id/cash_balance
// shows what is left. Reconciliation is automatic (CashBalance settings reconciliation_mode
// `automatic`): funds go to the customer's open bank-transfer invoices in that currency, the one
// whose transfer reference or number the sender quoted first, then the oldest first.
// [M] Partial funds move onto the invoice's payment (its amount_remaining in the transfer
// instructions goes down) and the invoice is paid once fully funded; funds left over stay in the
// cash balance.
import { invalidParam, invalidRequest, noSuch } from '../api-error';
import { parseCurrency } from '../currencies';
import { newId, nowSeconds } from '../ids';
import { int, str } from '../param-readers';
import { p } from '../param-schema';
import type { CustomerRec, InvoiceRec } from '../records';
import { bankTransferSettings, defaultTransferType, serializeCashBalance } from '../render-billing';
import type { RouteDef } from '../routing';
import type { AccountState } from '../store';
import { settlePaid } from './settlement';

/** The currencies Stripe's bank transfers fund (one per transfer type, payment-settings.ts). */
export const CASH_BALANCE_CURRENCIES = ['eur', 'gbp', 'jpy', 'mxn', 'usd'];

function awaitingTransfer(invoice: InvoiceRec, customer: string, currency: string): boolean {
	return (
		invoice.customer === customer &&
		invoice.currency === currency &&
		(invoice.status === 'open' || invoice.status === 'uncollectible') &&
		invoice.payment?.status === 'open' &&
		invoice.payment.bankTransferReference !== null
	);
}

function settleByTransfer(account: AccountState, invoice: InvoiceRec, now: number): void {
	const payment = invoice.payment!;
	account.charges.push({
		id: newId('ch'),
		created: now,
		invoice: invoice.id,
		amount: payment.amountRequested,
		currency: invoice.currency,
		status: 'succeeded',
		failure_code: null,
		paymentIntent: payment.paymentIntent,
		paymentMethod: 'customer_balance',
	});
	invoice.amountPaid += payment.amountRequested;
	invoice.attempted = true;
	if (invoice.attemptCount === 0) invoice.attemptCount = 1;
	payment.status = 'paid';
	payment.amountPaid = payment.amountRequested;
	payment.paidAt = now;
	settlePaid(invoice, now);
}

/** Moves the customer's cash balance in `currency` onto open bank-transfer invoices. */
export function applyCashBalance(
	account: AccountState,
	customerId: string,
	currency: string,
	reference?: string,
): void {
	const customer = account.customers.get(customerId);
	if (!customer) return;
	let cash = customer.cashBalance[currency] ?? 0;
	const quoted = (invoice: InvoiceRec) =>
		!!reference && (reference === invoice.payment?.bankTransferReference || reference === invoice.number);
	const waiting = [...account.invoices.values()]
		.filter((invoice) => awaitingTransfer(invoice, customerId, currency))
		.sort((a, b) => Number(quoted(b)) - Number(quoted(a)) || a.seq - b.seq);
	const now = nowSeconds();
	for (const invoice of waiting) {
		if (cash <= 0) break;
		const payment = invoice.payment!;
		const use = Math.min(cash, payment.amountRequested - payment.funded);
		payment.funded += use;
		cash -= use;
		if (payment.funded === payment.amountRequested) settleByTransfer(account, invoice, now);
	}
	customer.cashBalance[currency] = cash;
}

function transferType(account: AccountState, customer: CustomerRec, currency: string): string {
	const invoice = [...account.invoices.values()].find((i) => awaitingTransfer(i, customer.id, currency));
	return (invoice && bankTransferSettings(invoice)?.type) ?? defaultTransferType(currency);
}

/** The incoming transfer: funds the cash balance, then reconciles. Answers the `funded` transaction. */
export function fundCashBalance(
	account: AccountState,
	customerId: string,
	amount: number,
	currencyParam: string,
	reference: string | null,
): Record<string, unknown> {
	const customer = account.customers.get(customerId);
	if (!customer) throw noSuch('customer', customerId, 'customer', true);
	const currency = parseCurrency(currencyParam, 'currency');
	if (!CASH_BALANCE_CURRENCIES.includes(currency)) {
		throw invalidParam('currency', `Bank transfers cannot fund a cash balance in ${currency}.`); // [M]
	}
	if (!(Number.isSafeInteger(amount) && amount > 0)) {
		throw invalidParam('amount', 'This value must be greater than or equal to 1.');
	}
	const type = transferType(account, customer, currency);
	const endingBalance = (customer.cashBalance[currency] ?? 0) + amount;
	customer.cashBalance[currency] = endingBalance;
	applyCashBalance(account, customer.id, currency, reference ?? undefined);
	return {
		id: newId('ccsbtxn'),
		object: 'customer_cash_balance_transaction',
		created: nowSeconds(),
		currency,
		customer: customer.id,
		customer_account: null,
		ending_balance: endingBalance,
		funded: { bank_transfer: { reference, type } },
		livemode: account.livemode,
		net_amount: amount,
		type: 'funded',
	};
}

export const cashBalanceRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/test_helpers/customers/:id/fund_cash_balance',
		schema: {
			fields: { amount: p.int(1), currency: p.string(), reference: p.string(), expand: p.expand() },
			required: ['amount', 'currency'],
		},
		handle({ account, id, params }) {
			// [M] wording: test helpers exist in test mode only.
			if (account.livemode) throw invalidRequest('Test helpers can only be used with a test mode key.');
			return fundCashBalance(
				account,
				id,
				int(params, 'amount') ?? 0,
				str(params, 'currency') ?? '',
				str(params, 'reference') ?? null,
			);
		},
	},
	{
		method: 'GET',
		path: '/v1/customers/:id/cash_balance',
		schema: { fields: { expand: p.expand() } },
		handle({ account, id }) {
			const customer = account.customers.get(id);
			if (!customer) throw noSuch('customer', id, 'customer', true);
			return serializeCashBalance(account, customer);
		},
	},
];
