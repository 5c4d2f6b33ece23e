// payment_settings of invoices: the payment method types of the pinned SDK and the customer_balance
// (bank transfer) options, with the rules between them. Other methods' options are stored as sent.
import { invalidParam, missingParam } from '../api-error';
import { obj, str } from '../param-readers';
import { p } from '../param-schema';

/** Invoices.d.ts PaymentSettings.PaymentMethodType at 2026-10-28.endive. */
export const PAYMENT_METHOD_TYPES = [
	'ach_credit_transfer',
	'ach_debit',
	'acss_debit',
	'affirm',
	'alipay',
	'amazon_pay',
	'au_becs_debit',
	'bacs_debit',
	'bancontact',
	'billie',
	'blik',
	'boleto',
	'card',
	'cashapp',
	'crypto',
	'custom',
	'customer_balance',
	'eps',
	'fpx',
	'giropay',
	'grabpay',
	'ideal',
	'jp_credit_transfer',
	'kakao_pay',
	'klarna',
	'konbini',
	'kr_card',
	'link',
	'mb_way',
	'multibanco',
	'naver_pay',
	'nz_bank_account',
	'p24',
	'pay_by_bank',
	'payco',
	'paynow',
	'paypal',
	'payto',
	'pix',
	'promptpay',
	'revolut_pay',
	'satispay',
	'sepa_credit_transfer',
	'sepa_debit',
	'sequra',
	'sofort',
	'swish',
	'twint',
	'upi',
	'us_bank_account',
	'wechat_pay',
];

/** "Permitted values include: eu_bank_transfer, gb_bank_transfer, jp_bank_transfer, mx_bank_transfer, or us_bank_transfer." */
export const BANK_TRANSFER_CURRENCY: Record<string, string> = {
	eu_bank_transfer: 'eur',
	gb_bank_transfer: 'gbp',
	jp_bank_transfer: 'jpy',
	mx_bank_transfer: 'mxn',
	us_bank_transfer: 'usd',
};

const customerBalanceSpec = p.object({
	funding_type: p.oneOf('bank_transfer'),
	bank_transfer: p.object({
		type: p.oneOf(...Object.keys(BANK_TRANSFER_CURRENCY)),
		// EuBankTransfer.country: "Permitted values include: BE, DE, ES, FR, IE, or NL" (Invoice.d.ts type).
		eu_bank_transfer: p.object({ country: p.oneOf('BE', 'DE', 'ES', 'FR', 'IE', 'NL') }, ['country']),
	}),
});

export const paymentSettingsSpec = p.object({
	default_mandate: p.string(),
	payment_method_options: p.object({
		acss_debit: p.hash(),
		bancontact: p.hash(),
		billie: p.hash(),
		blik: p.hash(),
		card: p.hash(),
		customer_balance: customerBalanceSpec,
		konbini: p.hash(),
		payto: p.hash(),
		pix: p.hash(),
		sepa_debit: p.hash(),
		upi: p.hash(),
		us_bank_account: p.hash(),
	}),
	payment_method_types: p.array(p.oneOf(...PAYMENT_METHOD_TYPES)),
});

const OPTIONS = 'payment_settings[payment_method_options][customer_balance]';

/**
 * The bank transfer rules, on the settings the invoice ends up with. [M] Stripe's exact rules and
 * wordings are not documented: a bank_transfer funding type needs its type, an EU transfer its
 * country, and the transfer type must match the invoice's currency.
 */
export function checkPaymentSettings(settings: Record<string, unknown> | null, currency: string): void {
	const options = obj(obj(settings ?? {}, 'payment_method_options') ?? {}, 'customer_balance');
	if (!options) return;
	const transfer = obj(options, 'bank_transfer');
	const funding = str(options, 'funding_type');
	if (transfer && funding !== 'bank_transfer') throw missingParam(`${OPTIONS}[funding_type]`);
	if (funding !== 'bank_transfer') return;
	const type = str(transfer ?? {}, 'type');
	if (!type) throw missingParam(`${OPTIONS}[bank_transfer][type]`);
	const eu = obj(transfer ?? {}, 'eu_bank_transfer');
	if (type === 'eu_bank_transfer' && !eu)
		throw missingParam(`${OPTIONS}[bank_transfer][eu_bank_transfer][country]`);
	if (type !== 'eu_bank_transfer' && eu) {
		throw invalidParam(
			`${OPTIONS}[bank_transfer][eu_bank_transfer]`,
			'eu_bank_transfer can only be set when the bank transfer type is eu_bank_transfer.',
		);
	}
	if (BANK_TRANSFER_CURRENCY[type] !== currency) {
		throw invalidParam(
			`${OPTIONS}[bank_transfer][type]`,
			`The bank transfer type ${type} cannot be used for an invoice in ${currency}; it takes ${BANK_TRANSFER_CURRENCY[type]}.`,
		);
	}
}
