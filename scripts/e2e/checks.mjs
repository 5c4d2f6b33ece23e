// What each example workflow must produce when n8n runs it against the seeded Stripe emulator.
// Keyed by file name in examples/; run.mjs fails any example that has no entry here.
import { emulatorLedger } from './emulator-client.mjs';
import {
	bankTransferArrives,
	invoiceDiscountAndTax,
	paymentIntentOf,
	percentOf,
	stripeGet,
} from './stripe-reads.mjs';

class CheckFailed extends Error {}

export function expect(condition, message) {
	if (!condition) throw new CheckFailed(message);
}

export function equal(actual, expected, what) {
	expect(
		JSON.stringify(actual) === JSON.stringify(expected),
		`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`,
	);
}

/** The run finished and n8n recorded no workflow-level error. */
function expectSuccess(run, { exitCode }) {
	const error = run.data?.resultData?.error;
	expect(
		!error,
		`the execution failed: ${error?.message}${error?.description ? ` (${error.description})` : ''}`,
	);
	expect(run.finished === true || run.status === 'success', `execution status is ${run.status}`);
	expect(exitCode === 0, `n8n execute exited ${exitCode}`);
}

/** The JSON of every item a node put on its first output, from its (only) run. */
function output(run, nodeName) {
	const runs = run.data?.resultData?.runData?.[nodeName];
	expect(Array.isArray(runs) && runs.length > 0, `node "${nodeName}" did not run`);
	const last = runs[runs.length - 1];
	expect(!last.error, `node "${nodeName}" failed: ${last.error?.message}`);
	return (last.data?.main?.[0] ?? []).map((item) => item.json);
}

function pairedItems(run, nodeName) {
	const runs = run.data.resultData.runData[nodeName];
	return (runs[runs.length - 1].data.main[0] ?? []).map((item) => item.pairedItem);
}

const STEPS = ['createDraftInvoice', 'addInvoiceItem', 'finalizeInvoice', 'payInvoice'];

/** Executed twice: the second run must find every order's invoice and bill nothing. */
function rerunSafeBilling(runs, ctx) {
	const [first, second] = runs;
	const orders = output(first.run, 'Orders to bill');
	const firstRows = output(first.run, 'Invoice & Collect');
	const secondRows = output(second.run, 'Invoice & Collect');
	expectSuccess(first.run, first);
	expectSuccess(second.run, second);
	equal(firstRows.length, 3, 'rows out of the first run');
	equal(secondRows.length, 3, 'rows out of the second run');
	equal(
		pairedItems(second.run, 'Invoice & Collect').map((p) => p?.item),
		[0, 1, 2],
		'each output row paired to its input row',
	);
	firstRows.forEach((row, i) => {
		const at = `first run, row ${i} (${orders[i].order})`;
		equal(
			[row.paid, row.alreadyPaid, row.reference],
			[true, false, orders[i].order],
			`${at}: paid, alreadyPaid, reference`,
		);
		equal(row.stepsCompleted, STEPS, `${at}: stepsCompleted`);
	});
	secondRows.forEach((row, i) => {
		const at = `second run, row ${i} (${orders[i].order})`;
		equal(row.invoiceId, firstRows[i].invoiceId, `${at}: the same invoice`);
		equal(
			[row.paid, row.alreadyPaid, row.resumedFrom],
			[true, true, 'paid'],
			`${at}: paid, alreadyPaid, resumedFrom`,
		);
		equal(row.stepsCompleted, [], `${at}: stepsCompleted`);
	});
	equal(second.chargesSoFar, first.chargesSoFar, 'charges added by the second run');
	const charges = ctx.newCharges();
	equal(
		charges.map((c) => [c.status, c.amount]).sort(),
		orders.map((o) => ['succeeded', o.amount]).sort(),
		'one successful charge per order over both runs',
	);
	const tagged = ctx.emulator
		.invoices(ctx.secretKey)
		.filter((inv) => inv.metadata?.n8n_reference?.startsWith('R-'));
	equal(tagged.length, 3, 'invoices tagged with an R- reference');
}
rerunSafeBilling.times = 2;

