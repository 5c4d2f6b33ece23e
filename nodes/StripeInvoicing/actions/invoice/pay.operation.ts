import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { StripeClient } from '../../../shared/transport/stripeClient';
import type { InvoiceFinalizeBody, InvoicePayBody, StripeInvoice } from '../../../shared/transport/types';
import {
	invoiceIdField,
	optionsCollection,
	paymentMethodOption,
	showFor,
	simplifyField,
} from '../common/fields';
import { paymentFailureFields, paymentFailureOf, paymentFailuresOption, payInvoice } from '../common/payment';
import { shapeInvoice } from '../../../shared/simplify';
import { defineOperation, type Plan, type SendContext } from '../operation';
import { allowAiSettlementOption, guardAiSettlement } from '../common/agentLimits';
import { checkFinalizedInvoice, enforceCap, maxAmountOption, readCap } from '../common/cap';
import { asNodeError } from '../rowErrors';
import { INVOICE } from '../common/locators';
import { STRIPE_OBJECTS } from '../../../shared/stripeObjects';

const displayOptions = showFor('invoice', ['pay']);

const description: INodeProperties[] = [
	invoiceIdField(displayOptions, 'Invoice to pay. A draft is finalized first.'),
	simplifyField(displayOptions),
	optionsCollection(
		displayOptions,
		[
			{
				displayName: 'Forgive',
				name: 'forgive',
				type: 'boolean',
				default: false,
				description:
					'Whether to settle the invoice as paid even if the payment covers only part of the amount due',
			},
			{
				displayName: 'Off Session',
				name: 'offSession',
				type: 'boolean',
				default: true,
				description: "Whether the customer is absent while you charge them (Stripe's default for invoices)",
			},
			{
				displayName: 'Paid Out of Band',
				name: 'paidOutOfBand',
				type: 'boolean',
				default: false,
				description:
					'Whether to mark the invoice paid because the money arrived outside Stripe (cash, bank transfer); no charge is made',
			},
			paymentFailuresOption,
			paymentMethodOption,
			maxAmountOption,
			allowAiSettlementOption,
		],
		{ reference: true },
	),
];

interface PayPlan extends Plan {
	invoiceId: string;
	body: InvoicePayBody;
	returnFailures: boolean;
	cap: number | undefined;
	/** Set by the lookup: a capped draft is finalized on its own first, so the cap sees its final amount. */
	finalizeFirst: boolean;
	simplify: boolean;
}

export const operation = defineOperation<PayPlan>({
	description,
	prepare(row) {
		const invoiceId = row.locator(INVOICE);
		const options = row.options();
		const body: InvoicePayBody = {
			payment_method: row.optionalId(
				options.paymentMethod,
				'Payment Method ID',
				STRIPE_OBJECTS.paymentMethod,
			),
			off_session: row.optionalBoolean(options.offSession, 'Off Session'),
			paid_out_of_band: row.optionalBoolean(options.paidOutOfBand, 'Paid Out of Band'),
			forgive: row.optionalBoolean(options.forgive, 'Forgive'),
			expand: row.expand(options),
		};
		if (body.paid_out_of_band && body.payment_method) {
			row.fail(
				'Paid Out of Band',
				'cannot be combined with a Payment Method ID: nothing is charged when paid out of band',
			);
		}
		guardAiSettlement(row, [
			['options.paidOutOfBand', 'Paid Out of Band'],
			['options.forgive', 'Forgive'],
		]);
		const failures = row.optionalChoice(options.paymentFailures, paymentFailuresOption) ?? 'error';
		return {
			scope: row.callScope(options),
			// Paying with another card on a re-run is a new attempt (an invoice is paid only once).
			identity: { invoiceId, paymentMethod: body.payment_method ?? 'default' },
			invoiceId,
			body,
			returnFailures: failures === 'returnRow',
			cap: readCap(row),
			finalizeFirst: false,
			simplify: row.simplify(),
		};
	},
	/**
	 * With a cap, the invoice's amount due is read before the batch writes anything. A draft's
	 * amount due already counts the customer's balance (Stripe documents it so); the figure is
	 * checked again once the draft is finalized, before the charge.
	 */
	async lookup(stripe, plan, context) {
		if (plan.cap === undefined) return plan;
		const invoice = await stripe.get<StripeInvoice>(endpoints.invoice(plan.invoiceId));
		enforceCap(context, plan.cap, invoice.amount_due, "the invoice's amount due");
		return { ...plan, finalizeFirst: invoice.status === 'draft' };
	},
	async send(stripe, plan, context) {
		const { node } = context;
		if (plan.finalizeFirst) await finalizeWithinCap(stripe, plan, context);
		try {
			const { invoice, alreadyPaid } = await payInvoice(
				stripe,
				plan.invoiceId,
				plan.body,
				{},
				{
					tolerateAlreadyPaid: stripe.hasReference,
					node,
				},
			);
			return { ...shapeInvoice(plan.simplify, invoice), ...(alreadyPaid ? { alreadyPaid } : {}) };
		} catch (error) {
			const failure = paymentFailureOf(error);
			if (!failure || !plan.returnFailures) throw asNodeError(node, error);
			// The 402 does not carry the invoice; read it for the hosted URL the customer can pay at.
			const path = endpoints.invoice(plan.invoiceId);
			const invoice = await stripe.get<StripeInvoice>(path, { expand: plan.body.expand });
			return {
				...shapeInvoice(plan.simplify, invoice),
				invoiceStatus: invoice.status,
				hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
				...paymentFailureFields(failure.kind, failure.details),
			};
		}
	},
});

/**
 * A capped draft is finalized on its own first (automatic collection off, so Stripe never charges
 * it by itself), so the cap sees the amount the charge will be for.
 */
async function finalizeWithinCap(stripe: StripeClient, plan: PayPlan, context: SendContext): Promise<void> {
	const body: InvoiceFinalizeBody = { auto_advance: false };
	const invoice = await stripe.post<StripeInvoice>(endpoints.invoiceAction(plan.invoiceId, 'finalize'), body);
	checkFinalizedInvoice(context, plan.cap, invoice);
}
