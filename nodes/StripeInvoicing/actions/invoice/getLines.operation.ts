import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { formatMoney } from '../../../shared/currency';
import { idOf } from '../../../shared/stripeObjects';
import { endpoints } from '../../../shared/transport/endpoints';
import type { LineListQuery, StripeLineItem } from '../../../shared/transport/types';
import {
	invoiceIdField,
	optionsCollection,
	paginationFields,
	showFor,
	simplifyField,
} from '../common/fields';
import { readPageLimit } from '../common/listFilters';
import { INVOICE } from '../common/locators';
import { defineOperation } from '../operation';

const displayOptions = showFor('invoice', ['getLines']);

const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Invoice whose line items to list'),
	...paginationFields(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, []),
];

type Line = StripeLineItem & {
	discount_amounts?: Array<{ amount: number }> | null;
	taxes?: Array<{ amount: number }> | null;
	period?: { start: number; end: number } | null;
};

const sum = (entries: Array<{ amount: number }> | null | undefined) =>
	(entries ?? []).reduce((total, entry) => total + entry.amount, 0);

/** A line as people read it: what it bills, its discounts and tax, and the price it bills. */
function simplifyLine(line: Line): IDataObject {
	const money = (amount: number) => formatMoney(amount, line.currency);
	const discount = sum(line.discount_amounts);
	const tax = sum(line.taxes);
	return {
		id: line.id,
		description: line.description,
		quantity: line.quantity,
		price: idOf(line.pricing?.price_details?.price ?? null),
		currency: line.currency,
		amount: line.amount,
		amountFormatted: money(line.amount),
		discount,
		discountFormatted: money(discount),
		tax,
		taxFormatted: money(tax),
		periodStart: line.period ? new Date(line.period.start * 1000).toISOString() : null,
		periodEnd: line.period ? new Date(line.period.end * 1000).toISOString() : null,
	};
}

export const operation = defineOperation({
	description,
	prepare(row) {
		const options = row.options();
		const query: LineListQuery = { expand: row.expand(options, 'data.') };
		return {
			scope: row.callScope(options),
			invoiceId: row.locator(INVOICE),
			query,
			page: readPageLimit(row),
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan) {
		const lines = await stripe.collect<Line>(endpoints.invoiceLines(plan.invoiceId), plan.query, plan.page);
		return lines.map((line) => (plan.simplify ? simplifyLine(line) : (line as unknown as IDataObject)));
	},
});
