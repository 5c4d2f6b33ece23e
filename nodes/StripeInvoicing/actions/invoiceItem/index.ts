import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';

export const invoiceItemDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoiceItem'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Add a line to a draft invoice, or a pending item for the next invoice',
				action: 'Create an invoice item',
			},
		],
	},
	...create.description,
];
