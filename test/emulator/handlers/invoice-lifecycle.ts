// Invoice state machine (reference §1): finalize, pay, send, void, mark_uncollectible.
import { ApiError, exclusiveParams, invalidRequest, noSuch } from '../api-error';
import { minimumChargeAmount } from '../currencies';
import { newId, nowSeconds, randomToken } from '../ids';
import { bool, expandList, str } from '../param-readers';
import { p } from '../param-schema';
import type { InvoiceRec } from '../records';
import { LOCATION_INVALID_MESSAGE } from '../pricing/automatic-tax';
import type { InvoiceTotals } from '../pricing/invoice-totals';
import { computeTotals, serializeInvoice, serializePaymentMethod } from '../render';
import { bankTransferSettings } from '../render-billing';
import { checkPromotionMinimums } from './discount-params';
import { checkConnectAmounts } from './invoice-connect';
import { applyCashBalance } from './cash-balance';
import { checkAmount } from './line-pricing';
import { settlePaid } from './settlement';
import type { HandlerContext, RouteDef } from '../routing';
import type { AccountState } from '../store';

const HOUR = 3600;
const DAY = 86400;

const NOT_OPEN = "You can only pass in open invoices. This invoice isn't open.";
const NO_PAYMENT_METHOD =
	'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.';
const SCA_MESSAGE =
	'This payment requires additional user action before it can be completed successfully. Payment can be completed using the PaymentIntent associated with the invoice. For more details see: https://stripe.com/docs/billing/subscriptions/payment#handling-action-required';

/** Objects in the URL: param 'invoice' for GET/DELETE/send/add_lines, 'id' for the other actions [R]. */
export function requireInvoice(account: AccountState, id: string, param: 'invoice' | 'id'): InvoiceRec {
	const invoice = account.invoices.get(id);
	if (!invoice) throw noSuch('invoice', id, param, true);
	return invoice;
}

/**
 * What finalizing would refuse, checked before anything changes: automatic tax without a customer
 * location (docs.stripe.com/tax/customer-locations: finalization fails with
 * last_finalization_error[code] customer_tax_location_invalid; the invoice stays a draft), a
 * promotion code's minimum amount, amounts over the maximum, Connect amounts over what is due.
 */
function checkFinalizable(
	account: AccountState,
	invoice: InvoiceRec,
	totals: InvoiceTotals,
	net: number,
): void {
	if (totals.automaticTaxStatus === 'requires_location_inputs') {
		const error = { code: 'customer_tax_location_invalid', message: LOCATION_INVALID_MESSAGE };
		invoice.lastFinalizationError = { ...error, param: null, type: 'invalid_request_error' };
		throw invalidRequest(error.message, { code: error.code });
	}
	checkPromotionMinimums(account, invoice, totals.subtotal);
	checkAmount(totals.total, invoice.currency);
	checkAmount(net, invoice.currency);
	checkConnectAmounts(invoice, Math.max(0, net));
}

