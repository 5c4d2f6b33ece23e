import type { INodeProperties } from 'n8n-workflow';

import type { InvoiceCreateBody, InvoiceLine, InvoicePayBody } from '../../../../shared/transport/types';
import { collectionMethodFields, dueDateOption, readCollectionSettings } from '../../common/collectionMethod';
import {
	amountField,
	amountUnitField,
	currencyField,
	customerIdField,
	metadataOption,
	optionsCollection,
	paymentMethodOption,
	referenceDescription,
	showFor,
	simplifyField,
} from '../../common/fields';
import { paymentFailuresOption } from '../../common/payment';
import { defineOperation, type Plan } from '../../operation';
import { allowAiSettlementOption, guardAiSettlement } from '../../common/agentLimits';
import { enforceCap, maxAmountOption, readCap } from '../../common/cap';
import { METADATA_LIMITS } from '../../common/parse/metadata';
import { CollectRun, type CollectPlan } from './collectRun';
import { collectLookup } from './collectLookup';
import { dryRunOutput, previewOnlyOption } from './dryRun';
import { lineFields, linesTotal, readLines, singleLineOptions } from './lines';
import {
	adjustsTotal,
	invoiceExtraOptions,
	readInvoiceExtras,
	type InvoiceExtras,
} from '../../common/invoiceExtras';
import { REFERENCE_METADATA_KEY } from '../../../../shared/constants';
import { CUSTOMER } from '../../common/locators';
import { STRIPE_OBJECTS } from '../../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['invoiceAndCollect']);

const failedPaymentActionField: INodeProperties = {
	displayName: 'If Payment Fails',
	name: 'failedPaymentAction',
	type: 'options',
	default: 'leaveOpen',
	description:
		'What happens to the invoice when the card is declined. An invoice that needs the customer to authenticate (SCA) always stays open so they can pay it.',
	options: [
		{ name: 'Leave Open', value: 'leaveOpen', description: 'Keep it open to retry or collect later' },
		{ name: 'Mark Uncollectible', value: 'markUncollectible', description: 'Write it off as bad debt' },
		{ name: 'Void', value: 'void', description: 'Cancel it; it can no longer be paid' },
	],
};
const showForSingleLine = { show: { ...displayOptions.show, lineSource: ['single'] } };

const description: INodeProperties[] = [
	{
		displayName:
			"Creates a draft invoice, adds the line(s), finalizes it and charges the customer's payment method (or emails the invoice): four Stripe calls per row, plus one lookup per ten rows with a Reference",
		name: 'invoiceAndCollectNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
	customerIdField(displayOptions, 'Customer to invoice and charge'),
	{
		displayName: 'Reference',
		name: 'reference',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.orderId }}',
		description: `${referenceDescription}. The invoice is tagged with it (metadata "${REFERENCE_METADATA_KEY}"), so a re-run finds it at any later time and resumes it or reports it as already paid, never billing twice. Strongly recommended.`,
		displayOptions,
	},
	currencyField(displayOptions),
	...lineFields(displayOptions),
	amountField(
		showForSingleLine,
		'Amount to charge, in the Amount Unit below (default: smallest unit, 1999 = 19.99 USD)',
	),
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		description: 'Text of the invoice line, shown to the customer',
		displayOptions: showForSingleLine,
	},
	amountUnitField(displayOptions),
	...collectionMethodFields(displayOptions),
	simplifyField(displayOptions),
	optionsCollection(displayOptions, [
		...invoiceExtraOptions,
		...singleLineOptions(),
		previewOnlyOption,
		allowAiSettlementOption,
		maxAmountOption,
		dueDateOption,
		failedPaymentActionField,
		{ ...metadataOption, description: 'Key/value pairs stored on the invoice (up to 50 keys)' },
		paymentFailuresOption,
		paymentMethodOption,
	]),
];

/** Whether anything can take the total below the lines' sum: a discount on the invoice or a line. */
function discounted(extras: InvoiceExtras, lines: InvoiceLine[]): boolean {
	return !!extras.discounts?.length || lines.some((line) => line.discounts?.length);
}

