// Stripe-shaped API errors. Handlers throw these; the server turns them into the JSON envelope.

export interface StripeErrorFields {
	type: 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';
	message: string;
	code?: string;
	decline_code?: string;
	param?: string;
	charge?: string;
	payment_intent?: Record<string, unknown>;
	payment_method?: Record<string, unknown>;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly fields: StripeErrorFields,
		/** Parameter validation failures are never stored for idempotent replay (Stripe docs). */
		readonly isValidation = false,
	) {
		super(fields.message);
	}

	toBody(requestId: string, livemode: boolean): { error: Record<string, unknown> } {
		const error: Record<string, unknown> = { ...this.fields };
		if (this.fields.code) {
			error.doc_url = `https://stripe.com/docs/error-codes/${this.fields.code.replace(/_/g, '-')}`;
		}
		error.request_log_url = `https://dashboard.stripe.com/${livemode ? '' : 'test/'}logs/${requestId}?t=${Math.floor(Date.now() / 1000)}`;
		return { error };
	}
}

/**
 * `validation: true` marks a refusal caused by the parameters alone, raised before anything changed:
 * such a result is not stored under an Idempotency-Key (reference §4). State conflicts (an invoice
 * already paid, …) leave it false: the endpoint ran, and its answer is stored like any other.
 */
export function invalidRequest(
	message: string,
	extra: { param?: string; code?: string; status?: number; validation?: boolean } = {},
): ApiError {
	const { status = 400, validation = false, ...rest } = extra;
	return new ApiError(status, { type: 'invalid_request_error', message, ...rest }, validation);
}

export function missingParam(param: string): ApiError {
	return new ApiError(
		400,
		{
			type: 'invalid_request_error',
			code: 'parameter_missing',
			param,
			message: `Missing required param: ${param}.`,
		},
		true,
	);
}

export function unknownParam(param: string): ApiError {
	return new ApiError(
		400,
		{
			type: 'invalid_request_error',
			code: 'parameter_unknown',
			param,
			message: `Received unknown parameter: ${param}`,
		},
		true,
	);
}

export function invalidParam(param: string, message: string, code?: string): ApiError {
	return new ApiError(
		400,
		{ type: 'invalid_request_error', param, message, ...(code ? { code } : {}) },
		true,
	);
}

export function exclusiveParams(names: string[]): ApiError {
	return new ApiError(
		400,
		{
			type: 'invalid_request_error',
			code: 'parameters_exclusive',
			param: names[names.length - 1],
			message: `You may only specify one of these parameters: ${names.join(', ')}.`,
		},
		true,
	);
}

/** Object referenced in the body (400, a parameter problem) or in the URL (404), per reference §3. */
export function noSuch(label: string, id: string, param: string, inUrl: boolean, suffix = ''): ApiError {
	return invalidRequest(`No such ${label}: '${id}'${suffix}`, {
		param,
		code: 'resource_missing',
		status: inUrl ? 404 : 400,
		validation: !inUrl,
	});
}
