// Fixed demo data for `npm run emulator` and the demo script.
import { addDirectCustomer } from './customer-setup';
import type { AccountState } from './store';

export const DEMO_CUSTOMERS: ReadonlyArray<{ id: string; paymentMethod: string | null; name: string }> = [
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
];

export const DEMO_PRICE_ID = 'price_demo_widget';

export function seedDemoAccount(account: AccountState): void {
	for (const demo of DEMO_CUSTOMERS) {
		addDirectCustomer(account, {
			id: demo.id,
			name: demo.name,
			email: `${demo.id.replace(/_/g, '.')}@example.com`,
			currency: 'usd',
			paymentMethod: demo.paymentMethod ?? undefined,
		});
	}
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
