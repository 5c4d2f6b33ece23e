import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The signing secret of a webhook endpoint you manage in the Stripe Dashboard, for the Stripe
 * Invoicing Trigger's "Managed in the Stripe Dashboard" mode. A credential because n8n encrypts
 * credentials and never shows them to people who can only read the workflow; a node parameter
 * would be readable by them (README "Who can read what"). One per endpoint: each has its own secret.
 * The trigger checks its format (credentialTest `stripeSigningSecretFormat`); Stripe cannot be
 * asked for a secret, so there is no request to test it with.
 */
export class StripeInvoicingSigningSecretApi implements ICredentialType {
	name = 'stripeInvoicingSigningSecretApi';

	displayName = 'Stripe Invoicing Webhook Signing Secret API';

	icon: Icon = { light: 'file:../icons/stripeInvoicing.svg', dark: 'file:../icons/stripeInvoicing.dark.svg' };

	documentationUrl = 'https://docs.stripe.com/webhooks#verify-events';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'whsec_…',
			description:
				"The endpoint's signing secret, from the Stripe Dashboard (Developers → Webhooks → your endpoint → Signing secret)",
		},
	];
}
