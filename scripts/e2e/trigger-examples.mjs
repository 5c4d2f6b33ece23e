// The example workflows that start with the Stripe Invoicing Trigger, run for real in `n8n start`:
// each is activated, one invoice is billed in the emulator so that the event it listens to
// happens, and n8n's records must then hold exactly one successful execution whose last node
// produced what the example promises. After deactivation no endpoint is left.
import { equal, expect } from './checks.mjs';
import { billInvoice, webhookDeliveries } from './emulator-client.mjs';
import { deactivateWorkflow, getExecution, listExecutions, nodeOutput } from './n8n-api.mjs';
import { withNewAccount } from './server-scenarios.mjs';
import {
	TRIGGER_NODE,
	TRIGGER_TYPE,
	activateTriggerWorkflow,
	theOnlyEndpoint,
	waitForEventExecution,
	waitForNoEndpoints,
} from './trigger-helpers.mjs';

/** Per example: the invoice to bill, the event it causes, and what the last node must output. */
const EXAMPLE_RUNS = {
	'trigger-dunning-payment-failed.json': {
		bill: {
			customer: 'cus_demo_declined',
			amount: 3100,
			currency: 'usd',
			metadata: { n8n_reference: 'D-5001' },
		},
		event: 'invoice.payment_failed',
		lastNode: 'Reminder for the customer',
		check([reminder], { event, invoice, trigger }) {
			equal(
				[trigger.status, trigger.paid, trigger.amountRemaining],
				['open', false, 3100],
				'trigger item: status, paid, amountRemaining',
			);
			const amount = trigger.amountRemainingFormatted;
			expect(/31\.00/.test(amount ?? ''), `amountRemainingFormatted ${amount} is not 31.00`);
			equal(
				[reminder.eventId, reminder.invoiceId, reminder.customer],
				[event, invoice.id, 'cus_demo_declined'],
				'reminder: eventId, invoiceId, customer',
			);
			equal(
				reminder.subject,
				`Payment of ${amount} failed for invoice ${invoice.number}`,
				'reminder: subject',
			);
			expect(
				invoice.hosted_invoice_url && reminder.text.includes(invoice.hosted_invoice_url),
				`reminder text has no hosted invoice link: ${reminder.text}`,
			);
		},
	},
	'trigger-provision-on-paid.json': {
		bill: {
			customer: 'cus_demo_visa',
			amount: 4900,
			currency: 'usd',
			metadata: { n8n_reference: 'P-6001', plan: 'pro' },
		},
		event: 'invoice.paid',
		lastNode: 'Access to grant',
		check([grant], { invoice, trigger }) {
			equal(
				[trigger.fetchedCurrent, trigger.status, trigger.paid],
				[true, 'paid', true],
				'trigger item: fetchedCurrent, status, paid',
			);
			equal(
				[grant.grantKey, grant.customer, grant.plan, grant.orderReference],
				[invoice.id, 'cus_demo_visa', 'pro', 'P-6001'],
				'grant: grantKey, customer, plan, orderReference',
			);
			expect(/49\.00/.test(grant.amountPaid ?? ''), `grant amountPaid ${grant.amountPaid} is not 49.00`);
		},
	},
};

/** The scenario for one trigger example, or a scenario that fails naming what is missing. */
export function triggerExampleScenario(file, workflow) {
	const run = EXAMPLE_RUNS[file];
	return async (sharedStack) => {
		if (!run) throw new Error(`no run defined for it in scripts/e2e/trigger-examples.mjs`);
		const stack = await withNewAccount(sharedStack, 'example');
		const { client, emulator, secretKey } = stack;
		const workflowId = await activateTriggerWorkflow(stack, workflow);
		try {
			const endpoint = await theOnlyEndpoint(stack, workflowId, 'after activation');
			const events = workflow.nodes.find((n) => n.type === TRIGGER_TYPE).parameters?.events ?? [];
			equal([...endpoint.enabled_events].sort(), [...events].sort(), 'endpoint enabled_events');

			const { invoice } = await billInvoice(emulator, secretKey, run.bill);
			const deliveries = await webhookDeliveries(emulator, secretKey, endpoint.id);
			equal(
				deliveries.map((d) => [d.type, d.status]),
				[[run.event, 200]],
				'deliveries to the endpoint (type, HTTP status)',
			);
			const execution = await waitForEventExecution(client, workflowId, deliveries[0].eventId);
			equal(
				(await listExecutions(client, workflowId)).map((e) => [e.id, e.status]),
				[[execution.id, 'success']],
				'executions of the example (id, status)',
			);
			const stored = await getExecution(client, execution.id);
			const [trigger] = nodeOutput(stored, TRIGGER_NODE);
			const output = nodeOutput(stored, run.lastNode);
			equal(output.length, 1, `items out of "${run.lastNode}"`);
			run.check(output, { event: deliveries[0].eventId, invoice, trigger });
		} finally {
			await deactivateWorkflow(client, workflowId);
		}
		await waitForNoEndpoints(stack, 'after deactivation');
	};
}
