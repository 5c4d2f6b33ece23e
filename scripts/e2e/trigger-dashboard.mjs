// The trigger with "Managed in the Stripe Dashboard" in a running `n8n start`: the endpoint is the
// user's (created here through the emulator's API with the node's production URL), its signing
// secret lives in a Stripe Invoicing Webhook Signing Secret API credential, so the workflow n8n
// hands to readers holds no whsec_; a paid invoice runs the workflow once, and unpublishing
// leaves the user's endpoint alone.
import { equal, expect } from './checks.mjs';
import { webhookEndpoints } from './emulator-client.mjs';
import { createSigningSecretCredential, deactivateWorkflow, readWorkflow } from './n8n-api.mjs';
import { readWorkflow as readWorkflowFile, withNewAccount } from './server-scenarios.mjs';
import { TRIGGER_TYPE, activateTriggerWorkflow, billAndExpectOneRun } from './trigger-helpers.mjs';

async function createEndpoint(emulator, secretKey, url) {
	const res = await fetch(`${emulator.url}/v1/webhook_endpoints`, {
		method: 'POST',
		headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ url, 'enabled_events[]': 'invoice.paid' }).toString(),
	});
	const endpoint = await res.json();
	expect(
		res.ok && endpoint.secret?.startsWith('whsec_'),
		`creating the Dashboard endpoint: ${JSON.stringify(endpoint)}`,
	);
	return endpoint;
}

export async function triggerDashboardScenario(sharedStack) {
	const stack = await withNewAccount(sharedStack, 'dashboard');
	const { client, emulator, secretKey, server } = stack;
	const workflow = readWorkflowFile('trigger-invoice-paid.json');
	const trigger = workflow.nodes.find((n) => n.type === TRIGGER_TYPE);
	const mine = await createEndpoint(emulator, secretKey, `${server.webhookUrl}/${trigger.webhookId}/webhook`);
	const signing = await createSigningSecretCredential(client, {
		name: 'Dashboard endpoint secret',
		signingSecret: ` ${mine.secret}\n`,
	});
	const dashboard = {
		...workflow,
		nodes: workflow.nodes.map((node) =>
			node === trigger
				? {
						...node,
						parameters: { ...node.parameters, endpointManagement: 'dashboard' },
						credentials: { ...node.credentials, stripeInvoicingSigningSecretApi: signing },
					}
				: node,
		),
	};
	const triggerId = await activateTriggerWorkflow(stack, dashboard);
	try {
		equal(
			(await webhookEndpoints(emulator, secretKey)).map((e) => e.id),
			[mine.id],
			"endpoints (the user's only)",
		);
		await billAndExpectOneRun(
			stack,
			triggerId,
			mine.id,
			{ customer: 'cus_demo_visa', amount: 2100, currency: 'usd' },
			"to the user's endpoint",
		);
		const readable = JSON.stringify(await readWorkflow(client, triggerId));
		expect(!/whsec_/.test(readable), 'GET /api/v1/workflows/:id shows a whsec_ signing secret');
	} finally {
		await deactivateWorkflow(client, triggerId);
	}
	equal(
		(await webhookEndpoints(emulator, secretKey)).map((e) => e.id),
		[mine.id],
		'endpoints after unpublishing',
	);
}
