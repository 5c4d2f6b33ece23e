// Fixed demo data for `npm run emulator` and the demo script.
import { addDirectCustomer } from './customer-setup';
import { nowSeconds } from './ids';
import type { AddressRec } from './records';
import type { AccountState } from './store';

export const DEMO_CUSTOMERS: ReadonlyArray<{
	id: string;
	paymentMethod: string | null;
	name: string;
	currency?: string;
	/** A billing address: what Automatic Tax computes from (examples/eu-vat-automatic-tax.json). */
	address?: AddressRec;
}> = [
	{ id: 'cus_demo_visa', paymentMethod: 'pm_card_visa', name: 'Demo Visa (pays)' },
	{
		id: 'cus_demo_declined',
		paymentMethod: 'pm_card_chargeDeclined',
		name: 'Demo Declined (generic_decline)',
	},
	{
		id: 'cus_demo_insufficient',
		paymentMethod: 'pm_card_chargeDeclinedInsufficientFunds',
		name: 'Demo Insufficient Funds',
	},
	{ id: 'cus_demo_sca', paymentMethod: 'pm_card_authenticationRequired', name: 'Demo SCA (requires action)' },
	{ id: 'cus_demo_nopm', paymentMethod: null, name: 'Demo No Payment Method' },
	{
		id: 'cus_demo_eu',
		paymentMethod: 'pm_card_visa',
		name: 'Demo EU GmbH (pays, German address)',
		currency: 'eur',
		address: {
			line1: 'Friedrichstraße 123',
			line2: null,
			city: 'Berlin',
			postal_code: '10117',
			state: null,
			country: 'DE',
		},
	},
];

export const DEMO_PRICE_ID = 'price_demo_widget';
/** A coupon (10 % off, forever) and an active promotion code customers type for it. */
export const DEMO_COUPON = { id: 'WELCOME10', promotionCode: 'promo_demo_welcome10', code: 'WELCOME10' };

export function seedDemoAccount(account: AccountState): void {
	for (const demo of DEMO_CUSTOMERS) {
		addDirectCustomer(account, {
			id: demo.id,
			name: demo.name,
			email: `${demo.id.replace(/_/g, '.')}@example.com`,
			currency: demo.currency ?? 'usd',
			paymentMethod: demo.paymentMethod ?? undefined,
		});
		if (demo.address) account.customers.get(demo.id)!.address = { ...demo.address };
	}
	seedDemoDiscount(account);
	const product = account.addProduct('Demo Widget', {}, 'prod_demo_widget');
	account.addPrice({
		id: DEMO_PRICE_ID,
		currency: 'usd',
		unitAmountDecimal: '1500',
		product: product.id,
		active: true,
		nickname: 'Widget',
		taxBehavior: 'unspecified',
		metadata: {},
	});
}

function seedDemoDiscount(account: AccountState): void {
	const created = nowSeconds();
	account.coupons.set(DEMO_COUPON.id, {
		id: DEMO_COUPON.id,
		seq: account.nextSeq(),
		created,
		name: 'Welcome 10 %',
		percentOff: '10',
		amountOff: null,
		currency: null,
		currencyOptions: {},
		duration: 'forever',
		durationInMonths: null,
		maxRedemptions: null,
		redeemBy: null,
		timesRedeemed: 0,
		appliesTo: null,
		metadata: {},
		deleted: false,
	});
	account.promotionCodes.set(DEMO_COUPON.promotionCode, {
		id: DEMO_COUPON.promotionCode,
		seq: account.nextSeq(),
		created,
		code: DEMO_COUPON.code,
		coupon: DEMO_COUPON.id,
		active: true,
		customer: null,
		expiresAt: null,
		maxRedemptions: null,
		timesRedeemed: 0,
		firstTimeTransaction: false,
		minimumAmount: null,
		minimumAmountCurrency: null,
		metadata: {},
	});
}
