// The Stripe-Account header (SDK `stripeAccount` option) acts on a connected account with its own state.
import Stripe from 'stripe';
import type { RunningEmulator } from '../emulator';
import { customerWithCard, draftWithItem, freshKey, rejectionOf, sdk, useEmulator } from './helpers';

const { StripeInvalidRequestError, StripePermissionError } = Stripe.errors;

let emulator: RunningEmulator;
let apiKey: string;
let platform: Stripe;
useEmulator((started) => (emulator = started));
beforeEach(() => {
	apiKey = freshKey('connect');
	platform = sdk(emulator, apiKey);
});

const ids = (list: { data: Array<{ id: string }> }): string[] => list.data.map((o) => o.id);

describe('Stripe-Account routing', () => {
	it('keeps platform and connected-account objects apart', async () => {
		const acctA = { stripeAccount: 'acct_1ConnectedA' };
		const acctB = { stripeAccount: 'acct_1ConnectedB' };
		const onPlatform = await customerWithCard(platform);
		const onA = await platform.customers.create({ name: 'Connected A customer' }, acctA);
		expect(onA.lastResponse.stripeAccount).toBe('acct_1ConnectedA');

		expect(ids(await platform.customers.list())).toEqual([onPlatform.id]);
		expect(ids(await platform.customers.list({}, acctA))).toEqual([onA.id]);
		expect((await platform.customers.list({}, acctB)).data).toEqual([]);

		const crossed = await rejectionOf(platform.customers.retrieve(onA.id), StripeInvalidRequestError);
		expect(crossed).toMatchObject({ statusCode: 404, code: 'resource_missing' });
		await rejectionOf(platform.customers.retrieve(onPlatform.id, {}, acctA), StripeInvalidRequestError);
		// A body reference to another account's customer is "No such customer" too.
		const invoiceErr = await rejectionOf(
			platform.invoices.create({ customer: onPlatform.id }, acctA),
			StripeInvalidRequestError,
		);
		expect(invoiceErr).toMatchObject({ statusCode: 400, param: 'customer' });
	});

	it('runs the invoice lifecycle on the connected account, with its id in the hosted URLs', async () => {
		const acct = { stripeAccount: 'acct_1Lifecycle' };
		const customer = await platform.customers.create(
			{
				name: 'Payer',
				payment_method: 'pm_card_visa',
				invoice_settings: { default_payment_method: 'pm_card_visa' },
			},
			acct,
		);
		const draft = await platform.invoices.create({ customer: customer.id, currency: 'usd' }, acct);
		await platform.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 2500 }, acct);
		const paid = await platform.invoices.pay(draft.id, {}, acct);
		expect(paid).toMatchObject({ status: 'paid', amount_paid: 2500 });
		expect(paid.hosted_invoice_url).toContain('/acct_1Lifecycle/');

		expect(emulator.invoices(apiKey, 'acct_1Lifecycle').map((i) => i.id)).toEqual([draft.id]);
		expect(emulator.charges(apiKey, 'acct_1Lifecycle')).toEqual([
			expect.objectContaining({ invoice: draft.id, amount: 2500, status: 'succeeded' }),
		]);
		expect(emulator.invoices(apiKey)).toEqual([]);
		expect(emulator.charges(apiKey)).toEqual([]);
		expect((await platform.invoices.list()).data).toEqual([]);
		expect(ids(await platform.invoices.search({ query: `status:'paid'` }, acct))).toEqual([draft.id]);
		expect((await platform.invoices.search({ query: `status:'paid'` })).data).toEqual([]);
	});

	it('separates the same connected account id under two platforms', async () => {
		const other = sdk(emulator, freshKey('connect2'));
		const acct = { stripeAccount: 'acct_1Shared' };
		const mine = await platform.customers.create({ name: 'Mine' }, acct);
		expect((await other.customers.list({}, acct)).data).toEqual([]);
		expect(ids(await platform.customers.list({}, acct))).toEqual([mine.id]);
	});

	it('treats the platform’s own account id as the platform', async () => {
		const customer = await platform.customers.create({ name: 'Platform' });
		const ownId = emulator.requests.find((r) => r.requestId === customer.lastResponse.requestId)?.account;
		expect(ownId).toMatch(/^acct_/);
		const listed = await platform.customers.list({}, { stripeAccount: ownId });
		expect(ids(listed)).toEqual([customer.id]);
	});

	it('records and echoes the header', async () => {
		const created = await platform.customers.create({ name: 'Echo' }, { stripeAccount: 'acct_1Echo' });
		const record = emulator.requests.find((r) => r.requestId === created.lastResponse.requestId);
		expect(record?.headers.stripeAccount).toBe('acct_1Echo');
		expect(created.lastResponse.headers['stripe-account']).toBe('acct_1Echo');
	});

	it('scopes idempotency keys to the account the request acts on', async () => {
		const key = { idempotencyKey: 'connect-idem-1' };
		const onPlatform = await platform.customers.create({ name: 'Same' }, key);
		const onConnected = await platform.customers.create(
			{ name: 'Same' },
			{ ...key, stripeAccount: 'acct_1Idem' },
		);
		expect(onConnected.id).not.toBe(onPlatform.id);
		expect(onConnected.lastResponse.headers['idempotent-replayed']).toBeUndefined();
		const replay = await platform.customers.create({ name: 'Same' }, { ...key, stripeAccount: 'acct_1Idem' });
		expect(replay.id).toBe(onConnected.id);
		expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
		expect(ids(await platform.customers.list({}, { stripeAccount: 'acct_1Idem' }))).toEqual([onConnected.id]);
	});

	it('lets the createCustomer helper seed a connected account', async () => {
		const { id } = emulator.createCustomer(apiKey, { name: 'Seeded', stripeAccount: 'acct_1Helper' });
		const fetched = await platform.customers.retrieve(id, {}, { stripeAccount: 'acct_1Helper' });
		expect(fetched).toMatchObject({ id, name: 'Seeded' });
		await rejectionOf(platform.customers.retrieve(id), StripeInvalidRequestError);
	});

	it.each(['not_an_account', 'acct_', 'ACCT_123', 'acct_12 3'])(
		'answers a malformed Stripe-Account (%j) with 403 account_invalid',
		async (account) => {
			const err = await rejectionOf(
				platform.customers.list({}, { stripeAccount: account }),
				StripePermissionError,
			);
			expect(err).toMatchObject({
				statusCode: 403,
				rawType: 'invalid_request_error',
				code: 'account_invalid',
			});
			expect(err.message).toMatch(
				/^The provided key 'sk_test_\*+[A-Za-z0-9]{4}' does not have access to account '.*' \(or that account does not exist\)\. Application access may have been revoked\.$/,
			);
			expect(err.message).not.toContain(apiKey);
		},
	);

	it('does not create anything when the header is rejected', async () => {
		await rejectionOf(
			platform.customers.create({ name: 'Nope' }, { stripeAccount: 'bogus' }),
			StripePermissionError,
		);
		expect((await platform.customers.list()).data).toEqual([]);
	});

	it('keeps draft helpers working on a connected account', async () => {
		const acct = { stripeAccount: 'acct_1Drafts' };
		const customer = await platform.customers.create({ name: 'Drafty' }, acct);
		const draft = await platform.invoices.create({ customer: customer.id, currency: 'usd' }, acct);
		await platform.invoiceItems.create({ customer: customer.id, invoice: draft.id, amount: 300 }, acct);
		const items = await platform.invoiceItems.list({ invoice: draft.id }, acct);
		expect(items.data.map((i) => i.amount)).toEqual([300]);
		expect((await platform.invoiceItems.list({ invoice: draft.id })).data).toEqual([]);
		// draftWithItem on the platform stays on the platform.
		const platformCustomer = await customerWithCard(platform);
		const platformDraft = await draftWithItem(platform, platformCustomer.id, 100);
		expect((await platform.invoices.list({}, acct)).data.map((i) => i.id)).toEqual([draft.id]);
		expect((await platform.invoices.list()).data.map((i) => i.id)).toEqual([platformDraft.id]);
	});
});
