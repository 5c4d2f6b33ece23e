// What each example workflow must produce when n8n runs it against the seeded Stripe emulator.
// Keyed by file name in examples/; run.mjs fails any example that has no entry here.

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
