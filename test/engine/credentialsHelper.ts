import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INodeProperties,
	IRequestOptionsSimplified,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';

const credentialType = new StripeInvoicingApi();

/**
 * Hands the engine one decrypted credential and applies the credential's own `authenticate`
 * function to each request, as n8n's CredentialsHelper does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	/** `data` is the Stripe Invoicing API credential; `others` the data of other credential types. */
	constructor(
		private readonly data: ICredentialDataDecryptedObject,
		private readonly others: Record<string, ICredentialDataDecryptedObject> = {},
	) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
	): Promise<IHttpRequestOptions> {
		// n8n's CredentialsHelper calls a function-style `authenticate` as it is.
		return await credentialType.authenticate(credentials, requestOptions as IHttpRequestOptions);
	}

	async preAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('The engine tests hand out decrypted credentials only');
	}

	async getDecrypted(
		_additionalData?: unknown,
		_nodeCredentials?: unknown,
		type?: string,
	): Promise<ICredentialDataDecryptedObject> {
		const other = type === undefined ? undefined : this.others[type];
		return { ...(other ?? this.data) };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}
