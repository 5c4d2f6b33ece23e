import { endpoints } from '../../../shared/transport/endpoints';
import type { StripeInvoiceItem } from '../../../shared/transport/types';
import { getById } from '../common/byId';
import { invoiceItemIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoiceItem } from '../../../shared/simplify';
import { INVOICE_ITEM } from '../common/locators';

const displayOptions = showFor('invoiceItem', ['get']);

export const operation = getById<StripeInvoiceItem>({
	description: [
		invoiceItemIdField(displayOptions, 'Invoice item to retrieve'),
		simplifyField(displayOptions),
		optionsCollection(displayOptions, []),
	],
	target: INVOICE_ITEM,
	path: (id) => endpoints.invoiceItem(id),
	shape: shapeInvoiceItem,
});
