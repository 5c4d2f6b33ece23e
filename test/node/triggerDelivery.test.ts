// Issue 20 on the delivery side: a delivery never changes static data (n8n would save the node's
// whole static data, as it was when the delivery arrived); Connect events carry their account and
// Fetch Current Invoice reads the invoice in it; the smaller defects (multipart, fetch failures,
// n8n's placeholder answer, timestamps from the future); an accepted event whose run n8n could not
// start is run on Stripe's retry.
import { TriggerWorkflow, type Delivered } from '../engine/triggerHarness';
import {
	captureLogs,
	customer,
	draft,
	signatureFor,
	storedEvent,
	useTriggerWorld,
} from '../support/triggerWorld';

const world = useTriggerWorld();

/**
 * A trigger published with Fetch Current Invoice, its invoice.paid event for an invoice of
 * `amount` (Stripe's own delivery already made), and that event's body signed again for redelivery.
 */
async function paidEventWithFetch(amount: number) {
	const key = world.newKey();
	const stripe = world.sdk(key);
	const workflow = await world.activated(key, { options: { fetchCurrentInvoice: true } });
	world.receiveWith(undefined);
	const c = await customer(stripe);
	await stripe.invoices.pay((await draft(stripe, c.id, amount)).id);
	await world.emulator().webhooks.idle();
	const [paid] = world
		.emulator()
		.webhooks.deliveries()
		.filter((d) => d.type === 'invoice.paid' && d.endpoint === workflow.stored()!.endpointId);
	const payload = JSON.stringify(await storedEvent(world.emulator(), key, paid.eventId));
	return { workflow, paid, payload, headers: signatureFor(workflow.stored()!.secret, payload) };
}

describe('deliveries never write static data', () => {
	test('accepted, duplicate, filtered out, not selected and refused deliveries leave it untouched', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const wanted = await customer(stripe);
		const workflow = await world.activated(key, {
			events: ['invoice.paid', 'invoice.finalized'],
			filters: { customer: wanted.id },
		});
		const saved = JSON.stringify(workflow.workflow.staticData);
		workflow.resetChanges();
		world.emulator().webhooks.configure({ repeat: 1 });
		await stripe.invoices.pay((await draft(stripe, wanted.id, 1000)).id); // finalized + paid, each twice
		const other = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, other.id, 1000)).id); // filtered out
		await stripe.invoices.create({ customer: wanted.id, currency: 'usd' }); // invoice.created: not selected
		world.emulator().webhooks.configure({ repeat: 0, signature: 'corrupt' });
		await stripe.invoices.pay((await draft(stripe, wanted.id, 500)).id); // refused
		await world.emulator().webhooks.idle();

		expect(workflow.staticDataChanged()).toBe(false);
		expect(JSON.stringify(workflow.workflow.staticData)).toBe(saved);
		const outcomes = world.answers().map((a) => (a.body as { outcome?: string }).outcome ?? a.status);
		for (const outcome of ['accepted', 'duplicate', 'filtered out', 400]) expect(outcomes).toContain(outcome);
	});

	test("Dashboard mode: an accepted delivery does not even create the node's static data entry", async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const probe = new TriggerWorkflow(world.setup(key, { endpointManagement: 'dashboard' }));
		const mine = await stripe.webhookEndpoints.create({
			url: probe.webhookUrl(),
			enabled_events: ['invoice.paid'],
		});
		const workflow = await world.activated(
			key,
			{ endpointManagement: 'dashboard' },
			{ signingSecretCredential: { signingSecret: mine.secret! } },
		);
		workflow.resetChanges();
		world.emulator().webhooks.configure({ repeat: 1 });
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 1000)).id);
		expect(await world.executions()).toHaveLength(1);
		expect(workflow.staticDataChanged()).toBe(false);
		expect(workflow.workflow.staticData).toEqual({});
	});
});

