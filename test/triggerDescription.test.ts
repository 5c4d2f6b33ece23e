/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
// The trigger's public names (saved workflows depend on them) and its event list against the SDK.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import type Stripe from 'stripe';

import codex from '../nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node.json';
import { EVENT_TYPES } from '../nodes/StripeInvoicingTrigger/description/events';
import { StripeInvoicingTrigger } from '../nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node';
import { StripeInvoicingSigningSecretApi } from '../credentials/StripeInvoicingSigningSecretApi.credentials';

const description = new StripeInvoicingTrigger().description;
const property = (name: string) => description.properties.find((p) => p.name === name)!;
const optionNames = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.name);

// Compile-time: every value is an event type an endpoint can subscribe to at the pinned version.
const subscribable: Stripe.WebhookEndpointCreateParams.EnabledEvent[] =
	EVENT_TYPES as Stripe.WebhookEndpointCreateParams.EnabledEvent[];

describe('trigger description', () => {
	test('type, group, credential, webhook and themed icons that exist', () => {
		expect(description).toMatchObject({
			name: 'stripeInvoicingTrigger',
			displayName: 'Stripe Invoicing Trigger',
			group: ['trigger'],
			inputs: [],
			credentials: [
				{ name: 'stripeInvoicingApi', required: true },
				{
					name: 'stripeInvoicingSigningSecretApi',
					required: true,
					testedBy: 'stripeSigningSecretFormat',
					displayOptions: { show: { endpointManagement: ['dashboard'] } },
				},
			],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(description).not.toHaveProperty('usableAsTool');
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(__dirname, '../nodes/StripeInvoicingTrigger', file.replace('file:', '')))).toBe(
				true,
			);
		}
		expect(codex.node).toBe('n8n-nodes-stripe-invoicing.stripeInvoicingTrigger');
	});

	test('parameter names and values', () => {
		expect(description.properties.map((p) => p.name)).toEqual([
			'events',
			'endpointManagement',
			'dashboardNotice',
			'signingSecret',
			'simplify',
			'filters',
			'options',
		]);
		expect(property('events').default).toEqual(['invoice.paid', 'invoice.payment_failed']);
		expect((property('endpointManagement').options as INodePropertyOptions[]).map((o) => o.value)).toEqual([
			'automatic',
			'dashboard',
		]);
		expect(property('signingSecret').typeOptions?.password).toBe(true);
		expect((property('filters').options as INodeProperties[]).map((o) => o.name)).toEqual([
			'customer',
			'metadataKey',
			'metadataValue',
		]);
		expect((property('options').options as INodeProperties[]).map((o) => o.name)).toEqual([
			'connect',
			'fetchCurrentInvoice',
			'toleranceSeconds',
		]);
	});

	test('the old Signing Secret field shows only while it still holds a value, and is never required', () => {
		const shown = (parameters: INodeParameters) =>
			NodeHelpers.displayParameter(parameters, property('signingSecret'), null, description, parameters);
		expect(property('signingSecret').required).toBeFalsy();
		expect(shown({ endpointManagement: 'dashboard' })).toBe(false);
		expect(shown({ endpointManagement: 'dashboard', signingSecret: '' })).toBe(false);
		expect(shown({ endpointManagement: 'dashboard', signingSecret: 'whsec_old' })).toBe(true);
		expect(shown({ endpointManagement: 'automatic', signingSecret: 'whsec_old' })).toBe(true);
	});

	test("the signing-secret credential's test checks the shape Stripe gives secrets", async () => {
		const test = new StripeInvoicingTrigger().methods.credentialTest.stripeSigningSecretFormat;
		const run = async (signingSecret: unknown) =>
			await test.call({} as ICredentialTestFunctions, {
				id: 'c',
				name: 'c',
				type: 'stripeInvoicingSigningSecretApi',
				data: { signingSecret } as ICredentialDataDecryptedObject,
			});
		expect(await run(' whsec_abc123\n')).toEqual({
			status: 'OK',
			message: 'The signing secret has the whsec_… shape',
		});
		for (const bad of ['', '   ', 'whsec_', 'sk_test_123', 'whsec_ab cd', 42]) {
			expect(await run(bad)).toMatchObject({ status: 'Error' });
		}
	});

	test('the signing-secret credential: public names, a password field, listed in package.json', () => {
		const credential = new StripeInvoicingSigningSecretApi();
		expect(credential.name).toBe('stripeInvoicingSigningSecretApi');
		expect(credential.properties.map((p) => [p.name, p.typeOptions?.password])).toEqual([
			['signingSecret', true],
		]);
		const pkg = JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as {
			n8n: { credentials: string[] };
		};
		expect(pkg.n8n.credentials).toContain('dist/credentials/StripeInvoicingSigningSecretApi.credentials.js');
	});

	test('every invoice, invoice payment and invoice item event of the pinned SDK, each described', () => {
		const eventsFile = readFileSync(
			join(__dirname, '../node_modules/stripe/esm/resources/Events.d.ts'),
			'utf8',
		);
		const sdkTypes = new Set(
			eventsFile.match(/'(invoice|invoice_payment|invoiceitem)\.[a-z_]+'/g)!.map((t) => t.slice(1, -1)),
		);
		expect([...subscribable].sort()).toEqual([...sdkTypes].sort());
		for (const option of property('events').options as INodePropertyOptions[]) {
			expect(option.description).toEqual(expect.any(String));
		}
		const names = optionNames(property('events'));
		expect(new Set(names).size).toBe(names.length);
	});
});

describe('example workflows', () => {
	test.each(['trigger-dunning-payment-failed.json', 'trigger-provision-on-paid.json'])(
		"%s uses only the trigger's parameter names and event values",
		(file) => {
			const workflow = JSON.parse(readFileSync(join(__dirname, '../examples', file), 'utf8')) as {
				nodes: Array<{ type: string; parameters: Record<string, unknown> }>;
			};
			const node = workflow.nodes.find(
				(n) => n.type === 'n8n-nodes-stripe-invoicing.stripeInvoicingTrigger',
			)!;
			const names = description.properties.map((p) => p.name);
			expect(Object.keys(node.parameters).filter((name) => !names.includes(name))).toEqual([]);
			for (const event of node.parameters.events as string[]) expect(EVENT_TYPES).toContain(event);
			const options = (property('options').options as INodeProperties[]).map((o) => o.name);
			expect(Object.keys(node.parameters.options as object).filter((o) => !options.includes(o))).toEqual([]);
		},
	);
});
