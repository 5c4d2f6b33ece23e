// Issue 20, "endpoints that follow the workflow": activation owns the endpoint and finds this
// node's endpoints at Stripe by metadata; changed Events and a new WEBHOOK_URL update it in place;
// unpublishing removes it after a grace period unless the workflow is published again; Stripe
// unreachable while unpublishing; Connect endpoints.
import { accountIdForKey } from '../emulator/ids';
import { endGracePeriods, TriggerWorkflow } from '../engine/triggerHarness';
import { captureLogs, customer, draft, useTriggerWorld } from '../support/triggerWorld';

const world = useTriggerWorld();

/** What n8n 2.41 does when a new version changes the node: delete() on the old, then activation. */
async function republish(old: TriggerWorkflow, next: TriggerWorkflow): Promise<void> {
	await old.deactivate();
	await next.activate();
	world.receiveWith(next);
	await endGracePeriods();
}

describe('published again with other settings', () => {
	test('changed Events update the endpoint in place: same id, same secret, and redeliveries still caught', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const first = await world.activated(key, { events: ['invoice.paid'] }, { staticData });
		const before = (await stripe.webhookEndpoints.list()).data[0];
		const secret = first.stored()!.secret;
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 1000)).id);
		const [paid] = await world.executions();

		const second = new TriggerWorkflow(
			world.setup(key, { events: ['invoice.paid', 'invoice.voided'] }, { staticData }),
		);
		await republish(first, second);
		const after = (await stripe.webhookEndpoints.list()).data;
		expect(after.map((e) => [e.id, e.enabled_events])).toEqual([
			[before.id, ['invoice.paid', 'invoice.voided']],
		]);
		expect(second.stored()).toEqual({ endpointId: before.id, secret });

		// Stripe's retry of the first event, after the re-publication: caught by the memory.
		const resend = await fetch(`${world.emulator().url}/_emulator/webhooks/send`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${key}` },
			body: JSON.stringify({ endpoint: before.id, event: paid.eventId }),
		});
		expect(resend.status).toBe(200);
		const voided = await draft(stripe, c.id, 400);
		await stripe.invoices.finalizeInvoice(voided.id);
		await stripe.invoices.voidInvoice(voided.id);
		expect((await world.executions()).map((item) => item.eventType)).toEqual([
			'invoice.paid',
			'invoice.voided',
		]);
		expect(world.answers().map((a) => (a.body as { outcome?: string }).outcome)).toEqual([
			'accepted',
			'duplicate',
			'accepted',
		]);
	});

	test('a new WEBHOOK_URL moves the one endpoint in place, and unpublishing still finds it', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const first = await world.activated(key, {}, { staticData });
		const before = (await stripe.webhookEndpoints.list()).data[0];
		// n8n restarted with another public URL, and the workflow is published again (n8n 2.41 calls
		// no hook at start): delete() and activation both see the new URL.
		const moved = new TriggerWorkflow(
			world.setup(key, {}, { staticData, webhookBaseUrl: `${world.receiver().url}/moved` }),
		);
		expect(moved.webhookUrl()).not.toBe(first.webhookUrl());
		await republish(moved, moved);
		const after = (await stripe.webhookEndpoints.list()).data;
		expect(after.map((e) => [e.id, e.url, e.metadata?.n8n_webhook_url])).toEqual([
			[before.id, moved.webhookUrl(), moved.webhookUrl()],
		]);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 1000)).id);
		expect((await world.executions()).map((item) => item.eventType)).toEqual(['invoice.paid']);
		const deliveries = world
			.emulator()
			.webhooks.deliveries()
			.filter((d) => d.endpoint === before.id);
		expect(deliveries.map((d) => [d.url, d.status])).toEqual([[moved.webhookUrl(), 200]]);

		await moved.deactivate();
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
	});

	test('Connected Accounts switched on: the endpoint is replaced by a Connect endpoint (Stripe cannot change it)', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const first = await world.activated(key, {}, { staticData });
		const before = (await stripe.webhookEndpoints.list()).data[0];
		expect(before.metadata).toMatchObject({ n8n_connect: 'false', n8n_mode: 'production' });
		const second = new TriggerWorkflow(world.setup(key, { options: { connect: true } }, { staticData }));
		await republish(first, second);
		const [after, ...others] = (await stripe.webhookEndpoints.list()).data;
		expect(others).toEqual([]);
		expect(after.id).not.toBe(before.id);
		expect(after.metadata).toMatchObject({ n8n_connect: 'true' });
	});
});

describe('unpublishing', () => {
	test('removes the endpoint once the grace period ends; this node is found by metadata at any URL', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const workflow = await world.activated(key);
		await workflow.deactivate();
		expect((await stripe.webhookEndpoints.list()).data).toHaveLength(1);
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
		await workflow.deactivate();
		await endGracePeriods();
	});

	test('published again within the grace period, in this process or another: the endpoint stays', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const workflow = await world.activated(key, {}, { staticData });
		const [endpoint] = (await stripe.webhookEndpoints.list()).data;
		await workflow.deactivate();
		await workflow.activate();
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);

		// Another process activated it meanwhile: it wrote a new activation stamp.
		await workflow.deactivate();
		await stripe.webhookEndpoints.update(endpoint.id, { metadata: { n8n_activation: 'elsewhere' } });
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
	});

	test('an activation that fails gives the pending removal back: nothing is left behind', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const workflow = await world.activated(key, {}, { staticData });
		await workflow.deactivate();
		const broken = new TriggerWorkflow({
			...world.setup(key, {}, { staticData }),
			credentials: { secretKey: '', baseUrl: world.emulator().url },
		});
		await expect(broken.activate()).rejects.toThrow('The Stripe Invoicing API credential has no Secret Key');
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
	});

	test('production or test: told apart by the endpoint at the URL, so neither removes the other', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const production = await world.activated(key);
		const [endpoint] = (await stripe.webhookEndpoints.list()).data;
		// A test listen whose endpoint someone deleted by hand: its end removes nothing else.
		const listening = new TriggerWorkflow(world.setup(key));
		await listening.activate(true);
		const testEndpoint = (await stripe.webhookEndpoints.list()).data.find((e) => e.id !== endpoint.id)!;
		await stripe.webhookEndpoints.del(testEndpoint.id);
		await listening.deactivate(true);
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
		// A test entry planted in the workflow's static data does not make unpublishing a test listen.
		production.nodeData().sealedEndpoints = {
			...(production.nodeData().sealedEndpoints as object),
			test: { endpointId: endpoint.id, url: production.webhookUrl(), sealedSecret: 'v1.x.y.z' },
		};
		await production.deactivate();
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
	});

	test('Stripe unreachable: unpublishing finishes, n8n\'s log names the endpoint left behind, static data notes it, the next publication takes it back', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const workflow = await world.activated(key, {}, { staticData });
		const [endpoint] = (await stripe.webhookEndpoints.list()).data;
		const fault = world.emulator().addFault({
			path: /^\/v1\/webhook_endpoints/,
			action: 'drop_before',
			every: true,
			apiKey: key,
		});
		let logged: string[];
		try {
			// n8n 1.x saves static data and frees the webhook path only when delete() returns.
			logged = await captureLogs(async () => await workflow.deactivate());
		} finally {
			fault.remove();
		}
		const errors = logged.filter((line) => line.startsWith('error: '));
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(
			new RegExp(`^error: Could not remove the Stripe webhook endpoint ${endpoint.id}: .*It stays registered at Stripe`),
		);
		expect(errors[0]).not.toContain(key);
		await endGracePeriods();
		expect(workflow.nodeData().leftBehind).toMatchObject({ endpointIds: [endpoint.id] });
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);

		await workflow.activate();
		expect(workflow.nodeData().leftBehind).toBeUndefined();
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([endpoint.id]);
		await workflow.deactivate();
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data).toEqual([]);
	});
});

describe('activation reconciles by metadata', () => {
	test('endpoints of this node it cannot use (secret lost, another URL, a legacy readable secret) are replaced by one', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const workflow = new TriggerWorkflow(world.setup(key));
		const metadata = { n8n_workflow_id: 'wf-trigger', n8n_node_id: 'trigger-node-1' };
		const atOldUrl = await stripe.webhookEndpoints.create({
			url: 'https://old-n8n.example.com/webhook/x/webhook',
			enabled_events: ['invoice.paid'],
			metadata,
		});
		const legacy = await stripe.webhookEndpoints.create({
			url: workflow.webhookUrl(),
			enabled_events: ['invoice.paid'],
			metadata,
		});
		workflow.nodeData().endpoints = {
			[workflow.webhookUrl()]: { endpointId: legacy.id, secret: legacy.secret },
		};
		workflow.nodeData().seenEvents = { evt_1: 1 };
		const someoneElses = await stripe.webhookEndpoints.create({
			url: workflow.webhookUrl(),
			enabled_events: ['invoice.paid'],
			metadata: { n8n_workflow_id: 'wf-trigger', n8n_node_id: 'another-node' },
		});
		await workflow.activate();
		const ids = (await stripe.webhookEndpoints.list()).data.map((e) => e.id);
		expect(ids).toHaveLength(2);
		expect(ids).toContain(someoneElses.id);
		expect(ids).not.toContain(atOldUrl.id);
		expect(ids).not.toContain(legacy.id);
		expect(Object.keys(workflow.nodeData())).toEqual(['sealedEndpoints']);
		expect(workflow.stored()?.endpointId).toBe(ids.find((id) => id !== someoneElses.id));
	});

	test('a test listen leaves the production endpoint alone, and the production activation leaves a listening one', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const production = await world.activated(key);
		const listening = new TriggerWorkflow(world.setup(key));
		await listening.activate(true);
		await production.activate();
		const byMode = (await stripe.webhookEndpoints.list()).data.map((e) => [e.metadata?.n8n_mode, e.url]);
		expect(byMode.sort()).toEqual(
			[
				['production', production.webhookUrl()],
				['test', listening.webhookUrl(true)],
			].sort(),
		);
		await listening.deactivate(true);
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.metadata?.n8n_mode)).toEqual([
			'production',
		]);
	});

	test('a full account: the message itself lists the endpoints n8n made (n8n shows only the message)', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		for (let n = 0; n < 14; n++) {
			await stripe.webhookEndpoints.create({
				url: `https://example.com/${n}`,
				enabled_events: ['invoice.paid'],
			});
		}
		await new TriggerWorkflow(world.setup(key, {}, { workflowId: 'wf-a' })).activate();
		await new TriggerWorkflow(world.setup(key, {}, { workflowId: 'wf-b' })).activate();
		const error = await new TriggerWorkflow(world.setup(key, {}, { workflowId: 'wf-c' })).activate().then(
			() => undefined,
			(e: Error) => e,
		);
		expect(error?.message).toMatch(
			/^Stripe refused a new webhook endpoint: the account already has 16 of its 16\. 2 of them were made by n8n: we_\S+ \(workflow wf-[ab], http/,
		);
		expect(error?.message).toContain('(workflow wf-a, ');
		expect(error?.message).toContain('(workflow wf-b, ');
	});

	test.each([
		['no events', { events: [] }, 'Events: choose at least one event'],
		[
			'an event it does not offer',
			{ events: ['charge.succeeded'] },
			'Events: "charge.succeeded" is not an event this trigger offers',
		],
		[
			'Connected Accounts not a boolean',
			{ options: { connect: 'yes' } },
			'Connected Accounts must be true or false',
		],
	])('%s: activation is refused before any Stripe call', async (_label, parameters, message) => {
		const key = world.newKey();
		const workflow = new TriggerWorkflow(world.setup(key, parameters));
		await expect(workflow.activate()).rejects.toThrow(message);
		const account = accountIdForKey(key);
		expect(world.emulator().requests.filter((r) => r.account === account)).toEqual([]);
	});
});