export const checks = {
	'rerun-safe-billing.json': rerunSafeBilling,
	'invoice-and-collect-rows.json'(run, ctx) {
		expectSuccess(run, ctx);
		const orders = output(run, 'Orders to bill');
		const rows = output(run, 'Invoice & Collect');
		equal(rows.length, orders.length, 'rows out of Invoice & Collect');
		equal(rows.length, 3, 'number of orders');
		equal(
			pairedItems(run, 'Invoice & Collect').map((p) => p?.item),
			[0, 1, 2],
			'each output row paired to its input row',
		);
		rows.forEach((row, i) => {
			const order = orders[i];
			const at = `row ${i} (${order.order})`;
			expect(/^in_/.test(row.invoiceId ?? ''), `${at}: invoiceId ${row.invoiceId}`);
			equal(row.status, 'paid', `${at}: status`);
			equal(row.paid, true, `${at}: paid`);
			equal(row.customer, order.customer, `${at}: customer`);
			equal(row.currency, order.currency.toLowerCase(), `${at}: currency`);
			equal(row.amountPaid, order.amount, `${at}: amountPaid`);
			equal(row.amountRemaining, 0, `${at}: amountRemaining`);
			equal(row.stepsCompleted, STEPS, `${at}: stepsCompleted`);
			expect(!row.error, `${at}: unexpected error ${JSON.stringify(row.error)}`);
		});
		// What Stripe (the emulator) recorded: one successful charge per order, for its amount.
		const charges = ctx.newCharges();
		equal(
			charges.map((c) => [c.status, c.amount, c.currency]),
			orders.map((o) => ['succeeded', o.amount, o.currency.toLowerCase()]),
			'charges recorded by the emulator',
		);
		// The mapped description and metadata reached the invoice.
		const invoices = ctx.emulator.invoices(ctx.secretKey);
		rows.forEach((row, i) => {
			const invoice = invoices.find((inv) => inv.id === row.invoiceId);
			expect(invoice, `row ${i}: invoice ${row.invoiceId} not found in the emulator`);
			equal(invoice.metadata?.order, orders[i].order, `row ${i}: invoice metadata.order`);
			const lineText = JSON.stringify(invoice.lines ?? {});
			expect(
				lineText.includes(`${orders[i].order} · ${orders[i].item}`),
				`row ${i}: invoice line description "${orders[i].order} · ${orders[i].item}" not on the invoice`,
			);
		});
	},

	'batch-continue-on-fail.json'(run, ctx) {
		expectSuccess(run, ctx);
		const input = output(run, 'Subscriptions due');
		const rows = output(run, 'Invoice & Collect');
		equal(rows.length, 3, 'rows out of Invoice & Collect (3 in, 3 out under continue-on-fail)');
		equal(
			pairedItems(run, 'Invoice & Collect').map((p) => p?.item),
			[0, 1, 2],
			'each output row paired to its input row',
		);
		for (const i of [0, 2]) {
			equal(rows[i].status, 'paid', `row ${i}: status`);
			equal(rows[i].paid, true, `row ${i}: paid`);
			equal(rows[i].amountPaid, input[i].amount, `row ${i}: amountPaid`);
			expect(!rows[i].error, `row ${i}: unexpected error ${JSON.stringify(rows[i].error)}`);
		}
		const failed = rows[1];
		expect(
			failed.error && typeof failed.error === 'object',
			`row 1: no error object: ${JSON.stringify(failed)}`,
		);
		equal(failed.error.type, 'card_error', 'row 1: error.type');
		equal(failed.error.code, 'card_declined', 'row 1: error.code');
		equal(failed.error.declineCode, 'generic_decline', 'row 1: error.declineCode');
		equal(failed.error.httpStatus, 402, 'row 1: error.httpStatus');
		equal(failed.error.itemIndex, 1, 'row 1: error.itemIndex');
		expect(/^req_/.test(failed.error.requestId ?? ''), `row 1: error.requestId ${failed.error.requestId}`);
		expect(/declined/i.test(failed.error.message ?? ''), `row 1: error.message ${failed.error.message}`);
		expect(/^in_/.test(failed.invoiceId ?? ''), `row 1: invoiceId ${failed.invoiceId}`);
		equal(failed.status, 'open', 'row 1: status');
		equal(failed.paid, false, 'row 1: paid');
		equal(failed.failedStep, 'payInvoice', 'row 1: failedStep');
		equal(failed.stepsCompleted, STEPS.slice(0, 3), 'row 1: stepsCompleted');

		const summary = output(run, 'Summarize outcomes');
		equal(
			summary.map((s) => [s.account, s.outcome]),
			[
				['ACME-01', 'paid'],
				['ACME-02', 'failed'],
				['ACME-03', 'paid'],
			],
			'Summarize outcomes',
		);
		expect(
			/card_declined\/generic_decline/.test(summary[1].reason ?? ''),
			`summary reason ${summary[1].reason}`,
		);

		const charges = ctx.newCharges();
		equal(
			charges.map((c) => [c.status, c.amount]),
			[
				['succeeded', 2900],
				['failed', 9900],
				['succeeded', 4900],
			],
			'charges recorded by the emulator',
		);
	},
};

