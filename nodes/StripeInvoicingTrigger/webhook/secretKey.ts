import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_NAME } from '../../shared/transport/stripeRequest';
import type { SecretBinding } from './sealedSecret';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** The credential's Stripe API key: what seals and opens the stored signing secret (never logged). */
export async function apiKeyOf(ctx: TriggerContext): Promise<string> {
	const credentials = await ctx.getCredentials<{ secretKey?: unknown }>(CREDENTIAL_NAME);
	const key = typeof credentials.secretKey === 'string' ? credentials.secretKey.trim() : '';
	if (!key)
		throw new NodeOperationError(ctx.getNode(), 'The Stripe Invoicing API credential has no Secret Key');
	return key;
}

/** A sealed secret belongs to this workflow, this node and one endpoint. */
export function secretBinding(ctx: TriggerContext, endpointId: string): SecretBinding {
	return { workflowId: String(ctx.getWorkflow().id ?? ''), nodeId: ctx.getNode().id, endpointId };
}
