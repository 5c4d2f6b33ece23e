// Defect 5: an amount in the smallest unit written with a decimal point ("19.00") is refused, even
// when its fraction is zero: in cents, "19.00" is far more likely 19 dollars than 19 cents.
import type { IDataObject } from 'n8n-workflow';

import { useStripeWorld, type TestAccount } from '../../support/stripeWorld';
import { createInvoiceItem, invoiceAndCollect } from '../params';
import { invoiceItemOp } from '../safety/helpers';

const world = useStripeWorld();

const errorOf = (json: IDataObject) => json.error as IDataObject | undefined;

async function expectRefused(
	account: TestAccount,
	rows: IDataObject[],
	step: { name: string; parameters: IDataObject },
	field: string,
) {
	const before = account.requests().length;
	const result = await account.run(rows, { ...step, continueOnFail: true } as never);
	const json = result.output(step.name)![0].json;
	expect(errorOf(json)).toMatchObject({ type: 'validation_error', param: field });
	expect(String(errorOf(json)!.message)).toContain('without a decimal point');
	expect(account.requests()).toHaveLength(before);
}

describe('"19.00" where a whole number of cents belongs', () => {
	test.each(['19.00', '19.0', '1900.'])(
		'Invoice & Collect amount %s is refused before any call',
		async (amount) => {
			const account = world.account();
			await expectRefused(
				account,
				[{ customer: account.customer(), amount, currency: 'usd' }],
				{ name: 'Collect', parameters: invoiceAndCollect() },
				'Amount',
			);
		},
	);

	test('a line of Lines (JSON) with "amount": "19.00" is refused', async () => {
		const account = world.account();
		await expectRefused(
			account,
			[{ customer: account.customer(), currency: 'usd', lines: [{ amount: '19.00', description: 'Pro' }] }],
			{
				name: 'Collect',
				parameters: invoiceAndCollect({ lineSource: 'json', linesJson: '={{ $json.lines }}' }),
			},
			'Line 1 amount',
		);
	});

	test('Create Invoice Item amount "19.00" is refused', async () => {
		const account = world.account();
		await expectRefused(
			account,
			[{ customer: account.customer(), invoiceId: '', amount: '19.00', currency: 'usd' }],
			{ name: 'Item', parameters: createInvoiceItem() },
			'Amount',
		);
	});

	test('Update Invoice Item amount "19.00" is refused', async () => {
		const account = world.account();
		const customer = account.customer();
		const item = await account.sdk.invoiceItems.create({ customer, amount: 500, currency: 'usd' });
		await expectRefused(
			account,
			[{ invoiceItemId: item.id }],
			{ name: 'Update', parameters: invoiceItemOp('update', { updateFields: { amount: '={{ "19.00" }}' } }) },
			'Amount',
		);
		expect((await account.sdk.invoiceItems.retrieve(item.id)).amount).toBe(500);
	});

	test('the same amounts in major units are what they say', async () => {
		const account = world.account();
		const result = await account.run([{ customer: account.customer(), amount: '19.00', currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect({ amountUnit: 'major' }),
		});
		expect(result.output('Collect')![0].json).toMatchObject({ paid: true, amountPaid: 1900 });
	});
});