/** draft -> open (or straight to paid when nothing is due). Shared by finalize, pay and send. */
export function finalizeDraft(account: AccountState, invoice: InvoiceRec): 'open' | 'paid' {
	const now = nowSeconds();
	const customer = account.customers.get(invoice.customer);
	const totals = computeTotals(account, invoice);
	const startingBalance = customer?.balance ?? 0;
	const net = totals.total + startingBalance;
	// Checked before anything changes, so finalize, pay and send refuse the draft as it is.
	checkFinalizable(account, invoice, totals, net);
	invoice.lastFinalizationError = null;
	invoice.customerAddress = customer?.address ? { ...customer.address } : null;
	invoice.customerShipping = customer?.shipping
		? { ...customer.shipping, address: { ...customer.shipping.address } }
		: null;
	invoice.customerTaxExempt = customer?.taxExempt ?? 'none';
	let due = Math.max(0, net);
	if (customer) customer.balance = Math.min(0, net);

	invoice.status = 'open';
	invoice.finalizedAt = now;
	invoice.startingBalance = startingBalance;
	if (!invoice.number && customer) {
		invoice.number = `${customer.invoicePrefix}-${String(customer.nextInvoiceSequence).padStart(4, '0')}`;
		customer.nextInvoiceSequence += 1;
	}
	invoice.customerName = customer?.name ?? null;
	invoice.customerEmail = customer?.email ?? null;
	invoice.customerPhone = customer?.phone ?? null;
	const mode = account.livemode ? 'live' : 'test';
	const token = randomToken(40);
	invoice.hostedInvoiceUrl = `https://invoice.stripe.com/i/${account.id}/${mode}_${token}?s=ap`;
	invoice.invoicePdf = `https://pay.stripe.com/invoice/${account.id}/${mode}_${token}/pdf?s=ap`;
	invoice.automaticallyFinalizesAt = null;

	if (due > 0 && due < minimumChargeAmount(invoice.currency)) {
		// Below the currency minimum: no charge, settle as paid and carry the amount on the customer balance [D].
		if (customer) customer.balance += due;
		due = 0;
	}
	invoice.amountDue = due;
	invoice.endingBalance = customer?.balance ?? 0;
	if (due === 0) {
		// [M] $0 / too-small invoices report attempted:true with attempt_count 0, like the sub-minimum case.
		invoice.attempted = true;
		settlePaid(invoice, now);
		return 'paid';
	}
	const pi = newId('pi');
	invoice.payment = {
		id: newId('inpay'),
		paymentIntent: pi,
		clientSecret: `${pi}_secret_${randomToken(25)}`,
		created: now,
		amountRequested: due,
		// InvoicePayments.d.ts amount_paid: "This field is null until the payment is `paid`."
		amountPaid: null,
		status: 'open',
		paidAt: null,
		canceledAt: null,
		applicationFeeAmount: invoice.applicationFeeAmount,
		transferData: invoice.transferData && { ...invoice.transferData },
		onBehalfOf: invoice.onBehalfOf,
		funded: 0,
		// [M] an invoice payable by bank transfer gets its transfer reference at finalization.
		bankTransferReference: bankTransferSettings(invoice) ? randomToken(12).toUpperCase() : null,
	};
	// [M] automatic collection is attempted about an hour after finalization.
	invoice.nextPaymentAttempt =
		invoice.autoAdvance && invoice.collectionMethod === 'charge_automatically' ? now + HOUR : null;
	// Funds already in the customer's cash balance pay a bank-transfer invoice at once [M].
	if (invoice.payment.bankTransferReference) applyCashBalance(account, invoice.customer, invoice.currency);
	return invoice.payment.status === 'paid' ? 'paid' : 'open';
}

function paymentIntentSummary(invoice: InvoiceRec, status: string, amount: number): Record<string, unknown> {
	return {
		id: invoice.payment?.paymentIntent ?? null,
		object: 'payment_intent',
		amount,
		currency: invoice.currency,
		status,
		client_secret: invoice.payment?.clientSecret ?? null,
	};
}

function pay({ account, id, params }: HandlerContext): unknown {
	const invoice = requireInvoice(account, id, 'id');
	if (invoice.status === 'paid') throw invalidRequest('Invoice is already paid');
	if (invoice.status === 'void') throw invalidRequest('Voided invoices cannot be paid.');
	const outOfBand = bool(params, 'paid_out_of_band') === true;
	const pmParam = str(params, 'payment_method');
	if (outOfBand && pmParam) throw exclusiveParams(['paid_out_of_band', 'payment_method']); // [M]
	// Check an explicit payment method before finalizing, so a typo does not change state.
	const explicitPm = pmParam
		? account.resolvePaymentMethod(pmParam, invoice.customer, 'payment_method')
		: undefined;
	// `forgive` and `off_session` are accepted; partial payments from other sources are not modelled.

	if (invoice.status === 'draft') {
		// Stripe finalizes a draft and collects in the same call [R]. [M] If collection then fails
		// (no payment method, decline) the invoice stays finalized (open).
		if (finalizeDraft(account, invoice) === 'paid')
			return serializeInvoice(account, invoice, expandList(params));
	}
	const now = nowSeconds();
	const due = (invoice.amountDue ?? 0) - invoice.amountPaid;

	if (outOfBand) {
		invoice.amountPaid += due;
		if (invoice.payment) {
			invoice.payment.status = 'canceled'; // [M] the out-of-band record replaces the default payment.
			invoice.payment.canceledAt = now;
		}
		settlePaid(invoice, now);
		return serializeInvoice(account, invoice, expandList(params));
	}

	const customer = account.customers.get(invoice.customer);
	const pmId = explicitPm?.id ?? invoice.defaultPaymentMethod ?? customer?.defaultPaymentMethod ?? null;
	const pm = pmId ? account.paymentMethods.get(pmId) : undefined;
	if (!pm) throw invalidRequest(NO_PAYMENT_METHOD, { code: 'resource_missing' });

	const outcome = pm.card.outcome;
	invoice.attempted = true;
	if (outcome.kind === 'requires_action') {
		// 3DS: no charge; attempt_count stays 0 [R].
		throw new ApiError(402, {
			type: 'card_error',
			code: 'invoice_payment_intent_requires_action',
			message: SCA_MESSAGE,
			payment_intent: paymentIntentSummary(invoice, 'requires_action', due),
			// Error.d.ts payment_method: "The PaymentMethod object for errors returned on a request
			// involving a PaymentMethod."
			payment_method: serializePaymentMethod(account, pm),
		});
	}
	if (invoice.attemptCount === 0) invoice.attemptCount = 1; // manual retries do not increment it
	const charge = {
		id: newId('ch'),
		created: now,
		invoice: invoice.id,
		amount: due,
		currency: invoice.currency,
		status: outcome.kind === 'success' ? ('succeeded' as const) : ('failed' as const),
		failure_code: outcome.kind === 'decline' ? outcome.code : null,
		paymentIntent: invoice.payment?.paymentIntent ?? newId('pi'),
		paymentMethod: pm.id,
	};
	account.charges.push(charge);
	if (outcome.kind === 'decline') {
		// [M] with automatic collection on, Smart Retries would try again; we schedule it 3 days out.
		invoice.nextPaymentAttempt = invoice.autoAdvance ? now + 3 * DAY : null;
		throw new ApiError(402, {
			type: 'card_error',
			code: outcome.code,
			decline_code: outcome.declineCode,
			message: outcome.message,
			charge: charge.id,
			payment_intent: paymentIntentSummary(invoice, 'requires_payment_method', due),
			payment_method: serializePaymentMethod(account, pm),
		});
	}
	invoice.amountPaid += due;
	if (invoice.payment) {
		invoice.payment.status = 'paid';
		invoice.payment.amountPaid = due;
		invoice.payment.paidAt = now;
	}
	settlePaid(invoice, now);
	return serializeInvoice(account, invoice, expandList(params));
}

