// Direct customer set-up (no API calls), shared by createCustomer() and POST /_emulator/customers.
import type { AccountState } from './store';

export interface DirectCustomer {
	paymentMethod?: string;
	name?: string;
	email?: string;
	currency?: string;
	id?: string;
}

/** Adds a customer, with `paymentMethod` (a test token such as pm_card_visa) as its default. */
export function addDirectCustomer(account: AccountState, opts: DirectCustomer): { id: string } {
	if (opts.id && account.customers.has(opts.id)) throw new Error(`Customer ${opts.id} already exists`);
	const customer = account.addCustomer({
		id: opts.id,
		name: opts.name,
		email: opts.email,
		currency: opts.currency?.toLowerCase(),
	});
	if (opts.paymentMethod) {
		customer.defaultPaymentMethod = account.resolvePaymentMethod(
			opts.paymentMethod,
			customer.id,
			'payment_method',
		).id;
	}
	return { id: customer.id };
}
