import type { INodeParameters } from 'n8n-workflow';

/** A resource-locator value as the editor saves it ("By ID" mode; the value may be an expression). */
export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Node parameters for each operation, as a person would fill them in on the canvas. */
export const invoiceAndCollect = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'invoiceAndCollect',
	customer: byId('={{ $json.customer }}'),
	amount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	description: '={{ $json.description }}',
	...fields,
});

export const finalizeInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'finalize',
	invoiceId: byId('={{ $json.invoiceId }}'),
	...fields,
});

export const payInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'pay',
	invoiceId: byId('={{ $json.invoiceId }}'),
	...fields,
});

export const createInvoiceItem = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoiceItem',
	operation: 'create',
	customer: byId('={{ $json.customer }}'),
	invoiceId: byId('={{ $json.invoiceId }}'),
	priceSource: 'amount',
	amount: '={{ $json.amount }}',
	currency: '={{ $json.currency }}',
	...fields,
});