// ---- The whole invoice (issue 18): tax, Connect fees, bank transfer, dry run. These read back
// what Stripe (the emulator) made through its API (stripe-reads.mjs), so they are async.

const idsOf = (rows) => rows.map((row) => row.invoiceId);
const byId = (ctx) => new Map(ctx.emulator.invoices(ctx.secretKey).map((inv) => [inv.id, inv]));

/** Automatic Tax on a customer with a German address: 19 % VAT on every line, charged with it. */
checks['eu-vat-automatic-tax.json'] = async (run, ctx) => {
	expectSuccess(run, ctx);
	const orders = output(run, 'EU orders');
	const rows = output(run, 'Invoice & Collect with VAT');
	equal(rows.length, 2, 'rows out of Invoice & Collect with VAT');
	equal(
		pairedItems(run, 'Invoice & Collect with VAT').map((p) => p?.item),
		[0, 1],
		'each output row paired to its input row',
	);
	const vat = orders.map((o) => percentOf(o.amount, 19));
	rows.forEach((row, i) => {
		const at = `row ${i} (${orders[i].order})`;
		equal(
			[row.status, row.paid, row.customer],
			['paid', true, 'cus_demo_eu'],
			`${at}: status, paid, customer`,
		);
		equal(row.total, orders[i].amount + vat[i], `${at}: total = net + 19 % VAT (${vat[i]})`);
		equal(row.amountPaid, row.total, `${at}: amountPaid`);
	});
	const lines = output(run, 'Get Lines');
	equal(
		lines.map((l) => [l.description, l.amount, l.tax]),
		orders.map((o, i) => [o.item, o.amount, vat[i]]),
		'Get Lines: one line per invoice, its net amount and its VAT',
	);
	const invoices = byId(ctx);
	for (const [i, row] of rows.entries()) {
		const at = `invoice ${row.invoiceId} (${orders[i].order})`;
		const invoice = invoices.get(row.invoiceId);
		expect(invoice, `${at}: not in the emulator`);
		equal(invoice.automatic_tax?.enabled, true, `${at}: automatic_tax.enabled`);
		equal(invoice.automatic_tax?.status, 'complete', `${at}: automatic_tax.status`);
		equal(invoice.customer_address?.country, 'DE', `${at}: customer_address.country`);
		equal(invoice.custom_fields, [{ name: 'Purchase order', value: orders[i].po }], `${at}: custom_fields`);
		expect(/Berlin/.test(invoice.footer ?? ''), `${at}: footer ${JSON.stringify(invoice.footer)}`);
		const taxes = invoice.total_taxes ?? [];
		equal(
			taxes.map((t) => [t.amount, t.taxable_amount, t.taxability_reason, t.tax_behavior]),
			[[vat[i], orders[i].amount, 'standard_rated', 'exclusive']],
			`${at}: total_taxes`,
		);
		const rate = await stripeGet(ctx, `/v1/tax_rates/${taxes[0].tax_rate_details.tax_rate}`);
		equal(
			[rate.country, rate.percentage, rate.tax_type, rate.inclusive],
			['DE', 19, 'vat', false],
			`${at}: the tax rate Stripe Tax applied`,
		);
	}
	equal(
		ctx.newCharges().map((c) => [c.status, c.amount, c.currency, c.invoice]),
		rows.map((row) => ['succeeded', row.total, 'eur', row.invoiceId]),
		'one charge per invoice, for the total with VAT',
	);
};

