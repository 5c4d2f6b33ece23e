import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { readStripeDetails, type StripeErrorDetails } from '../../transport/stripeError';

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
	const details = readStripeDetails(error);
	if (!details || (details.httpStatus !== 402 && details.type !== 'card_error')) return undefined;
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
