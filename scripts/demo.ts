/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console */
/**
 * `npm run demo`: starts the embedded Stripe emulator, runs Invoice & Collect for a few sample
 * rows through n8n's real workflow engine (a "Rows" node feeding Stripe Invoicing, fields mapped
 * by expressions, continue-on-fail on) and prints what each row produced.
 */
import type { IDataObject } from 'n8n-workflow';

import { STRIPE_API_VERSION } from '../nodes/shared/transport/apiVersion';
import { startEmulator } from '../test/emulator';
import { runEngine } from '../test/engine/harness';

const SAMPLE_ROWS = [
	{ order: 'A-1001', customer: 'cus_demo_visa', amount: 1999, currency: 'usd', item: 'Pro plan, November' },
	{ order: 'A-1002', customer: 'cus_demo_visa', amount: 5000, currency: 'JPY', item: 'Tokyo workshop seat' },
	{
		order: 'A-1003',
		customer: 'cus_demo_insufficient',
		amount: 4900,
		currency: 'eur',
		item: 'Team plan, November',
	},
	{ order: 'A-1004', customer: 'cus_demo_sca', amount: 12000, currency: 'gbp', item: 'Annual support' },
	{
		order: 'A-1005',
		customer: 'cus_demo_visa',
		amount: 12.5,
		currency: 'usd',
		item: 'A typo: 12.5 is not a whole number of cents',
	},
	{
		order: 'A-1006',
		customer: 'cus_demo_nopm',
		amount: 2500,
		currency: 'usd',
		item: 'Customer with no card on file',
	},
];

function money(amount: number, currency: string): string {
	const format = new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(amount / 10 ** digits);
}

function cell(value: unknown, width: number): string {
	const text = value === undefined || value === null ? '' : String(value);
	return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
}

function describeOutcome(json: IDataObject): string {
	const error = json.error as IDataObject | undefined;
	if (!error) return `charged, ${json.stepsCompleted && (json.stepsCompleted as string[]).length} steps`;
	const code = [error.code, error.declineCode].filter(Boolean).join('/');
	const where = json.failedStep ? ` at ${json.failedStep}` : '';
	return `${code || error.type}${where}: ${error.message}`;
}

async function main(): Promise<void> {
	const emulator = await startEmulator({ seedDemoData: true });
	const secretKey = 'sk_test_dummy_demo_account';
	const runRows = async () => {
		const result = await runEngine({
			rows: SAMPLE_ROWS,
			steps: [
				{
					name: 'Invoice & Collect',
					continueOnFail: true,
					parameters: {
						resource: 'invoice',
						operation: 'invoiceAndCollect',
						customer: '={{ $json.customer }}',
						// The order number makes each row's billing exactly-once, even across re-runs.
						reference: '={{ $json.order }}',
						amount: '={{ $json.amount }}',
						currency: '={{ $json.currency }}',
						description: '={{ $json.order + " · " + $json.item }}',
						options: { metadata: { entries: [{ key: 'order', value: '={{ $json.order }}' }] } },
					},
				},
			],
			credentials: { secretKey, baseUrl: emulator.url },
		});
		if (result.error) throw result.error;
		return result.output('Invoice & Collect') ?? [];
	};
	try {
		const output = await runRows();

		console.log(`\nStripe Invoicing · Invoice & Collect · ${SAMPLE_ROWS.length} rows through n8n's engine`);
		console.log(`Stripe emulator ${emulator.url} · Stripe-Version ${STRIPE_API_VERSION}\n`);
		const header = `${cell('row', 4)}${cell('order', 8)}${cell('customer', 23)}${cell('amount', 11)}${cell('status', 8)}${cell('paid', 6)}${cell('invoice', 30)}outcome`;
		console.log(header);
		console.log('-'.repeat(header.length + 40));
		for (const item of output) {
			const row = (item.pairedItem as { item: number }).item;
			const input = SAMPLE_ROWS[row];
			const json = item.json;
			const line = `${cell(row, 4)}${cell(input.order, 8)}${cell(input.customer, 23)}${cell(
				Number.isInteger(input.amount) ? money(input.amount, input.currency) : input.amount,
				11,
			)}${cell(json.status ?? '-', 8)}${cell(json.paid ? 'yes' : 'no', 6)}${cell(json.invoiceId ?? '-', 30)}${cell(describeOutcome(json), 100)}`;
			console.log(line.trimEnd());
		}
		const paid = output.filter((item) => item.json.paid).length;
		const posts = emulator.requests.filter((request) => request.method === 'POST').length;
		const lookups = emulator.requests.filter(
			(request) =>
				request.method === 'GET' &&
				(request.path === '/v1/invoices/search' || request.path === '/v1/invoices'),
		).length;
		console.log(
			`\n${SAMPLE_ROWS.length} rows in, ${output.length} rows out, each paired to its input · ${paid} paid, ${output.length - paid} with a named error · ${posts} Stripe POSTs, each with an Idempotency-Key derived from the order · ${lookups} lookup${lookups === 1 ? '' : 's'} by reference (search, ten references a call)`,
		);
		if (output.length !== SAMPLE_ROWS.length) process.exitCode = 1;

		// Press Execute again: every row carries a Reference, so nothing is billed twice.
		const succeeded = () => emulator.charges(secretKey).filter((c) => c.status === 'succeeded').length;
		const before = { charges: succeeded(), invoices: emulator.invoices(secretKey).length };
		const again = await runRows();
		const alreadyPaid = again.filter((item) => item.json.alreadyPaid === true).length;
		const newCharges = succeeded() - before.charges;
		const newInvoices = emulator.invoices(secretKey).length - before.invoices;
		console.log(
			`Re-run of the same rows: ${again.length} rows out · ${alreadyPaid} reported as already paid · ${newInvoices} new invoices · ${newCharges} new successful charges`,
		);
		if (again.length !== SAMPLE_ROWS.length || newCharges !== 0 || newInvoices !== 0 || alreadyPaid !== paid)
			process.exitCode = 1;
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
