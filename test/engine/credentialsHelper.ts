import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	IRequestOptionsSimplified,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { StripeInvoicingApi } from '../../credentials/StripeInvoicingApi.credentials';

const credentialType = new StripeInvoicingApi();

/**
 * Hands the engine one decrypted credential and applies the credential's own `authenticate`
 * definition to each request, resolving its expressions the way n8n's CredentialsHelper does.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: ICredentialDataDecryptedObject) {
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
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const headers = credentialType.authenticate.properties.headers ?? {};
		options.headers = { ...options.headers };
		for (const [name, template] of Object.entries(headers)) {
			options.headers[name] =
				workflow && node
					? (workflow.expression.getSimpleParameterValue(
							node,
							String(template),
							'internal',
							{ $credentials: credentials },
							undefined,
							'',
						) as string)
					: template;
		}
		return options;
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

	async getDecrypted(): Promise<ICredentialDataDecryptedObject> {
		return { ...this.data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(): INodeProperties[] {
		return credentialType.properties;
	}
}
