import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_TOLERANCE_SECONDS, MAX_TOLERANCE_SECONDS } from '../webhook/signature';
import { EVENT_OPTIONS } from './events';

const dashboardOnly = { show: { endpointManagement: ['dashboard'] } };

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
					"You created the endpoint yourself with this node's webhook URL; the node registers nothing and checks deliveries with its signing secret",
			},
		],
	},
	{
		displayName: 'Signing Secret',
		name: 'signingSecret',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		placeholder: 'whsec_…',
		description:
			"The endpoint's signing secret, from the Stripe Dashboard (Developers → Webhooks → your endpoint → Signing secret)",
		displayOptions: dashboardOnly,
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
