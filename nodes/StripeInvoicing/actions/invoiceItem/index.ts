import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../operation';
import { operation as create } from './create.operation';
import { operation as deleteItem } from './delete.operation';
import { operation as get } from './get.operation';
import { operation as getMany } from './getMany.operation';
import { operation as update } from './update.operation';

export const invoiceItemOperations: Record<string, OperationModule> = {
	create,
	get,
	update,
	delete: deleteItem,
	getMany,
};

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
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a pending item or one on a draft invoice',
				action: 'Delete an invoice item',
			},
			{ name: 'Get', value: 'get', description: 'Retrieve an invoice item', action: 'Get an invoice item' },
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List invoice items, filtered by customer, invoice or pending state',
				action: 'Get many invoice items',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change an invoice item',
				action: 'Update an invoice item',
			},
		],
	},
	...Object.values(invoiceItemOperations).flatMap((operation) => operation.description),
];
