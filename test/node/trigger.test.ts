// The Stripe Invoicing Trigger against the emulator: endpoint lifecycle through its hooks, and
// deliveries the emulator sends as invoices move, through webhook() in n8n-core's contexts.
// Issue 20's hardening has its own files: triggerSecret, triggerEndpoint, triggerDelivery.
import { createHmac } from 'node:crypto';

import { STRIPE_API_VERSION } from '../../nodes/shared/transport/apiVersion';
import { TriggerWorkflow } from '../engine/triggerHarness';
import { customer, draft, n8nCoreLogger, storedEvent, useTriggerWorld } from '../support/triggerWorld';

const world = useTriggerWorld();
const emulator = () => world.emulator();
const newKey = () => world.newKey();
const sdk = (key: string) => world.sdk(key);
const setup = world.setup;
const activated = world.activated;
const executions = world.executions;
const answers = () => world.answers();

describe('endpoint lifecycle', () => {
	test('activation registers one endpoint with the webhook URL, events, pinned version and owner metadata', async () => {
		const key = newKey();
		const workflow = await activated(key);
		const [endpoint, ...others] = (await sdk(key).webhookEndpoints.list()).data;
		expect(others).toHaveLength(0);
		expect(endpoint).toMatchObject({
			url: workflow.webhookUrl(),
			enabled_events: ['invoice.paid', 'invoice.payment_failed'],
			api_version: STRIPE_API_VERSION,
			metadata: {
				n8n_workflow_id: 'wf-trigger',
				n8n_node_id: 'trigger-node-1',
				n8n_node_name: 'Stripe Invoicing Trigger',
				n8n_webhook_url: workflow.webhookUrl(),
			},
		});
		expect(endpoint.description).toContain('n8n workflow');
		expect(workflow.stored()).toEqual({ endpointId: endpoint.id, secret: expect.stringMatching(/^whsec_/) });

		// Activating again (n8n restarts) finds it and registers nothing.
		await workflow.activate();
		expect((await sdk(key).webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
	});

	test('changed events are updated in place, keeping the endpoint and its secret', async () => {
		const key = newKey();
		const staticData = {};
		await activated(key, {}, { staticData });
		const before = (await sdk(key).webhookEndpoints.list()).data[0];
		const secret = JSON.stringify(staticData);
		await new TriggerWorkflow(setup(key, { events: ['invoice.voided'] }, { staticData })).activate();
		const after = (await sdk(key).webhookEndpoints.list()).data;
		expect(after).toHaveLength(1);
		expect(after[0]).toMatchObject({ id: before.id, enabled_events: ['invoice.voided'] });
		expect(JSON.stringify(staticData)).toBe(secret);
	});

	test('lost static data: the orphaned endpoint of this node is replaced, others are left alone', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key);
		const orphan = (await stripe.webhookEndpoints.list()).data[0];
		// Another node of the same workflow, and this node's test-listen URL: not this endpoint's twins.
		await new TriggerWorkflow(setup(key, {}, { nodeId: 'other-node' })).activate();
		await new TriggerWorkflow(setup(key)).activate(true);
		const fresh = await activated(key); // static data starts empty again
		const endpoints = (await stripe.webhookEndpoints.list()).data;
		expect(endpoints).toHaveLength(3);
		expect(endpoints.map((e) => e.id)).not.toContain(orphan.id);
		expect(
			endpoints.filter((e) => e.url === fresh.webhookUrl() && e.metadata?.n8n_node_id === 'trigger-node-1'),
		).toHaveLength(1);
	});

	test('an endpoint on another API version (the package was upgraded) is replaced', async () => {
		const key = newKey();
		const stripe = sdk(key);
		const workflow = new TriggerWorkflow(setup(key));
		const old = await stripe.webhookEndpoints.create({
			url: workflow.webhookUrl(),
			enabled_events: ['invoice.paid', 'invoice.payment_failed'],
			api_version: '2025-03-31.basil',
			metadata: { n8n_workflow_id: 'wf-trigger', n8n_node_id: 'trigger-node-1' },
		});
		workflow.nodeData().endpoints = { [workflow.webhookUrl()]: { endpointId: old.id, secret: old.secret } };
		await workflow.activate();
		const endpoints = (await stripe.webhookEndpoints.list()).data;
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0]).toMatchObject({ api_version: STRIPE_API_VERSION });
		expect(endpoints[0].id).not.toBe(old.id);
		expect(workflow.stored()?.endpointId).toBe(endpoints[0].id);
	});

	test('an endpoint deleted in the Dashboard is created again on activation', async () => {
		const key = newKey();
		const workflow = await activated(key);
		const first = (await sdk(key).webhookEndpoints.list()).data[0];
		await sdk(key).webhookEndpoints.del(first.id);
		await workflow.activate();
		const [second] = (await sdk(key).webhookEndpoints.list()).data;
		expect(second.id).not.toBe(first.id);
	});

	test('a test listen uses the test URL and removes its endpoint afterwards', async () => {
		const key = newKey();
		const workflow = new TriggerWorkflow(setup(key));
		await workflow.activate(true);
		const [endpoint] = (await sdk(key).webhookEndpoints.list()).data;
		expect(endpoint.url).toBe(workflow.webhookUrl(true));
		expect(endpoint.url).not.toBe(workflow.webhookUrl());
		await workflow.deactivate(true);
		expect((await sdk(key).webhookEndpoints.list()).data).toHaveLength(0);
	});

	test('a test listen while the workflow is active leaves the production endpoint and its secret alone', async () => {
		const key = newKey();
		const stripe = sdk(key);
		const workflow = await activated(key);
		const production = workflow.stored();
		await workflow.activate(true);
		expect((await stripe.webhookEndpoints.list()).data).toHaveLength(2);
		expect(workflow.stored(true)?.endpointId).not.toBe(production?.endpointId);
		await workflow.deactivate(true);
		expect(workflow.stored()).toEqual(production);
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([production?.endpointId]);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 1000)).id);
		expect((await executions()).map((item) => item.eventType)).toEqual(['invoice.paid']);
	});
});

