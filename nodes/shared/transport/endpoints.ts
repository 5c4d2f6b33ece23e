import { stripePath, type StripePath } from './stripePath';

export type InvoiceAction = 'finalize' | 'pay' | 'send' | 'void' | 'mark_uncollectible' | 'add_lines';

/** An invoice's action endpoint; each is its own literal path, the ID checked and encoded. */
function invoiceAction(id: string, action: InvoiceAction): StripePath {
	switch (action) {
		case 'finalize':
			return stripePath`/v1/invoices/${id}/finalize`;
		case 'pay':
			return stripePath`/v1/invoices/${id}/pay`;
		case 'send':
			return stripePath`/v1/invoices/${id}/send`;
		case 'void':
			return stripePath`/v1/invoices/${id}/void`;
		case 'mark_uncollectible':
			return stripePath`/v1/invoices/${id}/mark_uncollectible`;
		case 'add_lines':
			return stripePath`/v1/invoices/${id}/add_lines`;
	}
}

/**
 * Every Stripe endpoint this package calls. Operations and the trigger name endpoints from here;
 * only the transport builds paths, with each ID checked for its collection and percent-encoded.
 */
export const endpoints = {
	customers: stripePath`/v1/customers`,
	customer: (id: string) => stripePath`/v1/customers/${id}`,
	customerSearch: stripePath`/v1/customers/search`,
	price: (id: string) => stripePath`/v1/prices/${id}`,
	promotionCodes: stripePath`/v1/promotion_codes`,
	invoices: stripePath`/v1/invoices`,
	invoiceSearch: stripePath`/v1/invoices/search`,
	invoicePreview: stripePath`/v1/invoices/create_preview`,
	invoice: (id: string) => stripePath`/v1/invoices/${id}`,
	invoiceAction,
	invoiceLines: (id: string) => stripePath`/v1/invoices/${id}/lines`,
	invoiceItems: stripePath`/v1/invoiceitems`,
	invoiceItem: (id: string) => stripePath`/v1/invoiceitems/${id}`,
	webhookEndpoints: stripePath`/v1/webhook_endpoints`,
	webhookEndpoint: (id: string) => stripePath`/v1/webhook_endpoints/${id}`,
};
