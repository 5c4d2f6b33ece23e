import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { DEFAULT_STRIPE_BASE_URL, STRIPE_API_VERSION } from '../nodes/shared/transport/apiVersion';

export class StripeInvoicingApi implements ICredentialType {
	name = 'stripeInvoicingApi';

	displayName = 'Stripe Invoicing API';

	icon: Icon = { light: 'file:../icons/stripeInvoicing.svg', dark: 'file:../icons/stripeInvoicing.dark.svg' };

	documentationUrl = 'https://docs.stripe.com/keys';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_test_…',
			description:
				'A secret key (sk_test_… / sk_live_…) or a restricted key (rk_…) with write access to Invoices and Invoice Items. Use a test-mode key while building your workflow.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_STRIPE_BASE_URL,
			description:
				"Leave as https://api.stripe.com. Change it only to point at a Stripe-compatible test server, such as this package's local emulator (http://127.0.0.1:12111).",
		},
	];

	// A function rather than a `Bearer {{$credentials.secretKey}}` template: n8n evaluates a
	// template as an expression on every request, which cost ~0.4 ms per Stripe call in a batch.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${String(credentials.secretKey ?? '')}` },
		};
	}

	// Listing one invoice needs only "Invoices: read", so restricted keys pass the test too.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/invoices',
			qs: { limit: 1 },
			headers: { 'Stripe-Version': STRIPE_API_VERSION },
		},
	};
}