const expandOnly = { fields: { expand: p.expand() } };

export const invoiceLifecycleRoutes: RouteDef[] = [
	{
		method: 'POST',
		path: '/v1/invoices/:id/finalize',
		object: 'invoice',
		schema: { fields: { auto_advance: p.bool(), expand: p.expand() } },
		handle({ account, id, params }) {
			const invoice = requireInvoice(account, id, 'id');
			if (invoice.status !== 'draft') {
				throw invalidRequest("This invoice is already finalized, you can't re-finalize a non-draft invoice.");
			}
			const autoAdvance = bool(params, 'auto_advance');
			if (autoAdvance != null) invoice.autoAdvance = autoAdvance;
			finalizeDraft(account, invoice);
			return serializeInvoice(account, invoice, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/pay',
		object: 'invoice',
		schema: {
			fields: {
				expand: p.expand(),
				forgive: p.bool(),
				off_session: p.bool(),
				paid_out_of_band: p.bool(),
				payment_method: p.string(),
			},
		},
		handle: pay,
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/send',
		object: 'invoice',
		schema: expandOnly,
		handle({ account, id, params }) {
			const invoice = requireInvoice(account, id, 'invoice');
			if (invoice.collectionMethod !== 'send_invoice') {
				throw invalidRequest(
					"You can only manually send an invoice if its collection method is 'send_invoice'.",
				);
			}
			if (invoice.status === 'paid') {
				throw invalidRequest(
					'This invoice cannot be sent right now. Please contact us via https://support.stripe.com/contact with details, so we can help.',
				);
			}
			if (invoice.status === 'void') throw invalidRequest(NOT_OPEN); // [M]
			if (invoice.status === 'draft') finalizeDraft(account, invoice);
			// Test mode sends no e-mail; nothing else about the invoice changes.
			return serializeInvoice(account, invoice, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/void',
		object: 'invoice',
		schema: expandOnly,
		handle({ account, id, params }) {
			const invoice = requireInvoice(account, id, 'id');
			if (invoice.status === 'paid') throw invalidRequest('Invoices with `paid` payments cannot be voided.');
			if (invoice.status !== 'open' && invoice.status !== 'uncollectible') throw invalidRequest(NOT_OPEN);
			const now = nowSeconds();
			invoice.status = 'void';
			invoice.voidedAt = now;
			invoice.autoAdvance = false;
			invoice.nextPaymentAttempt = null;
			if (invoice.payment && invoice.payment.status === 'open') {
				invoice.payment.status = 'canceled';
				invoice.payment.canceledAt = now;
			}
			return serializeInvoice(account, invoice, expandList(params));
		},
	},
	{
		method: 'POST',
		path: '/v1/invoices/:id/mark_uncollectible',
		object: 'invoice',
		schema: expandOnly,
		handle({ account, id, params }) {
			const invoice = requireInvoice(account, id, 'id');
			if (invoice.status === 'uncollectible')
				throw invalidRequest('This invoice has already been marked uncollectible.');
			if (invoice.status !== 'open') throw invalidRequest(NOT_OPEN);
			invoice.status = 'uncollectible';
			invoice.markedUncollectibleAt = nowSeconds();
			invoice.autoAdvance = false;
			invoice.nextPaymentAttempt = null;
			return serializeInvoice(account, invoice, expandList(params));
		},
	},
];