/** Destination charges: the fee and the transfer show on each invoice's PaymentIntent. */
checks['marketplace-application-fee.json'] = async (run, ctx) => {
	expectSuccess(run, ctx);
	const orders = output(run, 'Marketplace orders');
	const rows = output(run, 'Invoice & Collect for the seller');
	equal(rows.length, 2, 'rows out of Invoice & Collect for the seller');
	equal(
		pairedItems(run, 'Invoice & Collect for the seller').map((p) => p?.item),
		[0, 1],
		'each output row paired to its input row',
	);
	for (const [i, row] of rows.entries()) {
		const order = orders[i];
		const at = `row ${i} (${order.order})`;
		equal(
			[row.status, row.paid, row.amountPaid],
			['paid', true, order.amount],
			`${at}: status, paid, amountPaid`,
		);
		const fee = Math.round(order.amount / 10);
		equal(order.platformFee, fee, `${at}: the Code node's 10 % fee`);
		const intent = await paymentIntentOf(ctx, row.invoiceId);
		equal(
			[intent.status, intent.amount, intent.currency],
			['succeeded', order.amount, 'usd'],
			`${at}: PaymentIntent ${intent.id} status, amount, currency`,
		);
		equal(intent.application_fee_amount, fee, `${at}: PaymentIntent application_fee_amount`);
		equal(intent.transfer_data?.destination, order.seller, `${at}: PaymentIntent transfer_data.destination`);
		equal(
			intent.transfer_data?.amount ?? null,
			null,
			`${at}: PaymentIntent transfer_data.amount (fee given instead)`,
		);
		equal(intent.on_behalf_of, order.seller, `${at}: PaymentIntent on_behalf_of`);
		const invoice = byId(ctx).get(row.invoiceId);
		equal(
			[invoice.on_behalf_of, invoice.metadata?.seller],
			[order.seller, order.seller],
			`${at}: invoice on_behalf_of, metadata.seller`,
		);
	}
	equal(
		ctx.newCharges().map((c) => [c.status, c.amount, c.invoice]),
		rows.map((row, i) => ['succeeded', orders[i].amount, row.invoiceId]),
		'one charge per order',
	);
};

const EU_BANK_TRANSFER = {
	payment_method_types: ['customer_balance'],
	payment_method_options: {
		customer_balance: {
			funding_type: 'bank_transfer',
			bank_transfer: { type: 'eu_bank_transfer', eu_bank_transfer: { country: 'DE' } },
		},
	},
};

