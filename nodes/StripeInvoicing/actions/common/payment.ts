import type { IDataObject, INode, INodeProperties } from 'n8n-workflow';

import type { KeyChoice, StripeClient } from '../../../shared/transport/stripeClient';
import {
	isReplayedError,
	readStripeDetails,
	stripeErrorKind,
	type StripeErrorDetails,
} from '../../../shared/transport/stripeError';
import { endpoints } from '../../../shared/transport/endpoints';
import type { InvoicePayBody, StripeInvoice } from '../../../shared/transport/types';
import { asNodeError } from './validation';

/** Stripe's code when a payment needs the customer to authenticate (3-D Secure / SCA). */
const REQUIRES_ACTION = 'invoice_payment_intent_requires_action';

export const paymentFailuresOption: INodeProperties = {
	displayName: 'Payment Failures',
	name: 'paymentFailures',
	type: 'options',
	default: 'error',
	description: 'What a declined card or a payment that needs the customer to authenticate (SCA) produces',
	options: [
		{
			name: 'Stop With an Error',
			value: 'error',
			description: "Fail the row with Stripe's message, code and decline code (n8n's error handling applies)",
		},
		{
			name: 'Return as Output Row',
			value: 'returnRow',
			description:
				'Output the row with status "requires_action" or "payment_failed", the decline code and the hosted invoice URL, so you can branch on it',
		},
	],
};

export type PaymentFailureKind = 'requires_action' | 'payment_failed';

/** Declines and SCA come back as HTTP 402 card errors; anything else is not a payment outcome. */
export function paymentFailureOf(
	error: unknown,
): { kind: PaymentFailureKind; details: StripeErrorDetails } | undefined {
	if (stripeErrorKind(error) !== 'card') return undefined;
	const details = readStripeDetails(error)!;
	return { kind: details.code === REQUIRES_ACTION ? 'requires_action' : 'payment_failed', details };
}

/** The fields a "returned as row" payment failure adds to its output row. */
export function paymentFailureFields(kind: PaymentFailureKind, details: StripeErrorDetails): IDataObject {
	return {
		status: kind,
		paid: false,
		declineCode: details.declineCode,
		paymentError: {
			message: details.message,
			type: details.type,
			code: details.code,
			declineCode: details.declineCode,
			httpStatus: details.httpStatus,
			requestId: details.requestId,
			chargeId: details.chargeId,
		},
	};
}

export interface PaymentOutcome {
	invoice: StripeInvoice;
	/** Paid before this row asked (by an earlier run or a concurrent one), not by this call. */
	alreadyPaid: boolean;
}

/**
 * Pays an invoice, the one way Pay and Invoice & Collect both do it:
 * - a decline Stripe replays from its idempotency store (the same key within 24 h) is tried
 *   afresh: the customer may have fixed their card, and an invoice can be paid only once, so a
 *   new attempt cannot charge twice;
 * - where asked (a re-run with a reference, Invoice & Collect), Stripe refusing because the
 *   invoice is already paid (another run got there first) is read back and reported as already
 *   paid, not as a failure.
 */
export async function payInvoice(
	stripe: StripeClient,
	invoiceId: string,
	body: InvoicePayBody,
	key: KeyChoice,
	{ tolerateAlreadyPaid, node }: { tolerateAlreadyPaid: boolean; node: INode },
): Promise<PaymentOutcome> {
	const path = endpoints.invoiceAction(invoiceId, 'pay');
	const pay = async (choice: KeyChoice) => await stripe.post<StripeInvoice>(path, body, choice);
	let failure: unknown;
	try {
		return { invoice: await pay(key), alreadyPaid: false };
	} catch (error) {
		failure = error;
	}
	if (stripeErrorKind(failure) === 'card' && isReplayedError(failure)) {
		failure = undefined;
		try {
			return { invoice: await pay({ fresh: true }), alreadyPaid: false };
		} catch (error) {
			failure = error;
		}
	}
	if (tolerateAlreadyPaid && stripeErrorKind(failure) === 'invalid_request') {
		const current = await stripe.get<StripeInvoice>(endpoints.invoice(invoiceId), {
			expand: body.expand,
		});
		if (current.status === 'paid') return { invoice: current, alreadyPaid: true };
	}
	throw asNodeError(node, failure);
}