describe('deliveries', () => {
	test("invoice.paid: one item with the event fields and the action node's invoice summary", async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key);
		const c = await customer(stripe);
		const invoice = await draft(stripe, c.id, 4999, { n8n_reference: 'order-42' });
		await stripe.invoices.pay(invoice.id);
		const [item, ...rest] = await executions();
		expect(rest).toHaveLength(0);
		expect(item).toMatchObject({
			eventType: 'invoice.paid',
			livemode: false,
			apiVersion: STRIPE_API_VERSION,
			invoiceId: invoice.id,
			status: 'paid',
			paid: true,
			customer: c.id,
			currency: 'usd',
			amountPaid: 4999,
			amountPaidFormatted: expect.stringContaining('49.99'),
			reference: 'order-42',
			metadata: { n8n_reference: 'order-42' },
			fetchedCurrent: false,
		});
		expect(item.eventId).toMatch(/^evt_/);
		expect(item.eventCreated).toMatch(/^\d{4}-\d{2}-\d{2}T/);
		expect(item.hostedInvoiceUrl).toMatch(/^https:\/\/invoice\.stripe\.com\//);
		expect(item.number).toMatch(/-0001$/);
		expect(item).not.toHaveProperty('previousAttributes');
	});

	test('events not selected reach no execution; a declined card gives invoice.payment_failed', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key, { events: ['invoice.payment_failed'] });
		const c = await customer(stripe, 'pm_card_chargeDeclined');
		const invoice = await draft(stripe, c.id, 1200);
		await expect(stripe.invoices.pay(invoice.id)).rejects.toThrow(/declined/);
		const items = await executions();
		expect(items).toEqual([
			expect.objectContaining({ eventType: 'invoice.payment_failed', status: 'open', paid: false }),
		]);
	});

	test('invoice.updated carries previousAttributes; invoice item events get an item summary', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key, { events: ['invoice.updated', 'invoiceitem.created'] });
		const c = await customer(stripe);
		const invoice = await stripe.invoices.create({ customer: c.id, currency: 'usd' });
		await stripe.invoiceItems.create({ customer: c.id, invoice: invoice.id, amount: 300, currency: 'usd' });
		await stripe.invoices.update(invoice.id, { description: 'March' });
		const items = await executions();
		const itemEvent = items.find((i) => i.eventType === 'invoiceitem.created')!;
		expect(itemEvent).toMatchObject({
			invoice: invoice.id,
			amount: 300,
			amountFormatted: expect.stringContaining('3.00'),
		});
		expect(itemEvent.invoiceItemId).toMatch(/^ii_/);
		const updates = items.filter((i) => i.eventType === 'invoice.updated');
		expect(updates[updates.length - 1]).toMatchObject({
			description: 'March',
			previousAttributes: { description: null },
		});
	});

	test('each event once: redeliveries are answered 200 and start nothing', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key);
		emulator().webhooks.configure({ repeat: 3 });
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 800)).id);
		expect(await executions()).toHaveLength(1);
		expect(answers().map((a) => a.status)).toEqual([200, 200, 200, 200]);
		expect(
			answers()
				.slice(1)
				.map((a) => a.body),
		).toEqual(Array(3).fill({ received: true, outcome: 'duplicate' }));
	});

	test.each([['"abc"'], ['0'], ['1e9'], ['{}']])(
		'a Signature Tolerance of %s from an expression refuses deliveries instead of skipping the timestamp check',
		async (value) => {
			const key = newKey();
			const stripe = sdk(key);
			await activated(key, { options: { toleranceSeconds: `={{ ${value} }}` } });
			const c = await customer(stripe);
			await stripe.invoices.pay((await draft(stripe, c.id, 800)).id);
			await emulator().webhooks.idle();
			expect(answers().map((a) => [a.status, a.body])).toEqual([
				[400, { error: 'Rejected: Signature Tolerance must be a whole number of seconds from 1 to 86400' }],
			]);
			expect(await executions()).toHaveLength(0);
		},
	);

	test('bad signatures, stale timestamps, non-events and the wrong mode: 400 and no execution', async () => {
		const key = newKey();
		const stripe = sdk(key);
		const workflow = await activated(key);
		const c = await customer(stripe);
		emulator().webhooks.configure({ signature: 'corrupt' });
		await stripe.invoices.pay((await draft(stripe, c.id, 800)).id);
		emulator().webhooks.configure({ signature: 'stale', staleSeconds: 301 });
		await stripe.invoices.pay((await draft(stripe, c.id, 900)).id);
		await emulator().webhooks.idle();
		expect(answers().map((a) => [a.status, a.body])).toEqual([
			[400, { error: 'Rejected: signature check failed (no match)' }],
			[400, { error: 'Rejected: signature check failed (stale timestamp)' }],
		]);

		const secret = workflow.stored()!.secret;
		const signed = (payload: string) => {
			const t = Math.floor(Date.now() / 1000);
			const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
			return { 'stripe-signature': `t=${t},v1=${v1}` };
		};
		const notAnEvent = JSON.stringify({ id: 'in_1', object: 'invoice' });
		const liveEvent = JSON.stringify({
			id: 'evt_live',
			object: 'event',
			type: 'invoice.paid',
			created: 1,
			livemode: true,
			api_version: STRIPE_API_VERSION,
			data: { object: { id: 'in_1', object: 'invoice' } },
		});
		expect(await workflow.deliver(Buffer.from(notAnEvent), signed(notAnEvent))).toMatchObject({
			status: 400,
			body: { error: 'Rejected: the body is not a Stripe event' },
			items: [],
		});
		expect(await workflow.deliver(Buffer.from(liveEvent), signed(liveEvent))).toMatchObject({
			status: 400,
			body: { error: "Rejected: a live-mode event does not match the credential's key" },
			items: [],
		});
		expect(await workflow.deliver(Buffer.from(liveEvent), {})).toMatchObject({ status: 400, items: [] });
		expect(await executions()).toHaveLength(0);
	});

	test('filters: metadata key and value, and customer; filtered events are acknowledged', async () => {
		const key = newKey();
		const stripe = sdk(key);
		const wanted = await customer(stripe);
		const other = await customer(stripe);
		await activated(key, { filters: { customer: wanted.id, metadataKey: 'plan', metadataValue: 'pro' } });
		await stripe.invoices.pay((await draft(stripe, wanted.id, 1000, { plan: 'pro' })).id);
		await stripe.invoices.pay((await draft(stripe, wanted.id, 1000, { plan: 'basic' })).id);
		await stripe.invoices.pay((await draft(stripe, wanted.id, 1000)).id);
		await stripe.invoices.pay((await draft(stripe, other.id, 1000, { plan: 'pro' })).id);
		const items = await executions();
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ customer: wanted.id, metadata: { plan: 'pro' } });
		expect(answers().map((a) => a.status)).toEqual([200, 200, 200, 200]);
		expect(answers().filter((a) => (a.body as { outcome?: string }).outcome === 'filtered out')).toHaveLength(
			3,
		);
	});

	test('Fetch Current Invoice: an event that arrives late outputs the invoice as it is now', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key, { events: ['invoice.finalized'], options: { fetchCurrentInvoice: true } });
		emulator().webhooks.configure({ hold: true });
		const c = await customer(stripe);
		const invoice = await draft(stripe, c.id, 2500);
		await stripe.invoices.finalizeInvoice(invoice.id);
		await stripe.invoices.pay(invoice.id);
		emulator().webhooks.release();
		const [item] = await executions();
		expect(item).toMatchObject({
			eventType: 'invoice.finalized',
			invoiceId: invoice.id,
			status: 'paid',
			fetchedCurrent: true,
		});
	});

	test('a request n8n has not read yet: the trigger reads the raw body itself', async () => {
		const key = newKey();
		const stripe = sdk(key);
		const workflow = await activated(key);
		world.receiveWith(undefined);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 1000)).id);
		await emulator().webhooks.idle();
		const [{ eventId }] = emulator().webhooks.deliveries().slice(-1);
		const payload = JSON.stringify(await storedEvent(emulator(), key, eventId), null, 2);
		const t = Math.floor(Date.now() / 1000);
		const v1 = createHmac('sha256', workflow.stored()!.secret).update(`${t}.${payload}`).digest('hex');
		const answer = await workflow.deliver(
			Buffer.from(payload),
			{ 'stripe-signature': `t=${t},v1=${v1}` },
			{ unread: true },
		);
		expect(answer.items.map((i) => i.json.eventId)).toEqual([eventId]);
	});

	test('Simplify off: the whole Stripe event', async () => {
		const key = newKey();
		const stripe = sdk(key);
		await activated(key, { simplify: false });
		const c = await customer(stripe);
		const invoice = await draft(stripe, c.id, 700);
		await stripe.invoices.pay(invoice.id);
		const [item] = await executions();
		expect(item).toMatchObject({
			object: 'event',
			type: 'invoice.paid',
			data: { object: { id: invoice.id, object: 'invoice' } },
		});
		expect((item as { id: string }).id).toMatch(/^evt_/);
	});

	test('no secret or body in answers or logs, whatever the outcome', async () => {
		const logger = n8nCoreLogger();
		const logged: string[] = [];
		const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
			jest.spyOn(logger, level).mockImplementation((message: string, meta?: object) => {
				logged.push(`${message} ${JSON.stringify(meta ?? {})}`);
			}),
		);
		try {
			const key = newKey();
			const stripe = sdk(key);
			const workflow = await activated(key);
			const secret = workflow.stored()!.secret;
			const c = await customer(stripe);
			emulator().webhooks.configure({ signature: 'corrupt' });
			await stripe.invoices.pay((await draft(stripe, c.id, 800, { note: 'private-body-marker' })).id);
			await emulator().webhooks.idle();
			const seen = JSON.stringify([answers(), logged, world.receiver().received.map((r) => r.status)]);
			expect(logged.length).toBeGreaterThan(0);
			for (const secretText of [
				secret,
				key,
				'private-body-marker',
				world.receiver().received[0].headers['stripe-signature'],
			]) {
				expect(seen).not.toContain(String(secretText));
			}
		} finally {
			for (const spy of spies) spy.mockRestore();
		}
	});
});