/** Send Invoice paid by bank transfer: open, emailed, bank details on the payment; a transfer pays it. */
checks['bank-transfer-invoice.json'] = async (run, ctx) => {
	expectSuccess(run, ctx);
	const orders = output(run, 'B2B orders');
	const rows = output(run, 'Send Invoice (bank transfer)');
	equal(rows.length, 2, 'rows out of Send Invoice (bank transfer)');
	equal(
		pairedItems(run, 'Send Invoice (bank transfer)').map((p) => p?.item),
		[0, 1],
		'each output row paired to its input row',
	);
	const invoices = byId(ctx);
	for (const [i, row] of rows.entries()) {
		const at = `row ${i} (${orders[i].order})`;
		equal(
			[row.status, row.paid, row.collectionMethod, row.amountDue, row.amountPaid],
			['open', false, 'send_invoice', orders[i].amount, 0],
			`${at}: status, paid, collectionMethod, amountDue, amountPaid`,
		);
		equal(row.stepsCompleted, [...STEPS.slice(0, 3), 'sendInvoice'], `${at}: stepsCompleted`);
		const invoice = invoices.get(row.invoiceId);
		equal(
			invoice.payment_settings?.payment_method_types,
			EU_BANK_TRANSFER.payment_method_types,
			`${at}: payment_method_types`,
		);
		equal(
			invoice.payment_settings?.payment_method_options?.customer_balance,
			EU_BANK_TRANSFER.payment_method_options.customer_balance,
			`${at}: payment_method_options.customer_balance`,
		);
		const daysDue = (invoice.due_date - invoice.created) / 86_400;
		expect(Math.abs(daysDue - 14) < 0.01, `${at}: due ${daysDue} days after creation, expected 14`);
		const intent = await paymentIntentOf(ctx, row.invoiceId);
		const instructions = intent.next_action?.display_bank_transfer_instructions;
		equal(
			[
				intent.status,
				intent.next_action?.type,
				instructions?.type,
				instructions?.amount_remaining,
				instructions?.currency,
			],
			['requires_action', 'display_bank_transfer_instructions', 'eu_bank_transfer', orders[i].amount, 'eur'],
			`${at}: PaymentIntent status and bank transfer instructions`,
		);
		expect(
			(instructions.financial_addresses ?? []).some((a) => a.type === 'iban' && a.iban?.country === 'DE'),
			`${at}: no German IBAN among ${JSON.stringify(instructions.financial_addresses)}`,
		);
	}
	const sent = ctx.emulator.requests.filter(
		(r) => r.method === 'POST' && r.status === 200 && /\/send$/.test(r.path),
	);
	equal(
		sent.map((r) => r.path),
		idsOf(rows).map((id) => `/v1/invoices/${id}/send`),
		'each invoice sent (emailed) once: POST /v1/invoices/:id/send',
	);
	equal(ctx.newCharges(), [], 'nothing charged to a card');
	// The customer's transfer for the first invoice, quoting its number, pays that invoice alone.
	const [first, second] = rows;
	await bankTransferArrives(ctx, {
		customer: 'cus_demo_eu',
		amount: orders[0].amount,
		currency: 'eur',
		reference: first.number,
	});
	const paid = await stripeGet(ctx, `/v1/invoices/${first.invoiceId}`);
	equal(
		[paid.status, paid.amount_paid],
		['paid', orders[0].amount],
		'after the transfer: first invoice status, amount_paid',
	);
	const still = await stripeGet(ctx, `/v1/invoices/${second.invoiceId}`);
	equal(
		[still.status, still.amount_remaining],
		['open', orders[1].amount],
		'after the transfer: second invoice still open',
	);
};

/**
 * Preview Only, then the same rows billed: the dry run's figures are the real invoices' (and the
 * arithmetic's: 10 % off discountable lines, then 19 % VAT per line), and the dry run wrote nothing.
 */
