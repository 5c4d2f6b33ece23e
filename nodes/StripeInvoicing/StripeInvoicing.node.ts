import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { invoiceDescription } from './actions/invoice';
import { invoiceItemDescription } from './actions/invoiceItem';
import { route } from './actions/router';
import { searchCustomers, searchInvoiceItems, searchInvoices } from './methods/listSearch';
import { assertSupportedN8n, MAIN_CONNECTION } from '../shared/n8nSupport';
import { CREDENTIAL_NAME } from '../shared/transport/stripeRequest';

export class StripeInvoicing implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoicing',
		name: 'stripeInvoicing',
		icon: {
			light: 'file:../../icons/stripeInvoicing.svg',
			dark: 'file:../../icons/stripeInvoicing.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Bill customers with Stripe invoices: invoice and collect in one step, or manage invoices and invoice items',
		defaults: { name: 'Stripe Invoicing' },
		usableAsTool: true,
		inputs: [MAIN_CONNECTION],
		outputs: [MAIN_CONNECTION],
		credentials: [{ name: CREDENTIAL_NAME, required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'invoice',
				options: [
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Invoice Item', value: 'invoiceItem' },
				],
			},
			...invoiceDescription,
			...invoiceItemDescription,
		],
	};

	methods = {
		listSearch: { searchCustomers, searchInvoices, searchInvoiceItems },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		assertSupportedN8n(this, { cancelSignal: true });
		return await route(this);
	}
}
