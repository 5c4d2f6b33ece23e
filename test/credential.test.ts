import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { StripeInvoicingApi } from '../credentials/StripeInvoicingApi.credentials';
import { STRIPE_API_VERSION } from '../nodes/shared/transport/apiVersion';
import { resolveCredentialExpression } from './engine/harness';
import { useStripeWorld } from './support/stripeWorld';

const world = useStripeWorld();
const credential = new StripeInvoicingApi();

/** Sends the credential's own test request the way n8n's credential tester does. */
async function runCredentialTest(data: ICredentialDataDecryptedObject): Promise<Response> {
	const request = credential.test.request;
	const baseUrl = resolveCredentialExpression(String(request.baseURL), data) as string;
	const authenticated = await credential.authenticate(data, {
		url: String(request.url),
		headers: { ...request.headers },
	});
	const query = new URLSearchParams(request.qs as Record<string, string>).toString();
	return await fetch(`${baseUrl}${request.url}?${query}`, {
		headers: authenticated.headers as Record<string, string>,
	});
}

describe('credential Stripe Invoicing API', () => {
	test('has the public field names and a password field for the key', () => {
		expect(credential.name).toBe('stripeInvoicingApi');
		expect(credential.properties.map((p) => p.name)).toEqual(['secretKey', 'baseUrl']);
		expect(credential.properties[0].typeOptions).toEqual({ password: true });
		expect(credential.properties[1].default).toBe('https://api.stripe.com');
		expect(credential.test.request.headers).toEqual({ 'Stripe-Version': STRIPE_API_VERSION });
	});

	test('authenticates a request with the key as a Bearer token and keeps its other headers', async () => {
		const request = { url: '/v1/invoices', headers: { 'Stripe-Version': STRIPE_API_VERSION } };
		const key = ['sk', 'test', 'bearercheck0001'].join('_');
		const authenticated = await credential.authenticate({ secretKey: key }, request);
		expect(authenticated.headers).toEqual({
			'Stripe-Version': STRIPE_API_VERSION,
			Authorization: `Bearer ${key}`,
		});
		expect(request.headers).toEqual({ 'Stripe-Version': STRIPE_API_VERSION });
	});

	test.each(['sk_test_credentialcheck0001', 'rk_test_restrictedinvoiceread01'])(
		'its test request passes against the emulator with %s (Base URL with a trailing slash)',
		async (secretKey) => {
			const response = await runCredentialTest({ secretKey, baseUrl: `${world.emulator().url}/` });
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ object: 'list', url: '/v1/invoices' });
			const request = world.emulator().requests.at(-1)!;
			expect(request).toMatchObject({ method: 'GET', path: '/v1/invoices', query: { limit: '1' } });
			expect(request.headers.stripeVersion).toBe(STRIPE_API_VERSION);
		},
	);

	test('its test request fails for a key that is not a Stripe key', async () => {
		const response = await runCredentialTest({ secretKey: 'not-a-key', baseUrl: world.emulator().url });
		expect(response.status).toBe(401);
		expect(((await response.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
	});
});
