// Defects 3 and 4: an invoice a reused Reference already names is resumed or reported paid only
// when it is what the row asks for — customer, currency, collection method and lines (amounts,
// prices, quantities). Otherwise the row is a clash that names the difference: never alreadyPaid,
// never a charge the row did not ask for. And an invoice whose lines were edited by hand since a
// half-done run is never finalized into something else and reported paid.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { mark, summary, writesSince } from '../safety/helpers';

const world = useStripeWorld();

const collect = (fields: INodeParameters = {}) => ({
	name: 'Collect',
	parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', ...fields }),
	continueOnFail: true,
});

const jsonLines = (fields: INodeParameters = {}) =>
	collect({ lineSource: 'json', linesJson: '={{ $json.lines }}', ...fields });

const succeeded = (account: TestAccount) =>
	world
		.emulator()
		.charges(account.key)
		.filter((charge) => charge.status === 'succeeded');

async function priceOf(account: TestAccount, unitAmount: number) {
	const price = await account.sdk.prices.create({
		currency: 'usd',
		unit_amount: unitAmount,
		product_data: { name: `Plan ${unitAmount}` },
	});
	return price.id;
}

function expectClash(json: IDataObject, said: RegExp) {
	const error = json.error as IDataObject | undefined;
	expect(error).toMatchObject({ type: 'validation_error', param: 'Reference' });
	expect(String(error!.message)).toMatch(said);
	expect(json.alreadyPaid).not.toBe(true);
}

describe('a paid invoice found for the Reference, with other lines than the row asks for', () => {
	test.each([
		['another quantity of the same price', [{ q: 2 }], [{ q: 3 }], /lacks price_\w+ \(quantity 3\)/],
		[
			'the same total split another way',
			[{ amount: 500 }, { amount: 500 }],
			[{ amount: 1000 }],
			/lacks 10\.00 USD/,
		],
		['another price of the same amount', [{ q: 1 }], [{ other: true }], /lacks price_\w+ and has 20\.00 USD/],
	])('%s: a clash naming the difference, not alreadyPaid', async (_name, firstLines, secondLines, said) => {
		const account = world.account();
		const customer = account.customer();
		const [plan, other] = [await priceOf(account, 2000), await priceOf(account, 2000)];
		type Spec = { q?: number; amount?: number; other?: boolean };
		const toLines = (specs: Spec[]) =>
			specs.map((spec) =>
				spec.amount ? { amount: spec.amount } : { price: spec.other ? other : plan, quantity: spec.q ?? 1 },
			);
		const row = (specs: Spec[]) => ({ customer, currency: 'usd', ref: 'order-3', lines: toLines(specs) });

		const first = await account.run([row(firstLines)], jsonLines());
		expect(first.output('Collect')![0].json).toMatchObject({ paid: true });
		const since = mark(account);

		const second = await account.run([row(secondLines)], jsonLines());

		expectClash(second.output('Collect')![0].json, said);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(succeeded(account)).toHaveLength(1);
	});
});

describe('an open invoice found for the Reference, made with another collection method', () => {
	test("a Send Invoice row does not charge the card of an earlier Charge Automatically run's invoice", async () => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclined');
		const row = { customer, amount: 1500, currency: 'usd', ref: 'order-4' };
		const first = await account.run([row], collect({ options: { paymentFailures: 'returnRow' } }));
		expect(first.output('Collect')![0].json).toMatchObject({
			status: 'payment_failed',
			invoiceStatus: 'open',
		});
		await account.sdk.customers.update(customer, {
			invoice_settings: { default_payment_method: 'pm_card_visa' },
		});
		const since = mark(account);

		const second = await account.run([row], collect({ collectionMethod: 'send_invoice' }));

		expectClash(
			second.output('Collect')![0].json,
			/collection method charge_automatically, not send_invoice/,
		);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect(succeeded(account)).toHaveLength(0);
	});

	test('the same row with its own collection method resumes and pays (the regression guard)', async () => {
		const account = world.account();
		const customer = account.customer('pm_card_chargeDeclined');
		const row = { customer, amount: 1500, currency: 'usd', ref: 'order-5' };
		await account.run([row], collect({ options: { paymentFailures: 'returnRow' } }));
		await account.sdk.customers.update(customer, {
			invoice_settings: { default_payment_method: 'pm_card_visa' },
		});

		const second = await account.run([row], collect());

		expect(second.output('Collect')![0].json).toMatchObject({
			paid: true,
			resumedFrom: 'open',
			alreadyPaid: false,
		});
		expect(succeeded(account).map((charge) => charge.amount)).toEqual([1500]);
	});
});

