import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../operation';
import { operation as create } from './create.operation';
import { operation as deleteInvoice } from './delete.operation';
import { operation as finalize } from './finalize.operation';
import { operation as get } from './get.operation';
import { operation as getLines } from './getLines.operation';
import { operation as getMany } from './getMany.operation';
import { operation as invoiceAndCollect } from './invoiceAndCollect/invoiceAndCollect.operation';
import { operation as markUncollectible } from './markUncollectible.operation';
import { operation as pay } from './pay.operation';
import { operation as preview } from './preview.operation';
import { operation as search } from './search.operation';
import { operation as send } from './send.operation';
import { operation as update } from './update.operation';
import { operation as voidInvoice } from './void.operation';

export const invoiceOperations: Record<string, OperationModule> = {
	invoiceAndCollect,
	finalize,
	pay,
	create,
	get,
	update,
	getMany,
	search,
	send,
	void: voidInvoice,
	markUncollectible,
	delete: deleteInvoice,
	preview,
	getLines,
};

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
				name: 'Create',
				value: 'create',
				description: 'Create a draft invoice for a customer',
				action: 'Create an invoice',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a draft invoice', action: 'Delete an invoice' },
			{
				name: 'Finalize',
				value: 'finalize',
				description: 'Finalize a draft invoice so it can be paid or sent',
				action: 'Finalize an invoice',
			},
			{ name: 'Get', value: 'get', description: 'Retrieve an invoice', action: 'Get an invoice' },
			{
				name: 'Get Lines',
				value: 'getLines',
				description: 'List the line items of an invoice, with their discounts and tax',
				action: 'Get the lines of an invoice',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List invoices, filtered by customer, status or creation date',
				action: 'Get many invoices',
			},
			{
				name: 'Invoice & Collect',
				value: 'invoiceAndCollect',
				description: 'Create an invoice with its lines, finalize it and charge or email it, in one step',
				action: 'Invoice and collect payment',
			},
			{
				name: 'Mark Uncollectible',
				value: 'markUncollectible',
				description: 'Write off an open invoice as bad debt',
				action: 'Mark an invoice as uncollectible',
			},
			{
				name: 'Pay',
				value: 'pay',
				description: "Charge an open invoice to the customer's payment method",
				action: 'Pay an invoice',
			},
			{
				name: 'Preview',
				value: 'preview',
				description:
					'Show the invoice a customer would get for given lines, discounts and tax, creating nothing',
				action: 'Preview an invoice',
			},
			{
				name: 'Search',
				value: 'search',
				description: "Find invoices with Stripe's search query language",
				action: 'Search invoices',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Email an invoice to the customer to pay online',
				action: 'Send an invoice',
			},
			{ name: 'Update', value: 'update', description: 'Change an invoice', action: 'Update an invoice' },
			{ name: 'Void', value: 'void', description: 'Cancel an open invoice', action: 'Void an invoice' },
		],
	},
	...Object.values(invoiceOperations).flatMap((operation) => operation.description),
];
