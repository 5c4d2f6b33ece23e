import { endpoints } from '../../../shared/transport/endpoints';
import type { StripeInvoice } from '../../../shared/transport/types';
import { getById } from '../common/byId';
import { invoiceIdField, optionsCollection, showFor, simplifyField } from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { INVOICE } from '../common/locators';

const displayOptions = showFor('invoice', ['get']);

export const operation = getById<StripeInvoice>({
	description: [
		invoiceIdField(displayOptions, 'Invoice to retrieve'),
		simplifyField(displayOptions),
		optionsCollection(displayOptions, []),
	],
	target: INVOICE,
	path: (id) => endpoints.invoice(id),
	shape: shapeInvoice,
});
