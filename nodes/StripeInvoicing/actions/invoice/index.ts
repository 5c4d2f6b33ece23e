import type { INodeProperties } from 'n8n-workflow';

import * as finalize from './finalize.operation';
import * as invoiceAndCollect from './invoiceAndCollect.operation';
import * as pay from './pay.operation';

export const invoiceDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		default: 'invoiceAndCollect',
		options: [
			{
				name: 'Finalize',
				value: 'finalize',
				description: 'Finalize a draft invoice so it can be paid or sent',
				action: 'Finalize an invoice',
			},
			{
				name: 'Invoice & Collect',
				value: 'invoiceAndCollect',
				description: 'Create an invoice for a customer, finalize it and charge it, in one step',
				action: 'Invoice and collect payment',
			},
			{
				name: 'Pay',
				value: 'pay',
				description: "Charge an open invoice to the customer's payment method",
				action: 'Pay an invoice',
			},
		],
	},
	...invoiceAndCollect.description,
	...finalize.description,
	...pay.description,
];