checks['dry-run-then-bill.json'] = async (run, ctx) => {
	expectSuccess(run, ctx);
	const orders = output(run, 'Orders to bill');
	const dry = output(run, 'Dry Run (Preview Only)');
	const real = output(run, 'Bill for Real');
	equal([dry.length, real.length], [3, 3], 'rows out of the dry run and the real run');
	for (const node of ['Dry Run (Preview Only)', 'Bill for Real'])
		equal(
			pairedItems(run, node).map((p) => p?.item),
			[0, 1, 2],
			`${node}: each row paired to its input row`,
		);
	const invoices = byId(ctx);
	for (const [i, order] of orders.entries()) {
		const at = `row ${i} (${order.order})`;
		const [preview, billed] = [dry[i], real[i]];
		equal(
			[preview.previewOnly, preview.wouldDo, preview.invoiceId, preview.alreadyPaid, preview.reference],
			[true, 'create', null, false, order.order],
			`${at}: dry run previewOnly, wouldDo, invoiceId, alreadyPaid, reference`,
		);
		// The arithmetic, worked out here from the rows: per line, the discount, then VAT on the rest.
		const lines = order.items.map((item) => {
			const amount = item.amount * (item.quantity ?? 1);
			const discount = item.discountable === false ? 0 : percentOf(amount, 10);
			return { amount, discount, tax: percentOf(amount - discount, 19) };
		});
		const expected = {
			subtotal: lines.reduce((s, l) => s + l.amount, 0),
			discount: lines.reduce((s, l) => s + l.discount, 0),
			tax: lines.reduce((s, l) => s + l.tax, 0),
		};
		expected.total = expected.subtotal - expected.discount + expected.tax;
		equal(
			[
				preview.subtotal,
				preview.discount,
				preview.tax,
				preview.total,
				preview.amountDue,
				preview.wouldCharge,
			],
			[expected.subtotal, expected.discount, expected.tax, expected.total, expected.total, expected.total],
			`${at}: dry run subtotal, discount, tax, total, amountDue, wouldCharge`,
		);
		const steps = [...STEPS];
		if (order.items.length > 1) steps[1] = 'addInvoiceLines';
		equal(
			[billed.status, billed.paid, billed.reference, billed.replayed, billed.stepsCompleted],
			['paid', true, order.order, false, steps],
			`${at}: real run status, paid, reference, replayed, stepsCompleted`,
		);
		equal(
			[billed.total, billed.amountPaid],
			[preview.total, preview.wouldCharge],
			`${at}: real total and amount paid = the dry run's`,
		);
		const invoice = invoices.get(billed.invoiceId);
		const { discount, tax } = invoiceDiscountAndTax(invoice);
		equal(
			[invoice.subtotal, discount, tax, invoice.total],
			[preview.subtotal, preview.discount, preview.tax, preview.total],
			`${at}: the invoice's subtotal, discount, tax, total = the dry run's`,
		);
	}
	equal(
		ctx.newCharges().map((c) => [c.status, c.amount, c.invoice]),
		real.map((row, i) => ['succeeded', dry[i].wouldCharge, row.invoiceId]),
		'charges: one per order, each what the dry run said it would charge',
	);
	// The dry run wrote nothing: from its reference lookup to the real run's first invoice, Stripe
	// got reads and previews only; one invoice per reference; the code redeemed by the real run only.
	const requests = ctx.emulator.requests;
	const start = requests.findIndex((r) => JSON.stringify(r.query).includes(orders[0].order));
	const end = requests.findIndex(
		(r, at) =>
			at > start && r.method === 'POST' && /:DR-\d+:invoiceAndCollect:/.test(r.headers.idempotencyKey ?? ''),
	);
	expect(start >= 0 && end > start, `the dry run's and the real run's requests not found (${start}, ${end})`);
	const dryRequests = requests.slice(start, end);
	const writes = dryRequests.filter((r) => r.method !== 'GET' && r.path !== '/v1/invoices/create_preview');
	equal(
		writes.map((r) => `${r.method} ${r.path}`),
		[],
		"the dry run's writes",
	);
	equal(
		dryRequests.filter((r) => r.path === '/v1/invoices/create_preview').length,
		3,
		"the dry run's previews",
	);
	const ledger = await emulatorLedger(ctx.emulator, ctx.secretKey);
	equal(
		orders.map((o) => (ledger.invoicesByReference[o.order] ?? []).length),
		[1, 1, 1],
		'invoices per reference after both runs',
	);
	const code = await stripeGet(ctx, '/v1/promotion_codes/promo_demo_welcome10');
	equal(code.times_redeemed, 3, 'promotion code WELCOME10 redeemed (by the real run only)');
};

