import type { IHookFunctions } from 'n8n-workflow';

import { endpoints } from '../../shared/transport/endpoints';
import type { StripeClient } from '../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../shared/transport/stripeError';
import { asNodeError } from '../../shared/errors';
import type { StripeWebhookEndpoint } from './endpointOwner';

/** Every webhook endpoint of the account (Stripe allows 16; paged anyway). */
export async function listEndpoints(client: StripeClient): Promise<StripeWebhookEndpoint[]> {
	return await client.collect<StripeWebhookEndpoint>(
		endpoints.webhookEndpoints,
		{},
		{ returnAll: true, limit: 0 },
	);
}

/** Deletes an endpoint; one that is already gone is fine. */
export async function deleteEndpoint(ctx: IHookFunctions, client: StripeClient, id: string): Promise<void> {
	try {
		await client.del(endpoints.webhookEndpoint(id));
	} catch (error) {
		if (stripeErrorKind(error) !== 'not_found') throw asNodeError(ctx.getNode(), error);
	}
}