describe('Connect: events of connected accounts', () => {
	test('the item names the account; Fetch Current Invoice reads the invoice in that account', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		await world.activated(key, {
			events: ['invoice.finalized'],
			options: { connect: true, fetchCurrentInvoice: true },
		});
		const acct = { stripeAccount: 'acct_1TriggerConnected' };
		world.emulator().webhooks.configure({ hold: true });
		const theirs = await customer(stripe, 'pm_card_visa', {}, acct);
		const invoice = await draft(stripe, theirs.id, 2500, {}, acct);
		await stripe.invoices.finalizeInvoice(invoice.id, {}, acct);
		await stripe.invoices.pay(invoice.id, {}, acct);
		// The platform's own invoices do not reach a Connect endpoint.
		const mine = await customer(stripe);
		await stripe.invoices.finalizeInvoice((await draft(stripe, mine.id, 100)).id);
		world.emulator().webhooks.release();
		const items = await world.executions();
		expect(items).toEqual([
			expect.objectContaining({
				eventType: 'invoice.finalized',
				account: 'acct_1TriggerConnected',
				invoiceId: invoice.id,
				status: 'paid',
				fetchedCurrent: true,
			}),
		]);
	});

	test('an event of your own account says account: null', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		await world.activated(key);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 300)).id);
		expect((await world.executions()).map((item) => item.account)).toEqual([null]);
	});
});

describe('smaller defects', () => {
	test('an unsigned multipart/form-data POST: 400, nothing started, the body never read', async () => {
		const key = world.newKey();
		const workflow = await world.activated(key);
		const answer = await workflow.deliver(
			Buffer.from('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'),
			{ 'content-type': 'multipart/form-data; boundary=x' },
			{ multipart: true },
		);
		expect(answer).toEqual({
			status: 400,
			body: { error: 'Rejected: Content-Type multipart/form-data is not application/json' },
			items: [],
		});
	});

	test("accepted deliveries answer with the trigger's own body, not n8n's placeholder", async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		await world.activated(key);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 300)).id);
		const [item] = await world.executions();
		expect(world.answers().map((a) => a.body)).toEqual([
			{ received: true, outcome: 'accepted', eventId: item.eventId },
		]);
	});

	test('a signature dated beyond the tolerance in the future is refused', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const workflow = await world.activated(key);
		world.receiveWith(undefined);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 300)).id);
		await world.emulator().webhooks.idle();
		const [delivery] = world
			.emulator()
			.webhooks.deliveries()
			.filter((d) => d.endpoint === workflow.stored()!.endpointId);
		const payload = JSON.stringify(await storedEvent(world.emulator(), key, delivery.eventId));
		const secret = workflow.stored()!.secret;
		const now = Math.floor(Date.now() / 1000);
		const ahead = await workflow.deliver(Buffer.from(payload), signatureFor(secret, payload, now + 301));
		expect(ahead).toEqual({
			status: 400,
			body: { error: 'Rejected: signature check failed (timestamp in the future)' },
			items: [],
		});
		const slightlyAhead = await workflow.deliver(
			Buffer.from(payload),
			signatureFor(secret, payload, now + 60),
		);
		expect(slightlyAhead.items).toHaveLength(1);
	});

	test('Fetch Current Invoice fails: a short 500 for Stripe (no stack), the reason logged, the retry accepted', async () => {
		const { workflow, paid, payload, headers } = await paidEventWithFetch(2500);
		const fault = world.emulator().addFault({
			method: 'GET',
			path: '/v1/invoices/*',
			action: 'error_500',
			every: true,
			times: 2,
		});
		let failed;
		const logged = await captureLogs(async () => {
			failed = await workflow.deliver(Buffer.from(payload), headers);
		});
		fault.remove();
		expect(failed).toMatchObject({ status: 500, items: [] });
		const body = (failed as unknown as { body: { error: string } }).body;
		expect(Object.keys(body)).toEqual(['error']);
		expect(body.error).toMatch(/^Fetch Current Invoice failed: /);
		expect(body.error).not.toMatch(/\n\s+at /);
		expect(logged.join('\n')).toMatch(/error: Stripe Invoicing Trigger could not fetch the current invoice/);
		const retry = await workflow.deliver(Buffer.from(payload), headers);
		expect(retry.items.map((i) => i.json)).toEqual([
			expect.objectContaining({ eventId: paid.eventId, fetchedCurrent: true, status: 'paid' }),
		]);
	});

	test('a redelivery while the first delivery is still fetching: 409 (not a duplicate), the first fails, the retry runs once', async () => {
		const { workflow, paid, payload, headers } = await paidEventWithFetch(2600);
		const fault = world.emulator().addFault({
			method: 'GET',
			path: '/v1/invoices/*',
			action: 'error_500',
			every: true,
		});
		let first: Delivered | undefined;
		let second: Delivered | undefined;
		await captureLogs(async () => {
			// The first fetch fails, is retried after a pause, and fails again: the second arrives meanwhile.
			const firstDone = workflow.deliver(Buffer.from(payload), headers);
			second = await workflow.deliver(Buffer.from(payload), headers);
			first = await firstDone;
		});
		fault.remove();
		expect(second).toMatchObject({ status: 409, items: [] });
		expect((second as unknown as { body: { error: string } }).body.error).toBe(
			`Event ${paid.eventId} is still being received; retry later`,
		);
		expect(first).toMatchObject({ status: 500, items: [] });
		const retry = await workflow.deliver(Buffer.from(payload), headers);
		expect(retry.items.map((i) => i.json.eventId)).toEqual([paid.eventId]);
		const again = await workflow.deliver(Buffer.from(payload), headers);
		expect(again).toMatchObject({ status: 200, items: [], body: { outcome: 'duplicate' } });
	});
});