checks['invoice-item-finalize-pay.json'] = (run, ctx) => {
	expectSuccess(run, ctx);
	const [order] = output(run, 'Order');
	const created = output(run, 'Create Draft Invoice');
	equal(created.length, 1, 'rows out of Create Draft Invoice');
	const invoiceId = created[0].id;
	expect(/^in_/.test(invoiceId ?? ''), `Create Draft Invoice: id ${invoiceId}`);
	equal(created[0].status, 'draft', 'Create Draft Invoice: status');
	equal(created[0].customer, order.customer, 'Create Draft Invoice: customer');
	equal(created[0].currency, order.currency, 'Create Draft Invoice: currency');
	equal(created[0].metadata?.order, order.order, 'Create Draft Invoice: metadata.order');

	const [fee] = output(run, 'Add Setup Fee');
	expect(/^ii_/.test(fee?.id ?? ''), `Add Setup Fee: id ${fee?.id}`);
	equal(fee.invoice, invoiceId, 'Add Setup Fee: invoice');
	equal(fee.amount, order.setupFee, 'Add Setup Fee: amount');
	equal(fee.description, 'Setup fee', 'Add Setup Fee: description');

	const [widgets] = output(run, 'Add Widgets');
	equal(widgets.invoice, invoiceId, 'Add Widgets: invoice');
	equal(widgets.price, 'price_demo_widget', 'Add Widgets: price');
	equal(widgets.quantity, order.widgets, 'Add Widgets: quantity');
	equal(widgets.amount, 1500 * order.widgets, 'Add Widgets: amount (price × quantity)');

	const total = order.setupFee + 1500 * order.widgets;
	const [finalized] = output(run, 'Finalize Invoice');
	equal(finalized.id, invoiceId, 'Finalize Invoice: id');
	equal(finalized.status, 'open', 'Finalize Invoice: status');
	equal(finalized.total, total, 'Finalize Invoice: total');
	expect(finalized.number, 'Finalize Invoice: the invoice got no number');

	const [paid] = output(run, 'Pay Invoice');
	equal(paid.id, invoiceId, 'Pay Invoice: id');
	equal(paid.status, 'paid', 'Pay Invoice: status');
	equal(paid.paid, true, 'Pay Invoice: paid');
	equal(paid.amountPaid, total, 'Pay Invoice: amountPaid');
	equal(paid.amountRemaining, 0, 'Pay Invoice: amountRemaining');

	const charges = ctx.newCharges();
	equal(
		charges.map((c) => [c.status, c.amount, c.invoice]),
		[['succeeded', total, invoiceId]],
		'charges recorded by the emulator',
	);
};

// The escape hatch: n8n's HTTP Request node with the Stripe Invoicing API credential (Predefined
// Credential Type) calls an endpoint the node has no operation for. run.mjs points the URL's
// https://api.stripe.com at the emulator.
checks['http-request-any-endpoint.json'] = (run, ctx) => {
	expectSuccess(run, ctx);
	const wanted = output(run, 'Customers').map((c) => c.customer);
	const customers = output(run, 'Get customer');
	equal(
		customers.map((c) => [c.object, c.id]),
		wanted.map((id) => ['customer', id]),
		'Get customer: one Stripe customer per input row',
	);
	const details = output(run, 'Billing details');
	equal(
		details.map((d) => d.customer),
		wanted,
		'Billing details: customer',
	);
	details.forEach((d, i) =>
		expect(
			/^pm_/.test(d.defaultPaymentMethod ?? '') && d.email === customers[i].email,
			`Billing details row ${i}: default payment method ${d.defaultPaymentMethod}, email ${d.email}`,
		),
	);
	// Sorted: n8n 1.x's HTTP Request node may send the rows' requests in another order.
	const calls = ctx.newRequests();
	equal(
		calls.map((r) => [r.method, r.path, r.status]).sort(),
		wanted.map((id) => ['GET', `/v1/customers/${id}`, 200]).sort(),
		'what the emulator received',
	);
	// The credential authenticated every call (the emulator answers 401 otherwise) and the
	// workflow's Stripe-Version header went through.
	equal(
		calls.map((r) => r.headers.stripeVersion),
		wanted.map(() => '2026-10-28.endive'),
		'Stripe-Version header',
	);
};
