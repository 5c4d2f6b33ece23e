import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** The credential that holds a Dashboard-managed endpoint's signing secret. */
export const SIGNING_SECRET_CREDENTIAL = 'stripeInvoicingSigningSecretApi';

/** What is wrong with a signing secret, or undefined when it has Stripe's shape. */
export function signingSecretProblem(secret: string): string | undefined {
	if (secret === '') return 'the signing secret is empty';
	if (!secret.startsWith('whsec_') || secret.length === 'whsec_'.length)
		return 'a Stripe signing secret starts with whsec_ followed by letters and digits';
	if (/\s/.test(secret)) return 'the signing secret contains spaces or line breaks';
	return undefined;
}

export type DashboardSecret = { secret: string } | { problem: string };

/** The secret from the node's signing-secret credential (surrounding spaces and line breaks dropped). */
export async function dashboardSecret(ctx: IHookFunctions | IWebhookFunctions): Promise<DashboardSecret> {
	let stored: unknown;
	try {
		stored = (await ctx.getCredentials<{ signingSecret?: unknown }>(SIGNING_SECRET_CREDENTIAL)).signingSecret;
	} catch {
		return { problem: 'no Stripe Invoicing Webhook Signing Secret API credential is selected' };
	}
	const secret = typeof stored === 'string' ? stored.trim() : '';
	const problem = signingSecretProblem(secret);
	return problem ? { problem } : { secret };
}

/**
 * Publishing in Dashboard mode: the secret must come from the credential, and the old Signing Secret
 * field (readable by anyone who can read the workflow) must be empty.
 */
export async function checkDashboardSetup(ctx: IHookFunctions): Promise<void> {
	const legacy = ctx.getNodeParameter('signingSecret', '') as unknown;
	if (legacy !== '' && legacy !== undefined && legacy !== null) {
		throw new NodeOperationError(
			ctx.getNode(),
			'Clear the Signing Secret field: it is no longer read, and anyone who can read this workflow can read it',
			{
				description:
					'Roll the endpoint\'s secret in the Stripe Dashboard (it may have been seen), put the new one in a "Stripe Invoicing Webhook Signing Secret API" credential, select it on this node, and empty the field.',
			},
		);
	}
	const result = await dashboardSecret(ctx);
	if ('problem' in result) {
		throw new NodeOperationError(ctx.getNode(), `Cannot publish: ${result.problem}`, {
			description:
				'With "Managed in the Stripe Dashboard", select a Stripe Invoicing Webhook Signing Secret API credential holding the endpoint\'s whsec_… secret.',
		});
	}
}
