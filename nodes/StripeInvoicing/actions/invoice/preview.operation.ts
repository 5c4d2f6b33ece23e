import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { StripeInvoice } from '../../../shared/transport/types';
import { discountsOption, readDiscounts, resolveDiscounts, type DiscountInput } from '../common/discounts';
import {
	amountField,
	amountUnitField,
	currencyField,
	customerIdField,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { invoiceExtraOptions, pendingItemsField } from '../common/invoiceExtras';
import { CUSTOMER } from '../common/locators';
import { invoiceFigures, previewInvoice, type PreviewRequest } from '../common/preview';
import { defineOperation, type Plan } from '../operation';
import { lineFields, previewItems, readLines, singleLineOptions } from './invoiceAndCollect/lines';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['preview']);
const showForSingleLine = { show: { ...displayOptions.show, lineSource: ['single'] } };

/** The invoice-wide settings a preview takes (others only show once the invoice exists). */
const PREVIEW_SETTINGS = ['defaultTaxRates', 'automaticTax', 'onBehalfOf'];

const description: INodeProperties[] = [
	{
		displayName:
			"Shows the invoice the customer would get — lines, discounts, tax, total and what would be due after their balance — with Stripe's invoice preview. Nothing is created.",
		name: 'previewNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	customerIdField(displayOptions, 'Customer the invoice would be for'),
	currencyField(displayOptions),
	...lineFields(displayOptions),
	amountField(showForSingleLine, 'Amount of the line, in the Amount Unit below'),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text of the invoice line',
		displayOptions: showForSingleLine,
	},
	amountUnitField(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [
		discountsOption,
		...invoiceExtraOptions.filter((option) => PREVIEW_SETTINGS.includes(option.name)),
		{
			...pendingItemsField,
			default: 'exclude',
			description: "Whether the customer's pending invoice items would be on the invoice",
		},
		...singleLineOptions(),
	]),
];

interface PreviewPlan extends Plan {
	request: PreviewRequest;
	discounts: DiscountInput[] | undefined;
	simplify: boolean;
}

function shapePreview(simplify: boolean, preview: StripeInvoice): IDataObject {
	if (!simplify) return preview as unknown as IDataObject;
	const lines = (preview.lines?.data ?? []).filter((line) => line.quantity !== 0);
	return {
		customer: typeof preview.customer === 'string' ? preview.customer : (preview.customer?.id ?? null),
		...invoiceFigures(preview),
		lineCount: lines.length,
		lines: lines.map((line) => ({
			description: line.description,
			quantity: line.quantity,
			amount: line.amount,
		})),
	};
}

export const operation = defineOperation<PreviewPlan>({
	description,
	prepare(row) {
		const options = row.options();
		const customer = row.locator(CUSTOMER);
		const currency = row.currency(row.param('currency'));
		const lines = readLines(row, currency);
		const defaultTaxRates = row.idList(
			options.defaultTaxRates,
			'Default Tax Rate IDs',
			STRIPE_OBJECTS.taxRate,
		);
		const pending = row.optionalChoice<'exclude' | 'include'>(
			options.pendingInvoiceItemsBehavior,
			pendingItemsField,
		);
		return {
			scope: row.callScope(options),
			request: {
				customer,
				currency,
				items: previewItems(lines, currency, defaultTaxRates),
				automaticTax: row.optionalBoolean(options.automaticTax, 'Automatic Tax (Stripe Tax)'),
				onBehalfOf: row.optionalId(options.onBehalfOf, 'On Behalf Of', STRIPE_OBJECTS.account),
				includePending: pending === 'include',
			},
			discounts: readDiscounts(row, options.discounts),
			simplify: row.simplify(),
		};
	},
	async send(stripe, plan, context) {
		const discounts = await resolveDiscounts(stripe, plan.discounts, context);
		const preview = await previewInvoice(stripe, { ...plan.request, discounts });
		return shapePreview(plan.simplify, preview);
	},
});
