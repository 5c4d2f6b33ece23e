// Issue 20, "a signing secret nobody can read or plant": what the trigger keeps where a workflow
// reader can see it (static data, node parameters), what a workflow editor can plant there, the
// Dashboard mode's credential, and a rolled API key. Through n8n-core's HookContext and
// WebhookContext, against the emulator.
import { endGracePeriods, TriggerWorkflow } from '../engine/triggerHarness';
import { captureLogs, customer, draft, signatureFor, useTriggerWorld } from '../support/triggerWorld';

const world = useTriggerWorld();

/** A fresh event of the account about a paid invoice, and its JSON as Stripe would send it. */
async function paidEvent(key: string) {
	world.receiveWith(undefined); // the test delivers it itself
	const stripe = world.sdk(key);
	// The emulator records events only for accounts with an endpoint.
	await stripe.webhookEndpoints.create({ url: world.receiver().url, enabled_events: ['invoice.paid'] });
	const c = await customer(stripe);
	const invoice = await draft(stripe, c.id, 1200);
	await stripe.invoices.pay(invoice.id);
	await world.emulator().webhooks.idle();
	const events = (await fetch(`${world.emulator().url}/_emulator/webhooks/events`, {
		headers: { Authorization: `Bearer ${key}` },
	}).then((r) => r.json())) as { data: Array<{ id: string; type: string }> };
	const event = events.data.find((e) => e.type === 'invoice.paid')!;
	return { event, payload: JSON.stringify(event, null, 2) };
}

/** The workflow as n8n hands it to anyone who can read it: nodes (parameters) and static data. */
function readableJson(workflow: TriggerWorkflow): string {
	return JSON.stringify({ nodes: [workflow.node], staticData: workflow.workflow.staticData });
}

describe('what a workflow reader sees', () => {
	test('automatic mode keeps no readable signing secret, and deliveries still verify', async () => {
		const key = world.newKey();
		const workflow = await world.activated(key);
		expect(readableJson(workflow)).not.toMatch(/whsec_/);
		const stripe = world.sdk(key);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 900)).id);
		expect((await world.executions()).map((item) => item.eventType)).toEqual(['invoice.paid']);
	});

	test('Dashboard mode reads the secret from its credential; nothing readable in the workflow', async () => {
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
			{ signingSecretCredential: { signingSecret: `\n ${mine.secret!} ` } },
		);
		expect(readableJson(workflow)).not.toMatch(/whsec_/);
		const c = await customer(stripe);
		await stripe.invoices.pay((await draft(stripe, c.id, 900)).id);
		expect((await world.executions()).map((item) => item.eventType)).toEqual(['invoice.paid']);
		// The endpoint is the user's: unpublishing leaves it.
		await workflow.deactivate();
		await endGracePeriods();
		expect((await stripe.webhookEndpoints.list()).data.map((e) => e.id)).toEqual([mine.id]);
	});

	test('a secret still pasted in the old Signing Secret field: publishing is refused, the field is never used', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const probe = new TriggerWorkflow(world.setup(key, { endpointManagement: 'dashboard' }));
		const mine = await stripe.webhookEndpoints.create({
			url: probe.webhookUrl(),
			enabled_events: ['invoice.paid'],
		});
		const legacy = new TriggerWorkflow(
			world.setup(key, { endpointManagement: 'dashboard', signingSecret: mine.secret! }),
		);
		await expect(legacy.activate()).rejects.toThrow(/Clear the Signing Secret field/);
		// Even if it were live, a delivery signed with the field's secret starts nothing.
		const { payload } = await paidEvent(key);
		const answer = await legacy.deliver(Buffer.from(payload), signatureFor(mine.secret!, payload));
		expect(answer).toMatchObject({ status: 400, items: [] });
		expect(answer.body).toEqual({
			error: 'Rejected: no Stripe Invoicing Webhook Signing Secret API credential is selected',
		});
	});

	test.each([
		['an empty credential', ''],
		['spaces only', '   \n '],
		['no whsec_ prefix', 'sk_test_not_a_signing_secret'],
		['a line break inside', 'whsec_abc\ndef'],
	])('Dashboard mode with %s cannot be published', async (_label, signingSecret) => {
		const key = world.newKey();
		const workflow = new TriggerWorkflow(
			world.setup(key, { endpointManagement: 'dashboard' }, { signingSecretCredential: { signingSecret } }),
		);
		await expect(workflow.activate()).rejects.toThrow(/^Cannot publish: /);
	});

	test('Dashboard mode without the credential cannot be published', async () => {
		const workflow = new TriggerWorkflow(world.setup(world.newKey(), { endpointManagement: 'dashboard' }));
		await expect(workflow.activate()).rejects.toThrow(
			'Cannot publish: no Stripe Invoicing Webhook Signing Secret API credential is selected',
		);
	});
});

