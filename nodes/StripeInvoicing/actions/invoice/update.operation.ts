import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { CollectionMethod, InvoiceUpdateBody, StripeInvoice } from '../../../shared/transport/types';
import {
	collectionMethodField,
	daysUntilDueField,
	defaultPaymentMethodField,
	dueDateOption,
	readDaysUntilDue,
	readDueDate,
} from '../common/collectionMethod';
import { resolveDiscounts, type DiscountInput } from '../common/discounts';
import { invoiceExtraOptions, readInvoiceExtras } from '../common/invoiceExtras';
import { defineOperation, type Plan } from '../operation';
import {
	byDisplayName,
	descriptionOption,
	invoiceIdField,
	metadataOption,
	optionsCollection,
	showFor,
	simplifyField,
} from '../common/fields';
import { shapeInvoice } from '../../../shared/simplify';
import { INVOICE } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['update']);

const description: INodeProperties[] = [
	invoiceIdField(
		displayOptions,
		'Invoice to update. Drafts take every field; finalized invoices only metadata and a few others.',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: (
			[
				{ displayName: 'Auto Advance', name: 'autoAdvance', type: 'boolean', default: false },
				collectionMethodField,
				daysUntilDueField,
				defaultPaymentMethodField,
				{ ...descriptionOption, description: 'Memo shown on the invoice' },
				dueDateOption,
				{
					...metadataOption,
					description:
						'Keys to set; an entry with an empty value removes that key. Other keys stay as they are.',
				},
				...invoiceExtraOptions,
			] as INodeProperties[]
		).sort(byDisplayName),
	},
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [], { reference: true }),
];

interface UpdatePlan extends Plan {
	invoiceId: string;
	body: InvoiceUpdateBody;
	discounts: DiscountInput[] | undefined;
	simplify: boolean;
}

export const operation = defineOperation<UpdatePlan>({
	description,
	prepare(row) {
		const invoiceId = row.locator(INVOICE);
		const options = row.options();
		const scope = row.callScope(options);
		const fields = row.options('updateFields');
		if (Object.keys(fields).length === 0) row.fail('Update Fields', 'add at least one field to change');
		const collectionMethod = row.optionalChoice<CollectionMethod>(
			fields.collectionMethod,
			collectionMethodField,
		);
		const { discounts, ...extras } = readInvoiceExtras(row, fields, {
			collectionMethod,
			stripeAccount: scope.stripeAccount,
		});
		const body: InvoiceUpdateBody = {
			auto_advance: row.optionalBoolean(fields.autoAdvance, 'Auto Advance'),
			collection_method: collectionMethod,
			days_until_due:
				fields.daysUntilDue === undefined ? undefined : readDaysUntilDue(row, fields.daysUntilDue),
			due_date: readDueDate(row, fields.dueDate),
			default_payment_method: row.optionalId(
				fields.defaultPaymentMethod,
				'Default Payment Method ID',
				STRIPE_OBJECTS.paymentMethod,
			),
			description: row.optionalText(fields.description, 'Description'),
			metadata: row.metadataUpdate(fields.metadata),
			...extras,
			expand: row.expand(options),
		};
		return { scope, identity: { id: invoiceId }, invoiceId, body, discounts, simplify: row.simplify() };
	},
	/** A promotion code a customer typed is looked up before the batch writes anything. */
	async lookup(stripe, plan, context) {
		const discounts = await resolveDiscounts(stripe, plan.discounts, context);
		return { ...plan, body: { ...plan.body, discounts }, discounts: undefined };
	},
	async send(stripe, plan) {
		const invoice = await stripe.post<StripeInvoice>(endpoints.invoice(plan.invoiceId), plan.body);
		return shapeInvoice(plan.simplify, invoice);
	},
});
