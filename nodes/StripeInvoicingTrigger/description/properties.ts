import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS } from '../webhook/signature';
import { EVENT_OPTIONS } from './events';

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['invoice.paid', 'invoice.payment_failed'],
		options: EVENT_OPTIONS,
		description: 'Which Stripe events start the workflow',
	},
	{
		displayName: 'Webhook Endpoint',
		name: 'endpointManagement',
		type: 'options',
		noDataExpression: true,
		default: 'automatic',
		options: [
			{
				name: 'Register Automatically',
				value: 'automatic',
				description:
					'The node creates the endpoint in Stripe when the workflow is activated and removes it when deactivated',
			},
			{
				name: 'Managed in the Stripe Dashboard',
				value: 'dashboard',
				description:
					"You created the endpoint yourself with this node's webhook URL; the node registers nothing and checks deliveries with the signing secret in a Stripe Invoicing Webhook Signing Secret API credential",
			},
		],
	},
	{
		displayName:
			"Select a Stripe Invoicing Webhook Signing Secret API credential above with the endpoint's whsec_… secret (Stripe Dashboard → Developers → Webhooks → your endpoint → Signing secret)",
		name: 'dashboardNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { endpointManagement: ['dashboard'] } },
	},
	{
		// Kept so that workflows that still hold a pasted secret show it: it is no longer read, and
		// publishing is refused until it is cleared (anyone who can read the workflow can read it).
		displayName: 'Signing Secret (No Longer Used: Clear It)',
		name: 'signingSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		placeholder: 'Leave empty',
		description:
			'Anyone who can read this workflow can read this field. Roll the secret in the Stripe Dashboard, put the new one in a Stripe Invoicing Webhook Signing Secret API credential, and clear this field.',
		displayOptions: { show: { signingSecret: [{ _cnd: { exists: true } }] } },
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: "Whether to return a compact summary of the event instead of Stripe's full event object",
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description: 'Events that do not match are acknowledged to Stripe and start nothing',
		options: [
			{
				displayName: 'Customer ID',
				name: 'customer',
				type: 'string',
				default: '',
				placeholder: 'cus_…',
				description: 'Only events about this customer',
			},
			{
				displayName: 'Metadata Key',
				name: 'metadataKey',
				type: 'string',
				default: '',
				placeholder: 'plan',
				description: 'Only invoices (or invoice items) whose metadata has this key',
			},
			{
				displayName: 'Metadata Value',
				name: 'metadataValue',
				type: 'string',
				default: '',
				placeholder: 'pro',
				description:
					'With a metadata key: only when the key has exactly this value (leave empty for any value)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Connected Accounts',
				name: 'connect',
				type: 'boolean',
				default: false,
				description:
					"Whether the endpoint receives the events of your Connect platform's connected accounts instead of your own account's (Stripe's connect endpoints). Each item then names the account, and Fetch Current Invoice reads the invoice in it.",
			},
			{
				displayName: 'Fetch Current Invoice',
				name: 'fetchCurrentInvoice',
				type: 'boolean',
				default: false,
				description:
					"Whether to retrieve the invoice from Stripe when the event arrives and output its current state. Events can arrive late and out of order; the event's own copy is the state when it happened.",
			},
			{
				displayName: 'Signature Tolerance (Seconds)',
				name: 'toleranceSeconds',
				type: 'number',
				default: DEFAULT_TOLERANCE_SECONDS,
				typeOptions: { minValue: 1, maxValue: MAX_TOLERANCE_SECONDS, numberPrecision: 0 },
				description:
					"How old a delivery's signature may be before it is refused as a possible replay (Stripe's default: 300)",
			},
		],
	},
];
