import { endpoints } from '../../../shared/transport/endpoints';
import { deleteById } from '../common/byId';
import { invoiceIdField, optionsCollection, showFor } from '../common/fields';
import { INVOICE } from '../common/locators';

const displayOptions = showFor('invoice', ['delete']);

export const operation = deleteById({
	description: [
		invoiceIdField(displayOptions, 'Draft invoice to delete; finalized invoices can only be voided'),
		optionsCollection(displayOptions, [], { expand: false }),
	],
	target: INVOICE,
	path: (id) => endpoints.invoice(id),
});