/** Runs the row once with finalize failing (500, no retry), leaving a draft with its lines. */
async function halfDone(account: TestAccount, row: IDataObject, fields: INodeParameters = {}) {
	const fault = world.emulator().addFault({
		method: 'POST',
		path: '/v1/invoices/*/finalize',
		action: 'error_500',
		every: true,
		apiKey: account.key,
	});
	const first = await account.run([row], collect({ ...fields, options: { maxAttempts: 1 } }));
	fault.remove();
	expect(first.output('Collect')![0].json).toMatchObject({ failedStep: 'finalizeInvoice' });
	return String(first.output('Collect')![0].json.invoiceId);
}

describe('defect 4: a line deleted by hand from a half-done draft', () => {
	test('the only line deleted: the re-run stops before finalizing and says what is missing', async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 2300, currency: 'usd', ref: 'order-6' };
		const draftId = await halfDone(account, row);
		const [line] = (await account.sdk.invoices.retrieve(draftId)).lines.data;
		await account.sdk.invoiceItems.del(line.parent!.invoice_item_details!.invoice_item!);

		const again = await account.run([row], collect());

		const json = again.output('Collect')![0].json;
		expect(json.paid).toBe(false);
		expect((json.error as IDataObject).message).toBe(
			`Lines: invoice ${draftId} lacks 23.00 USD (edited by hand since an earlier run?)`,
		);
		expect(json).toMatchObject({ failedStep: 'checkInvoice', invoiceId: draftId });
		expect((await account.sdk.invoices.retrieve(draftId)).status).toBe('draft');
		expect(succeeded(account)).toHaveLength(0);
	});

	test('one of two lines deleted: the lookup finds the difference, nothing is written', async () => {
		const account = world.account();
		const row = {
			customer: account.customer(),
			currency: 'usd',
			ref: 'order-7',
			lines: [{ amount: 700 }, { amount: 300 }],
		};
		const draftId = await halfDone(account, row, { lineSource: 'json', linesJson: '={{ $json.lines }}' });
		const lines = (await account.sdk.invoices.retrieve(draftId)).lines.data;
		const small = lines.find((line) => line.amount === 300)!;
		await account.sdk.invoiceItems.del(small.parent!.invoice_item_details!.invoice_item!);
		const since = mark(account);

		const again = await account.run([row], jsonLines());

		expectClash(again.output('Collect')![0].json, /\(draft\) with lines that differ: it lacks 3\.00 USD/);
		expect(summary(writesSince(account, since))).toEqual([]);
		expect((await account.sdk.invoices.retrieve(draftId)).status).toBe('draft');
	});

	test("a line's amount changed by hand: the re-run does not finalize or charge the edited draft", async () => {
		const account = world.account();
		const row = { customer: account.customer(), amount: 2300, currency: 'usd', ref: 'order-8' };
		const draftId = await halfDone(account, row);
		const [line] = (await account.sdk.invoices.retrieve(draftId)).lines.data;
		await account.sdk.invoiceItems.update(line.parent!.invoice_item_details!.invoice_item!, { amount: 9900 });

		const again = await account.run([row], collect());

		expectClash(
			again.output('Collect')![0].json,
			/lacks 23\.00 USD and has 99\.00 USD that the row does not ask for/,
		);
		expect(succeeded(account)).toHaveLength(0);
	});
});
