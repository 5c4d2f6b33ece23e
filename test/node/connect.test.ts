import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

describe('Stripe Connect: the Stripe Account option', () => {
	test('bills the connected account, not the platform, and sends the Stripe-Account header on every call', async () => {
		const account = world.account();
		const connected = 'acct_1ConnectedShop';
		const customer = world
			.emulator()
			.createCustomer(account.key, { paymentMethod: 'pm_card_visa', stripeAccount: connected }).id;

		const result = await account.run([{ customer, amount: 3000, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ options: { stripeAccount: connected } }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, amountPaid: 3000 });
		expect(world.emulator().charges(account.key, connected)).toHaveLength(1);
		expect(world.emulator().charges(account.key)).toEqual([]);
		const calls = account.requests();
		expect(calls).toHaveLength(4);
		expect(calls.every((call) => call.headers.stripeAccount === connected)).toBe(true);
	});

	test('without the option the same customer is unknown to the platform', async () => {
		const account = world.account();
		const customer = world
			.emulator()
			.createCustomer(account.key, { paymentMethod: 'pm_card_visa', stripeAccount: 'acct_1Other' }).id;

		const result = await account.run([{ customer, amount: 3000, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect(),
		});

		expect(result.error?.message).toBe(`No such customer: '${customer}' [item 0]`);
		expect(account.requests()[0].headers.stripeAccount).toBeUndefined();
	});
});
