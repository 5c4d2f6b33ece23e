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
import { checkWithinMaximum, minorUnits, money, unitsTotal, type AmountUnit } from '../common/parse/money';
import { checkField } from '../common/validation';
import { shapeInvoiceItem } from '../../../shared/simplify';
import { enforceCap, maxAmountOption, readCap } from '../common/cap';
import { unitAmountOf } from '../common/prices';
import { defineOperation, type Plan, type SendContext, type StripeReader } from '../operation';
import { amountAndQuantity, itemDetailOptions, readPeriod, readQuantity, readLineExtras } from './itemFields';
import { INVOICE_ITEM } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

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

interface UpdatePlan extends Plan {
	itemId: string;
	body: InvoiceItemUpdateBody;
	/** An amount in major units, converted in the lookup with the item's currency. */
	newAmount: NewAmount | undefined;
	cap: number | undefined;
	/** Whether the update changes what the item bills (amount, quantity or price). */
	changesTotal: boolean;
	simplify: boolean;
}

export const operation = defineOperation<UpdatePlan>({
	description,
	prepare(row) {
		const itemId = row.locator(INVOICE_ITEM);
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
			...readLineExtras(row, fields),
			pricing: priceId ? { price: row.id(priceId, 'Price ID', STRIPE_OBJECTS.price) } : undefined,
			expand: row.expand(options),
		};
		const quantity = readQuantity(row, fields.quantity);
		let newAmount: NewAmount | undefined;
		if (fields.amount === undefined) {
			body.quantity = quantity;
		} else {
			const unit = row.amountUnit();
			const text = row.check('Amount', () => plainDecimal(fields.amount));
			// Updates carry no currency: minor amounts are checked now; major amounts are converted
			// with the item's currency in the lookup, before the batch writes anything.
			if (unit === 'minor') {
				const amount = row.check('Amount', () => {
					const minor = minorUnits(text);
					checkWithinMaximum(minor);
					return minor;
				});
				Object.assign(
					body,
					row.check('Amount', () => amountAndQuantity(amount, quantity)),
				);
			} else {
				newAmount = { text, unit, quantity };
			}
		}
		return {
			scope: row.callScope(options),
			identity: { itemId },
			itemId,
			body,
			newAmount,
			cap: readCap(row),
			changesTotal: fields.amount !== undefined || quantity !== undefined || priceId !== undefined,
			simplify: row.simplify(),
		};
	},
	/**
	 * Before the batch writes: a major-unit amount is converted with the item's currency, and a
	 * capped update's resulting unit amount × quantity is checked (a new quantity alone, or a new
	 * price, changes what the item bills as much as a new amount does).
	 */
	async lookup(stripe, plan, context) {
		const capped = plan.cap !== undefined && plan.changesTotal;
		if (!plan.newAmount && !capped) return plan;
		const current = await stripe.get<StripeInvoiceItem>(endpoints.invoiceItem(plan.itemId));
		let body = plan.body;
		if (plan.newAmount) {
			const { text, unit, quantity } = plan.newAmount;
			const total = checkField(context, 'Amount', () =>
				amountAndQuantity(money(text, current.currency, unit, { allowNegative: true }), quantity),
			);
			body = { ...body, ...total };
		}
		if (capped) {
			const billed = await resultingTotal(stripe, current, body, context);
			enforceCap(context, plan.cap, billed, 'the item total after the update');
		}
		return { ...plan, body, newAmount: undefined };
	},
	async send(stripe, plan) {
		const item = await stripe.post<StripeInvoiceItem>(endpoints.invoiceItem(plan.itemId), plan.body);
		return shapeInvoiceItem(plan.simplify, item);
	},
});

/** What the item bills once updated: the new total, or its (new or current) unit amount × quantity. */
async function resultingTotal(
	stripe: StripeReader,
	current: StripeInvoiceItem,
	body: InvoiceItemUpdateBody,
	context: SendContext,
): Promise<number> {
	if (body.amount !== undefined) return body.amount;
	const quantity = body.quantity ?? current.quantity;
	if (body.unit_amount_decimal !== undefined) return unitsTotal(Number(body.unit_amount_decimal), quantity);
	if (body.pricing) return unitsTotal(await unitAmountOf(stripe, body.pricing.price, context), quantity);
	const unit = current.pricing?.unit_amount_decimal;
	return unit === null || unit === undefined ? current.amount : unitsTotal(Number(String(unit)), quantity);
}
