import { endpoints } from '../../../shared/transport/endpoints';
import { deleteById } from '../common/byId';
import { invoiceItemIdField, optionsCollection, showFor } from '../common/fields';
import { INVOICE_ITEM } from '../common/locators';

const displayOptions = showFor('invoiceItem', ['delete']);

export const operation = deleteById({
	description: [
		invoiceItemIdField(displayOptions, 'Pending item, or an item on a draft invoice, to delete'),
		optionsCollection(displayOptions, [], { expand: false }),
	],
	target: INVOICE_ITEM,
	path: (id) => endpoints.invoiceItem(id),
});
