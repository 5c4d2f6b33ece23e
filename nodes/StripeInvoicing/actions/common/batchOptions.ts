import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { DEFAULT_MAX_ATTEMPTS, MAX_ATTEMPTS_LIMIT } from '../../../shared/transport/retry';
import { STRIPE_ENDPOINT_LIMIT, STRIPE_RATE_LIMITS } from '../../../shared/transport/session';
import { invalidInput } from './validation';

export const DEFAULT_CONCURRENCY = 10;
const MAX_CONCURRENCY = 50;
const MAX_REQUESTS_PER_SECOND = 10_000;

const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	default: DEFAULT_CONCURRENCY,
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	description:
		'How many rows are worked on at the same time. Output order and pairing stay the same; 1 handles one row after another. Read from the first row.',
};

const maxAttemptsOption: INodeProperties = {
	displayName: 'Max Attempts',
	name: 'maxAttempts',
	type: 'number',
	default: DEFAULT_MAX_ATTEMPTS,
	typeOptions: { minValue: 1, maxValue: MAX_ATTEMPTS_LIMIT, numberPrecision: 0 },
	description:
		'How often a call is tried when Stripe is rate limiting, busy (409), failing (5xx) or unreachable, with growing pauses in between. Each try repeats the same idempotency key, so nothing happens twice. 1 never retries. Read from the first row.',
};

const maxRequestsPerSecondOption: INodeProperties = {
	displayName: 'Max Requests per Second',
	name: 'maxRequestsPerSecond',
	type: 'number',
	default: 0,
	typeOptions: { minValue: 0, maxValue: MAX_REQUESTS_PER_SECOND, numberPrecision: 0 },
	description: `Cap on the calls this node sends per second, so a large batch stays under Stripe's rate limits. 0 uses Stripe's default limits for the key: ${STRIPE_RATE_LIMITS.test}/s in test mode, ${STRIPE_RATE_LIMITS.live}/s in live mode, and ${STRIPE_ENDPOINT_LIMIT}/s for any one endpoint. Another number caps both at that number (for an account whose limits Stripe raised). Either way the node slows down when Stripe answers 429, and speeds up again gradually. Read from the first row.`,
};

export const batchOptions = [concurrencyOption, maxAttemptsOption, maxRequestsPerSecondOption];

export interface BatchSettings {
	concurrency: number;
	maxAttempts: number;
	/** 0 = Stripe's default for the key's mode. */
	maxRequestsPerSecond: number;
}

function wholeNumber(
	ctx: IExecuteFunctions,
	options: IDataObject,
	name: string,
	field: string,
	{ min, max, fallback }: { min: number; max: number; fallback: number },
): number {
	const value = options[name];
	if (value === undefined || value === null || value === '') return fallback;
	const number = typeof value === 'string' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw invalidInput(
			ctx.getNode(),
			0,
			field,
			`must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
		);
	}
	return number;
}

/** Batch-wide settings come from the first row's options: one batch has one pace. */
export function readBatchSettings(ctx: IExecuteFunctions): BatchSettings {
	const options = (ctx.getNodeParameter('options', 0, {}) as IDataObject | undefined) ?? {};
	return {
		concurrency: wholeNumber(ctx, options, 'concurrency', 'Concurrency', {
			min: 1,
			max: MAX_CONCURRENCY,
			fallback: DEFAULT_CONCURRENCY,
		}),
		maxAttempts: wholeNumber(ctx, options, 'maxAttempts', 'Max Attempts', {
			min: 1,
			max: MAX_ATTEMPTS_LIMIT,
			fallback: DEFAULT_MAX_ATTEMPTS,
		}),
		maxRequestsPerSecond: wholeNumber(ctx, options, 'maxRequestsPerSecond', 'Max Requests per Second', {
			min: 0,
			max: MAX_REQUESTS_PER_SECOND,
			fallback: 0,
		}),
	};
}
