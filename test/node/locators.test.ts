import type { ILoadOptionsFunctions } from 'n8n-workflow';

import {
	searchCustomers,
	searchInvoiceItems,
	searchInvoices,
} from '../../nodes/StripeInvoicing/methods/listSearch';
import { loadOptionsContext } from '../engine/harness';
import { useStripeWorld, type TestAccount } from '../support/stripeWorld';
import { finalizeInvoice } from './params';

const world = useStripeWorld();

async function draft(account: TestAccount) {
	const customer = account.customer();
	const invoice = await account.sdk.invoices.create({ customer, currency: 'usd' });
	await account.sdk.invoiceItems.create({ customer, invoice: invoice.id, amount: 1234, currency: 'usd' });
	return invoice.id;
}

describe('resource locators: From List, By ID, By URL', () => {
	test.each([
		[
			'a dashboard link (test mode)',
			(id: string) => ({
				__rl: true,
				mode: 'url',
				value: `https://dashboard.stripe.com/test/invoices/${id}`,
			}),
		],
		[
			'a dashboard link with a query',
			(id: string) => ({
				__rl: true,
				mode: 'url',
				value: `https://dashboard.stripe.com/invoices/${id}?tab=x`,
			}),
		],
		[
			'a value picked from the list',
			(id: string) => ({ __rl: true, mode: 'list', value: id, cachedResultName: 'INV-0001' }),
		],
		['a plain string, as older workflows and expressions give', (id: string) => id],
	])('Finalize reads the invoice from %s', async (_name, locator) => {
		const account = world.account();
		const invoiceId = await draft(account);

		const result = await account.run([{}], {
			name: 'Finalize',
			parameters: finalizeInvoice({ invoiceId: locator(invoiceId) }),
		});

		expect(result.error).toBeUndefined();
		expect(result.output('Finalize')![0].json).toMatchObject({ id: invoiceId, status: 'open' });
	});
});

describe('list search behind "From List"', () => {
	const contextFor = (account: TestAccount) =>
		loadOptionsContext({
			secretKey: account.key,
			baseUrl: world.emulator().url,
		}) as unknown as ILoadOptionsFunctions;

	test('customers by name or email, with dashboard links', async () => {
		const account = world.account();
		world.emulator().createCustomer(account.key, {
			name: 'Ada Lovelace',
			email: 'ada@example.com',
			paymentMethod: 'pm_card_visa',
		});
		world.emulator().createCustomer(account.key, {
			name: 'Grace Hopper',
			email: 'grace@navy.example',
			paymentMethod: 'pm_card_visa',
		});

		const byName = await searchCustomers.call(contextFor(account), 'hopper');
		const byEmail = await searchCustomers.call(contextFor(account), 'ada@exa');
		const all = await searchCustomers.call(contextFor(account));

		expect(byName.results.map((r) => r.name)).toEqual(['Grace Hopper · grace@navy.example']);
		expect(byEmail.results).toHaveLength(1);
		expect(byEmail.results[0].url).toBe(
			`https://dashboard.stripe.com/test/customers/${byEmail.results[0].value}`,
		);
		expect(all.results).toHaveLength(2);
		const searches = account.requests().filter((r) => r.path === '/v1/customers/search');
		expect(searches[0].query).toMatchObject({ query: "name~'hopper' OR email~'hopper'" });
	});

	test('pages through more customers than fit one page', async () => {
		const account = world.account();
		for (let i = 0; i < 60; i++) world.emulator().createCustomer(account.key, { name: `Customer ${i}` });

		const first = await searchCustomers.call(contextFor(account));
		const second = await searchCustomers.call(contextFor(account), undefined, first.paginationToken);

		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toEqual(expect.any(String));
		expect(second.results).toHaveLength(10);
		expect(second.paginationToken).toBeUndefined();
		expect(new Set([...first.results, ...second.results].map((r) => r.value)).size).toBe(60);
	});

	test('invoices by number, named with status and total', async () => {
		const account = world.account();
		const invoiceId = await draft(account);
		const open = await account.sdk.invoices.finalizeInvoice(invoiceId);

		const found = await searchInvoices.call(contextFor(account), open.number!.slice(0, 6));

		expect(found.results).toEqual([
			{
				name: `${open.number} · open · 12.34 USD`,
				value: invoiceId,
				url: `https://dashboard.stripe.com/test/invoices/${invoiceId}`,
			},
		]);
	});

	test('invoice items, filtered by their description', async () => {
		const account = world.account();
		const customer = account.customer();
		await account.sdk.invoiceItems.create({
			customer,
			amount: 500,
			currency: 'usd',
			description: 'Onboarding',
		});
		await account.sdk.invoiceItems.create({
			customer,
			amount: 700,
			currency: 'usd',
			description: 'Training',
		});

		const found = await searchInvoiceItems.call(contextFor(account), 'train');

		expect(found.results.map((r) => r.name)).toEqual(['Training · 7.00 USD']);
	});
});

describe('By URL links that do not say what they seem to', () => {
	const link = (value: string) => ({ __rl: true, mode: 'url', value });

	test.each([
		[
			'a dashboard URL inside another site',
			(id: string) => `https://evil.example/?next=https://dashboard.stripe.com/invoices/${id}`,
		],
		['a dashboard URL after a prefix', (id: string) => `xhttps://dashboard.stripe.com/invoices/${id}`],
		[
			'an ID followed by a path trick',
			(id: string) => `https://dashboard.stripe.com/invoices/${id}%2F..%2Fvoid`,
		],
	])('%s is refused before any call', async (_name, url) => {
		const account = world.account();
		const invoiceId = await draft(account);
		const before = account.requests().length;

		// From an expression (a form field), so n8n's own check of typed values does not see it.
		const result = await account.run([{ url: url(invoiceId) }], {
			name: 'Finalize',
			parameters: finalizeInvoice({ invoiceId: link('={{ $json.url }}') }),
		});

		expect(result.error?.message).toMatch(/^Invoice: .*\[item 0\]$/);
		expect(account.requests()).toHaveLength(before);
	});

	test.each([
		['no Stripe Account is set', {}],
		['another Stripe Account is set', { stripeAccount: 'acct_2Other' }],
	])('a link under a connected account is refused when %s', async (_name, options) => {
		const account = world.account();
		const invoiceId = await draft(account);
		const before = account.requests().length;

		const result = await account.run([{}], {
			name: 'Finalize',
			parameters: finalizeInvoice({
				invoiceId: link(`https://dashboard.stripe.com/acct_1Abc/test/invoices/${invoiceId}`),
				options,
			}),
		});

		expect(result.error?.message).toContain('Invoice: the link is for connected account acct_1Abc');
		expect(account.requests()).toHaveLength(before);
	});
});
