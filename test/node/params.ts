import type { INodeParameters } from 'n8n-workflow';

/** Node parameters for each operation, as a person would fill them in on the canvas. */
export const invoiceAndCollect = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'invoiceAndCollect',
	customer: '={{ $json.customer }}',
	amount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	description: '={{ $json.description }}',
	...fields,
});

export const finalizeInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'finalize',
	invoiceId: '={{ $json.invoiceId }}',
	...fields,
});

export const payInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'pay',
	invoiceId: '={{ $json.invoiceId }}',
	...fields,
});

export const createInvoiceItem = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoiceItem',
	operation: 'create',
	customer: '={{ $json.customer }}',
	invoiceId: '={{ $json.invoiceId }}',
	priceSource: 'amount',
	amount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	...fields,
});
