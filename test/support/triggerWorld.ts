/* eslint-disable @n8n/community-nodes/no-restricted-imports, @typescript-eslint/no-require-imports */
// What the trigger's test files share: one emulator and one webhook receiver per file, the
// workflow the receiver hands deliveries to (through webhook() in n8n-core's context), and helpers
// to bill invoices and sign payloads the way Stripe does.
import { createHmac, randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import Stripe from 'stripe';

import { startEmulator, type RunningEmulator } from '../emulator';
import {
	endGracePeriods,
	TriggerWorkflow,
	type Delivered,
	type TriggerSetup,
} from '../engine/triggerHarness';
import { startReceiver, type WebhookReceiver } from './webhookReceiver';

export interface TriggerWorld {
	emulator(): RunningEmulator;
	receiver(): WebhookReceiver;
	/** What the trigger answered to each delivery the emulator made, in arrival order. */
	answers(): Delivered[];
	/** The workflow the receiver hands deliveries to (none: 404). */
	receiveWith(workflow: TriggerWorkflow | undefined): void;
	newKey(): string;
	sdk(key: string): Stripe;
	setup(key: string, parameters?: TriggerSetup['parameters'], extra?: Partial<TriggerSetup>): TriggerSetup;
	/** An activated workflow that receives this account's deliveries. */
	activated(
		key: string,
		parameters?: TriggerSetup['parameters'],
		extra?: Partial<TriggerSetup>,
	): Promise<TriggerWorkflow>;
	/** Items of every execution the deliveries started (after the emulator is idle). */
	executions(): Promise<Array<Record<string, unknown>>>;
}

export function useTriggerWorld(): TriggerWorld {
	let emulator: RunningEmulator;
	let receiver: WebhookReceiver;
	let answers: Delivered[] = [];
	let current: TriggerWorkflow | undefined;

	beforeAll(async () => {
		emulator = await startEmulator();
		receiver = await startReceiver(async ({ rawBody, headers }) => {
			if (!current) return { status: 404 };
			const answer = await current.deliver(rawBody, headers as Record<string, string>);
			answers.push(answer);
			return { status: answer.status, body: JSON.stringify(answer.body) };
		});
	});
	afterAll(async () => {
		await endGracePeriods();
		await receiver.close();
		await emulator.close();
	});
	beforeEach(() => {
		answers = [];
		current = undefined;
		emulator.webhooks.configure({ repeat: 0, hold: false, signature: 'valid' });
	});

	const world: TriggerWorld = {
		emulator: () => emulator,
		receiver: () => receiver,
		answers: () => answers,
		receiveWith: (workflow) => {
			current = workflow;
		},
		newKey: () => `sk_test_trigger_${randomBytes(8).toString('hex')}`,
		sdk: (key) =>
			new Stripe(key, { host: '127.0.0.1', port: emulator.port, protocol: 'http', maxNetworkRetries: 0 }),
		setup: (key, parameters = {}, extra = {}) => ({
			parameters: { events: ['invoice.paid', 'invoice.payment_failed'], ...parameters },
			credentials: { secretKey: key, baseUrl: emulator.url },
			webhookBaseUrl: receiver.url,
			...extra,
		}),
		async activated(key, parameters = {}, extra = {}) {
			const workflow = new TriggerWorkflow(world.setup(key, parameters, extra));
			await workflow.activate();
			current = workflow;
			return workflow;
		},
		async executions() {
			await emulator.webhooks.idle();
			return answers.filter((a) => a.items.length > 0).map((a) => a.items[0].json);
		},
	};
	return world;
}

export async function customer(
	stripe: Stripe,
	paymentMethod = 'pm_card_visa',
	metadata: Record<string, string> = {},
	options?: Stripe.RequestOptions,
) {
	return await stripe.customers.create(
		{
			name: 'Trigger Customer',
			payment_method: paymentMethod,
			invoice_settings: { default_payment_method: paymentMethod },
			metadata,
		},
		options,
	);
}

export async function draft(
	stripe: Stripe,
	customerId: string,
	amount: number,
	metadata: Record<string, string> = {},
	options?: Stripe.RequestOptions,
) {
	const invoice = await stripe.invoices.create({ customer: customerId, currency: 'usd', metadata }, options);
	await stripe.invoiceItems.create(
		{ customer: customerId, invoice: invoice.id, amount, currency: 'usd' },
		options,
	);
	return invoice;
}

/** A Stripe-Signature header for a payload, made with a secret at a time (default: now). */
export function signatureFor(secret: string, payload: string, t = Math.floor(Date.now() / 1000)) {
	const v1 = createHmac('sha256', secret).update(`${t}.${payload}`).digest('hex');
	return { 'stripe-signature': `t=${t},v1=${v1}` };
}

/** An account's recorded event, as the emulator would deliver it. */
export async function storedEvent(emulator: RunningEmulator, key: string, eventId: string) {
	const events = (await fetch(`${emulator.url}/_emulator/webhooks/events`, {
		headers: { Authorization: `Bearer ${key}` },
	}).then((r) => r.json())) as { data: Array<{ id: string }> };
	return events.data.find((e) => e.id === eventId)!;
}

/** The logger n8n-core hands nodes (ctx.logger): its own copies of @n8n/di and backend-common. */
export function n8nCoreLogger() {
	const paths = [dirname(require.resolve('n8n-core'))];
	const { Container } = require(require.resolve('@n8n/di', { paths })) as typeof import('@n8n/di');
	const { Logger } = require(
		require.resolve('@n8n/backend-common', { paths }),
	) as typeof import('@n8n/backend-common');
	return Container.get(Logger);
}

/** Everything the n8n logger receives while `run` runs. */
export async function captureLogs(run: () => Promise<void>): Promise<string[]> {
	const logger = n8nCoreLogger();
	const logged: string[] = [];
	const spies = (['error', 'warn', 'info', 'debug'] as const).map((level) =>
		jest.spyOn(logger, level).mockImplementation((message: string, meta?: object) => {
			logged.push(`${level}: ${message} ${JSON.stringify(meta ?? {})}`);
		}),
	);
	try {
		await run();
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
	return logged;
}
