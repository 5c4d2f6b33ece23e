import type { IDataObject } from 'n8n-workflow';

/** What the node keeps about an endpoint it registered. */
export interface StoredEndpoint {
	endpointId: string;
	secret: string;
}

type StoredEndpoints = Record<string, StoredEndpoint>;

/**
 * Kept per webhook URL in the node's static data: a manual "listen for test event" registers a
 * second endpoint at the test URL while the workflow is active, and must not take the place of
 * the production endpoint's secret.
 */
function all(staticData: IDataObject): StoredEndpoints {
	if (typeof staticData.endpoints !== 'object' || staticData.endpoints === null) staticData.endpoints = {};
	return staticData.endpoints as StoredEndpoints;
}

export function storedEndpoint(staticData: IDataObject, url: string): StoredEndpoint | undefined {
	const stored = all(staticData)[url];
	return typeof stored?.endpointId === 'string' && typeof stored.secret === 'string' ? stored : undefined;
}

export function keepEndpoint(staticData: IDataObject, url: string, endpoint: StoredEndpoint): void {
	all(staticData)[url] = { endpointId: endpoint.endpointId, secret: endpoint.secret };
}

export function forgetEndpoint(staticData: IDataObject, url: string): void {
	delete all(staticData)[url];
}

/** Every secret of this node's endpoints: a delivery signed with any of them came from Stripe for this node. */
export function storedSecrets(staticData: IDataObject): string[] {
	return Object.values(all(staticData))
		.map((stored) => stored.secret)
		.filter((secret): secret is string => typeof secret === 'string');
}