describe('what a workflow editor can plant in static data', () => {
	test('entries the node did not seal are never trusted; its own still work', async () => {
		const key = world.newKey();
		const workflow = await world.activated(key);
		const url = workflow.webhookUrl();
		const other = new TriggerWorkflow(world.setup(key, {}, { workflowId: 'wf-other' }));
		await other.activate();
		const own = workflow.stored()!;
		const data = workflow.nodeData();
		const sealed = data.sealedEndpoints as Record<string, { endpointId: string; sealedSecret: string }>;
		const otherSealed = (other.nodeData().sealedEndpoints as typeof sealed).production;
		// What versions before this one trusted: a readable secret per URL.
		data.endpoints = { [url]: { endpointId: 'we_planted', secret: 'whsec_planted' } };
		// Another workflow's genuine entry, copied over; then ciphertext made up.
		data.sealedEndpoints = { ...sealed, test: { ...otherSealed, url: `${url}-test` } };
		const { event, payload } = await paidEvent(key);
		for (const secret of ['whsec_planted', other.stored()!.secret]) {
			const answer = await workflow.deliver(Buffer.from(payload), signatureFor(secret, payload));
			expect(answer).toMatchObject({ status: 400, items: [] });
			expect(answer.body).toEqual({ error: 'Rejected: signature check failed (no match)' });
		}
		data.sealedEndpoints = {
			...sealed,
			test: {
				endpointId: own.endpointId,
				url,
				sealedSecret: `v1.${'A'.repeat(16)}.${'B'.repeat(40)}.${'C'.repeat(22)}`,
			},
		};
		const forged = await workflow.deliver(Buffer.from(payload), signatureFor('whsec_planted', payload));
		expect(forged).toMatchObject({ status: 400, items: [] });

		const genuine = await workflow.deliver(Buffer.from(payload), signatureFor(own.secret, payload));
		expect(genuine.items.map((i) => i.json.eventId)).toEqual([event.id]);
	});

	test('a planted entry alone (no genuine one): refused, with the reason logged', async () => {
		const key = world.newKey();
		const workflow = new TriggerWorkflow(world.setup(key));
		workflow.nodeData().endpoints = {
			[workflow.webhookUrl()]: { endpointId: 'we_planted', secret: 'whsec_planted' },
		};
		const { payload } = await paidEvent(key);
		let answer;
		const logged = await captureLogs(async () => {
			answer = await workflow.deliver(Buffer.from(payload), signatureFor('whsec_planted', payload));
		});
		expect(answer).toMatchObject({ status: 400, items: [] });
		expect(logged.join('\n')).toMatch(/refused a delivery: this node has no registered endpoint/);
	});
});

describe('the API key was rolled', () => {
	test('deliveries are refused with the reason logged; publishing again registers a new endpoint', async () => {
		const key = world.newKey();
		const stripe = world.sdk(key);
		const staticData = {};
		const before = await world.activated(key, {}, { staticData });
		const first = before.stored()!;
		const rolled = `${key}_rolled1`;
		const after = new TriggerWorkflow(world.setup(rolled, {}, { staticData }));
		world.receiveWith(after);
		const c = await customer(stripe);
		const logged = await captureLogs(async () => {
			await stripe.invoices.pay((await draft(stripe, c.id, 700)).id);
			await world.emulator().webhooks.idle();
		});
		expect(world.answers().map((a) => [a.status, a.body])).toEqual([
			[
				400,
				{
					error:
						"Rejected: the stored signing secret does not open with this credential's API key (was the key changed or rolled?); publish the workflow again to register a new endpoint",
				},
			],
		]);
		expect(logged.join('\n')).toContain('was the key changed or rolled?');

		await after.activate();
		const endpoints = (await stripe.webhookEndpoints.list()).data;
		expect(endpoints).toHaveLength(1);
		expect(endpoints[0].id).not.toBe(first.endpointId);
		expect(after.stored()?.endpointId).toBe(endpoints[0].id);
		await stripe.invoices.pay((await draft(stripe, c.id, 800)).id);
		expect((await world.executions()).map((item) => item.amountPaid)).toEqual([800]);
	});
});
