import type { Target } from '../common/byId';

export const INVOICE: Target = { name: 'invoiceId', field: 'Invoice', prefix: 'in_' };
export const INVOICE_ITEM: Target = { name: 'invoiceItemId', field: 'Invoice Item', prefix: 'ii_' };
