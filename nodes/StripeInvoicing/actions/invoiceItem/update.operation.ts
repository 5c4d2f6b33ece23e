import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoiceItemUpdateBody, StripeInvoiceItem } from '../../../shared/transport/types';
import {
	amountUnitField,
	byDisplayName,
	invoiceItemIdField,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { plainDecimal } from '../common/parse/numbers';
import { MAX_AMOUNT, money, type AmountUnit } from '../common/parse/money';
import { checkField } from '../common/validation';
import { shapeInvoiceItem } from '../../../shared/simplify';
import {
	agentRefusal,
	checkMaxAmount,
	maxAmountOption,
	overCapMessage,
	readMaxAmount,
} from '../common/agentLimits';
import { defineOperation } from '../operation';
import {
	amountAndQuantity,
	amountOfUnits,
	itemDetailOptions,
	readPeriod,
	readQuantity,
	readTaxRates,
} from './itemFields';

const displayOptions = showFor('invoiceItem', ['update']);

const description: INodeProperties[] = [
	invoiceItemIdField(displayOptions, 'Pending item, or an item on a draft invoice, to change'),
	amountUnitField(displayOptions),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: (
			[
				{
					displayName: 'Amount',
					name: 'amount',
					type: 'number',
					default: 0,
					description: 'New amount in the Amount Unit above (per unit when a Quantity is set)',
				},
				...itemDetailOptions,
				{
					displayName: 'Price ID',
					name: 'priceId',
					type: 'string',
					default: '',
					placeholder: 'price_1PqR…',
					description: 'Bill this price instead of a custom amount',
				},
			] as INodeProperties[]
		).sort(byDisplayName),
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [maxAmountOption], { reference: true }),
];

interface NewAmount {
	text: string;
	unit: AmountUnit;
	quantity: number | undefined;
}

export const operation = defineOperation({
	description,
	prepare(row) {
		const itemId = row.locator('invoiceItemId', 'Invoice Item', 'ii_');
		const fields = row.options('updateFields');
		const options = row.options();
		if (Object.keys(fields).length === 0) row.fail('Update Fields', 'add at least one field to change');
		const priceId = row.optionalText(fields.priceId, 'Price ID');
		if (fields.amount !== undefined && priceId) {
			row.fail('Price ID', 'cannot be combined with an Amount: bill either a price or a custom amount');
		}
		const body: InvoiceItemUpdateBody = {
			description: row.optionalText(fields.description, 'Description'),
			period: readPeriod(row, fields),
			metadata: row.metadataUpdate(fields.metadata),
			discountable: row.optionalBoolean(fields.discountable, 'Discountable'),
			tax_rates: readTaxRates(row, fields.taxRates),
			pricing: priceId ? { price: row.id(priceId, 'Price ID', 'price_') } : undefined,
			expand: row.expand(options),
		};
		const quantity = readQuantity(row, fields.quantity);
		const maxAmount = readMaxAmount(row, options);
		let newAmount: NewAmount | undefined;
		if (fields.amount === undefined) {
			body.quantity = quantity;
		} else {
			const unit = row.amountUnit();
			const text = row.check('Amount', () => plainDecimal(fields.amount));
			// Updates carry no currency: minor amounts are checked now; major amounts are converted
			// with the item's currency in the lookup, before the batch writes anything.
			if (unit === 'minor') {
				const amount = row.integer(text, 'Amount', -MAX_AMOUNT, MAX_AMOUNT);
				Object.assign(
					body,
					row.check('Amount', () => amountAndQuantity(amount, quantity)),
				);
				checkMaxAmount(row, maxAmount, amountOfUnits(body), 'the item total');
			} else {
				newAmount = { text, unit, quantity };
			}
		}
		return {
			scope: row.callScope(options),
			request: { itemId, body, newAmount },
			itemId,
			body,
			newAmount,
			maxAmount,
			simplify: row.simplify(),
		};
	},
	async lookup(stripe, plan, context) {
		if (!plan.newAmount) return plan;
		const { text, unit, quantity } = plan.newAmount;
		const current = await stripe.get<StripeInvoiceItem>(endpoints.invoiceItem(plan.itemId));
		const total = checkField(context, 'Amount', () =>
			amountAndQuantity(money(text, current.currency, unit, { allowNegative: true }), quantity),
		);
		const billed = Math.abs(amountOfUnits(total) ?? 0);
		if (plan.maxAmount !== undefined && billed > plan.maxAmount)
			throw agentRefusal(context, 'Max Amount per Row', overCapMessage('the item total', billed, plan.maxAmount));
		return { ...plan, body: { ...plan.body, ...total }, newAmount: undefined };
	},
	async send(stripe, plan) {
		const item = await stripe.post<StripeInvoiceItem>(endpoints.invoiceItem(plan.itemId), plan.body);
		return shapeInvoiceItem(plan.simplify, item);
	},
});