export const operation = defineOperation<CollectPlan & Plan>({
	description,
	prepare(row) {
		const customer = row.locator(CUSTOMER);
		const reference = row.reference(row.param('reference', ''), 'Reference', 'reference');
		const currency = row.currency(row.param('currency'));
		const lines = readLines(row, currency);
		const options = row.options();
		const cap = readCap(row);
		guardAiSettlement(row, [['options.failedPaymentAction', 'If Payment Fails']]);
		const collection = readCollectionSettings(row, options);
		const stripeAccount = row.stripeAccount(options);
		const extras = readInvoiceExtras(row, options, {
			collectionMethod: collection.collection_method,
			stripeAccount,
		});
		// Custom amounts are checked now, with no call, when nothing can lower the total (tax only
		// adds to it); Prices, discounts and the customer's balance in the lookup phase.
		const custom = linesTotal(lines);
		if (custom !== undefined && !discounted(extras, lines)) enforceCap(row, cap, custom, 'the invoice total');
		const paymentMethod = row.optionalId(
			options.paymentMethod,
			'Payment Method ID',
			STRIPE_OBJECTS.paymentMethod,
		);
		if (paymentMethod && collection.collection_method !== 'charge_automatically')
			row.fail('Payment Method ID', 'applies only when the collection method is "Charge Automatically"');
		const metadata = row.metadata(options.metadata);
		if (reference && metadata && REFERENCE_METADATA_KEY in metadata)
			row.fail('Metadata', `"${REFERENCE_METADATA_KEY}" is set from the Reference field; remove it here`);
		if (reference && metadata && Object.keys(metadata).length >= METADATA_LIMITS.keys)
			row.fail(
				'Metadata',
				`has ${Object.keys(metadata).length} keys; with a Reference (stored as one more key) Stripe's limit of ${METADATA_LIMITS.keys} leaves room for ${METADATA_LIMITS.keys - 1}`,
			);
		const expand = row.expand(options);
		const { discounts, ...settings } = extras;
		const draft: InvoiceCreateBody = {
			customer,
			currency,
			auto_advance: false,
			...collection,
			...settings,
			// Set in the lookup phase, where a promotion code a customer typed is looked up.
			discounts: undefined,
			// Only this row's lines go on the invoice, never other pending items of the customer.
			pending_invoice_items_behavior: 'exclude',
			metadata: reference ? { ...metadata, [REFERENCE_METADATA_KEY]: reference } : metadata,
		};
		const pay: InvoicePayBody = { payment_method: paymentMethod, expand };
		return {
			scope: { stripeAccount, reference },
			event:
				reference === undefined
					? undefined
					: { reference, customer, currency, lines, collectionMethod: collection.collection_method },
			cap,
			discounts,
			adjusted:
				adjustsTotal(extras) ||
				lines.some(
					(line) =>
						line.discounts?.length || line.tax_rates?.length || line.price_data?.product_data.tax_code,
				),
			previewOnly: row.configuredValue('options.previewOnly') === true,
			customer,
			currency,
			lines,
			draft,
			pay,
			expand,
			failedPaymentAction:
				row.optionalChoice(options.failedPaymentAction, failedPaymentActionField) ?? 'leaveOpen',
			returnFailures:
				(row.optionalChoice(options.paymentFailures, paymentFailuresOption) ?? 'error') === 'returnRow',
			simplify: row.simplify(),
		};
	},
	// Every row's reference (ten to a search) and what a cap needs, checked before any row writes.
	lookupAll: collectLookup,
	/** The Arazzo "Stripe Invoice and Collect" steps, each skipped when a resumed invoice is past it. */
	async send(stripe, plan, context) {
		// A dry run did all it does in the lookup phase: it writes nothing.
		if (plan.previewOnly) return dryRunOutput(plan);
		const run = new CollectRun(stripe, plan, context);
		return await run.guard(async () => {
			await run.findByReference();
			await run.createDraftInvoice();
			await run.addLines();
			await run.finalizeInvoice();
			// Paid (a zero total settles on finalize), void or uncollectible: nothing left to do.
			if (run.invoice.status !== 'open') return run.output();
			if (run.invoice.collection_method === 'send_invoice') return await run.sendInvoice();
			return await run.payInvoice();
		});
	},
});
