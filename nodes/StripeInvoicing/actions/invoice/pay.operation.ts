import type { INodeProperties } from 'n8n-workflow';

import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoicePayBody, StripeInvoice } from '../../../shared/transport/types';
import {
	invoiceIdField,
	optionsCollection,
	paymentMethodOption,
	showFor,
	simplifyField,
} from '../common/fields';
import { paymentFailureFields, paymentFailureOf, paymentFailuresOption, payInvoice } from '../common/payment';
import { shapeInvoice } from '../../../shared/simplify';
import { defineOperation } from '../operation';
import {
	allowAiSettlementOption,
	guardAiSettlement,
	agentRefusal,
	maxAmountOption,
	overCapMessage,
	readMaxAmount,
} from '../common/agentLimits';
import { asNodeError } from '../rowErrors';

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

export const operation = defineOperation({
	description,
	prepare(row) {
		const invoiceId = row.locator('invoiceId', 'Invoice', 'in_');
		const options = row.options();
		const body: InvoicePayBody = {
			payment_method: row.optionalId(options.paymentMethod, 'Payment Method ID', 'pm_'),
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
			request: { invoiceId, body },
			invoiceId,
			body,
			returnFailures: failures === 'returnRow',
			maxAmount: readMaxAmount(row, options),
			simplify: row.simplify(),
		};
	},
	/** With a cap, the invoice's amount due is read before the batch writes anything. */
	async lookup(stripe, plan, context) {
		if (plan.maxAmount === undefined) return plan;
		const invoice = await stripe.get<StripeInvoice>(endpoints.invoice(plan.invoiceId));
		if (invoice.amount_due > plan.maxAmount)
			throw agentRefusal(
				context,
				'Max Amount per Row',
				overCapMessage("the invoice's amount due", invoice.amount_due, plan.maxAmount),
			);
		return plan;
	},
	async send(stripe, plan, { node }) {
		// The key names what is paid with: paying with another card on a re-run is a new attempt
		// (an invoice can be paid only once, so it cannot charge twice).
		const step = [`/v1/invoices/${plan.invoiceId}/pay`, plan.body.payment_method ?? 'default'];
		try {
			const { invoice, alreadyPaid } = await payInvoice(
				stripe,
				plan.invoiceId,
				plan.body,
				{ step },
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