describe('n8n could not start the run of an accepted event', () => {
	test('n8n answered 500 after webhook() (its database or queue failed): the retry runs, once', async () => {
		const { workflow, paid, payload, headers } = await paidEventWithFetch(2700);
		let failed: Delivered | undefined;
		const logged = await captureLogs(async () => {
			failed = await workflow.deliver(Buffer.from(payload), headers, { runFails: true });
		});
		expect(failed).toMatchObject({ status: 500 });
		expect(logged.join('\n')).toContain(
			`n8n answered the delivery of event ${paid.eventId} with 500 (the run did not start); Stripe's retry of it will be accepted`,
		);
		const retry = await workflow.deliver(Buffer.from(payload), headers);
		expect(retry).toMatchObject({ status: 200, body: { outcome: 'accepted', eventId: paid.eventId } });
		expect(retry.items.map((i) => i.json.eventId)).toEqual([paid.eventId]);
		const again = await workflow.deliver(Buffer.from(payload), headers);
		expect(again).toMatchObject({ status: 200, items: [], body: { outcome: 'duplicate' } });
	});

	test('a redelivery while n8n is still creating the first run: 409; once it has, a duplicate', async () => {
		const { workflow, paid, payload, headers } = await paidEventWithFetch(2800);
		const first = await workflow.deliver(Buffer.from(payload), headers, { holdAnswer: true });
		expect(first.items.map((i) => i.json.eventId)).toEqual([paid.eventId]);
		const meanwhile = await workflow.deliver(Buffer.from(payload), headers);
		expect(meanwhile).toMatchObject({
			status: 409,
			items: [],
			body: { error: `Event ${paid.eventId} is still being received; retry later` },
		});
		first.answer!(true);
		const after = await workflow.deliver(Buffer.from(payload), headers);
		expect(after).toMatchObject({ status: 200, items: [], body: { outcome: 'duplicate' } });
	});

	test('a redelivery while n8n is still creating the first run, which then fails: 409, then the retry runs once', async () => {
		const { workflow, paid, payload, headers } = await paidEventWithFetch(2900);
		const first = await workflow.deliver(Buffer.from(payload), headers, { holdAnswer: true });
		const meanwhile = await workflow.deliver(Buffer.from(payload), headers);
		expect(meanwhile).toMatchObject({ status: 409, items: [] });
		await captureLogs(async () => first.answer!(false));
		const retry = await workflow.deliver(Buffer.from(payload), headers);
		expect(retry.items.map((i) => i.json.eventId)).toEqual([paid.eventId]);
		retry.answer?.(true);
		const again = await workflow.deliver(Buffer.from(payload), headers);
		expect(again).toMatchObject({ status: 200, items: [], body: { outcome: 'duplicate' } });
	});
});
