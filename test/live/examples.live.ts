/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
// `npm run test:live` only: each example workflow's Stripe nodes, exactly as shipped in examples/,
// run through n8n's engine against Stripe's API with a test-mode key. The Code node that feeds them
// is run as written; its emulator customers (cus_demo_*) become real test customers with the same
// test cards, and its order numbers get this run's suffix so references never clash across runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { DEMO_CUSTOMERS, DEMO_PRICE_ID } from '../emulator';
import { runEngine, type EngineRun } from '../engine/harness';
import { cleanUpSince, liveKey, liveSdk, STRIPE_API_BASE } from './liveStripe';

interface ExampleNode {
	name: string;
	type: string;
	parameters: INodeParameters;
	onError?: string;
}

const stripe = liveSdk();
const since = Math.floor(Date.now() / 1000) - 1;
const runId = Date.now().toString(36);
const customers = new Map<string, string>();
let priceId = '';

beforeAll(async () => {
	for (const demo of DEMO_CUSTOMERS.filter((customer) => customer.paymentMethod)) {
		const customer = await stripe.customers.create({
			name: `${demo.name} (n8n test:live)`,
			payment_method: demo.paymentMethod!,
			invoice_settings: { default_payment_method: demo.paymentMethod! },
		});
		customers.set(demo.id, customer.id);
	}
	const product = await stripe.products.create({ name: `Widget (n8n test:live ${runId})` });
	priceId = (await stripe.prices.create({ product: product.id, unit_amount: 1500, currency: 'usd' })).id;
}, 120_000);
afterAll(async () => await cleanUpSince(stripe, since), 120_000);

function load(file: string) {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as {
		nodes: ExampleNode[];
		connections: Record<string, { main: Array<Array<{ node: string }>> }>;
	};
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	// Walk the chain from the trigger: the Code node that makes the rows, then the Stripe nodes.
	const chain: ExampleNode[] = [];
	let name = workflow.nodes.find((node) => node.type.endsWith('manualTrigger'))!.name;
	while (workflow.connections[name]) {
		name = workflow.connections[name].main[0][0].node;
		chain.push(byName.get(name)!);
	}
	const source = chain[0];
	const steps = chain.slice(1).filter((node) => node.type.endsWith('stripeInvoicing'));
	return { source, steps };
}

/** The rows the example's Code node returns, with real customers and this run's order numbers. */
function rowsOf(source: ExampleNode): IDataObject[] {
	const code = String(source.parameters.jsCode);
	// The example's own Code node, as shipped: it only returns an array literal.
	const rows = new Function(code)() as IDataObject[];
	return rows.map((row) => ({
		...row,
		customer: customers.get(String(row.customer)) ?? row.customer,
		...(row.order ? { order: `${String(row.order)}-${runId}` } : {}),
	}));
}

async function run(file: string): Promise<{ run: EngineRun; last: string; rows: IDataObject[] }> {
	const { source, steps } = load(file);
	const rows = rowsOf(source);
	// Expressions that read the Code node by name read the engine's Rows node instead.
	const rename = (value: unknown): unknown =>
		typeof value === 'string'
			? value.replaceAll(`$('${source.name}')`, "$('Rows')").replaceAll(DEMO_PRICE_ID, priceId)
			: value && typeof value === 'object'
				? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rename(inner)]))
				: value;
	const engineRun = await runEngine({
		rows,
		steps: steps.map((node) => ({
			name: node.name,
			parameters: rename(node.parameters) as INodeParameters,
			continueOnFail: node.onError !== undefined && node.onError !== 'stopWorkflow',
		})),
		credentials: { secretKey: liveKey(), baseUrl: STRIPE_API_BASE },
	});
	return { run: engineRun, last: steps[steps.length - 1].name, rows };
}

const outputOf = (result: { run: EngineRun; last: string }) =>
	(result.run.output(result.last) ?? []).map((item) => item.json);

describe('example workflows against Stripe (test mode)', () => {
	test('invoice-and-collect-rows: every order is invoiced and paid', async () => {
		const result = await run('invoice-and-collect-rows.json');
		expect(result.run.error).toBeUndefined();
		expect(outputOf(result).map((row) => row.paid)).toEqual(result.rows.map(() => true));
	}, 120_000);

	test('rerun-safe-billing: a second run bills nothing and reports every order as already paid', async () => {
		const first = await run('rerun-safe-billing.json');
		const second = await run('rerun-safe-billing.json');
		expect(first.run.error).toBeUndefined();
		expect(outputOf(second).map((row) => row.alreadyPaid)).toEqual(first.rows.map(() => true));
		expect(outputOf(second).map((row) => row.invoiceId)).toEqual(outputOf(first).map((row) => row.invoiceId));
	}, 180_000);

	test('batch-continue-on-fail: the declined card is an error row, the others are paid', async () => {
		const result = await run('batch-continue-on-fail.json');
		const outcomes = outputOf(result).map((row) =>
			row.error ? (row.error as IDataObject).code : row.status,
		);
		expect(outcomes).toEqual(['paid', 'card_declined', 'paid']);
	}, 120_000);

	test('invoice-item-finalize-pay: draft, two items, finalize, pay', async () => {
		const result = await run('invoice-item-finalize-pay.json');
		expect(result.run.error).toBeUndefined();
		expect(outputOf(result)[0]).toMatchObject({ status: 'paid', paid: true, amountPaid: 2500 + 2 * 1500 });
	}, 120_000);
});
