import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description/properties';
import { checkDashboardSetup, signingSecretProblem } from './webhook/dashboardSecret';
import { activateEndpoint } from './webhook/endpoint';
import { endpointSettings, usesDashboardEndpoint } from './webhook/settings';
import { receiveDelivery } from './webhook/receive';
import { deactivateEndpoint } from './webhook/removal';
import type { EndpointMode } from './webhook/storedEndpoints';
import { assertSupportedN8n, MAIN_CONNECTION } from '../shared/n8nSupport';
import { CREDENTIAL_NAME } from '../shared/transport/stripeRequest';

/** n8n runs a "listen for test event" in manual mode, the published workflow in trigger mode. */
function modeOf(ctx: IHookFunctions): EndpointMode {
	return ctx.getMode() === 'manual' ? 'test' : 'production';
}

export class StripeInvoicingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Invoicing Trigger',
		name: 'stripeInvoicingTrigger',
		icon: {
			light: 'file:../../icons/stripeInvoicing.svg',
			dark: 'file:../../icons/stripeInvoicing.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Stripe invoices are paid, fail, are finalized, voided and more',
		defaults: { name: 'Stripe Invoicing Trigger' },
		inputs: [],
		outputs: [MAIN_CONNECTION],
		credentials: [
			{ name: CREDENTIAL_NAME, required: true },
			{
				// A literal: n8n's lint reads the name from here (SIGNING_SECRET_CREDENTIAL is the same).
				name: 'stripeInvoicingSigningSecretApi',
				required: true,
				testedBy: 'stripeSigningSecretFormat',
				displayOptions: { show: { endpointManagement: ['dashboard'] } },
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				// Empty: n8n then answers an accepted delivery with the body webhook() returns. Left out,
				// n8n 2.41 answers with the literal text "firstEntryJson".
				responseData: '',
			},
		],
		properties: triggerProperties,
	};

	methods = {
		credentialTest: {
			// Stripe never returns an endpoint's secret, so the test can only check its shape.
			async stripeSigningSecretFormat(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const secret = credential.data?.signingSecret;
				const problem = signingSecretProblem(typeof secret === 'string' ? secret.trim() : '');
				return problem
					? { status: 'Error', message: `${problem[0].toUpperCase()}${problem.slice(1)}` }
					: { status: 'OK', message: 'The signing secret has the whsec_… shape' };
			},
		},
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				assertSupportedN8n(this);
				if (usesDashboardEndpoint(this)) {
					await checkDashboardSetup(this);
					return true;
				}
				const mode = modeOf(this);
				return await activateEndpoint(this, mode, endpointSettings(this, mode), { mayCreate: false });
			},
			async create(this: IHookFunctions): Promise<boolean> {
				assertSupportedN8n(this);
				if (usesDashboardEndpoint(this)) {
					await checkDashboardSetup(this);
					return true;
				}
				const mode = modeOf(this);
				return await activateEndpoint(this, mode, endpointSettings(this, mode), { mayCreate: true });
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				if (usesDashboardEndpoint(this)) return true;
				await deactivateEndpoint(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this);
	}
}
