// The per-process memory of opened signing secrets: a delivery reads the credential (a V8 isolate
// in n8n 2.41) only for an entry this process has not opened within a minute, and that memory
// never makes a planted or copied entry trusted.
import type { IWebhookFunctions } from 'n8n-workflow';

import {
	OPENED_SECRET_TTL_MS,
	openedSecrets,
} from '../../nodes/StripeInvoicingTrigger/webhook/openedSecrets';
import { sealSecret } from '../../nodes/StripeInvoicingTrigger/webhook/sealedSecret';

const apiKey = ['sk', 'test', 'openedSecrets1'].join('_');

function context(workflowId: string, nodeId: string, key = apiKey) {
	let reads = 0;
	const ctx = {
		getWorkflow: () => ({ id: workflowId }),
		getNode: () => ({ id: nodeId, name: 'Trigger' }),
		getCredentials: async () => {
			reads++;
			return { secretKey: key };
		},
	} as unknown as IWebhookFunctions;
	return { ctx, reads: () => reads };
}

const entry = (workflowId: string, nodeId: string, endpointId: string, secret: string, key = apiKey) => ({
	endpointId,
	url: 'https://n8n.example/webhook/x',
	sealedSecret: sealSecret(secret, key, { workflowId, nodeId, endpointId }),
});

describe('opened signing secrets', () => {
	test('the second delivery within a minute reads no credential; after a minute it reads again', async () => {
		const { ctx, reads } = context('wf-1', 'node-1');
		const stored = [entry('wf-1', 'node-1', 'we_1', 'whsec_one')];
		const now = 1_000_000;

		expect(await openedSecrets(ctx, stored, now)).toEqual(['whsec_one']);
		expect(await openedSecrets(ctx, stored, now + 1_000)).toEqual(['whsec_one']);
		expect(reads()).toBe(1);
		expect(await openedSecrets(ctx, stored, now + OPENED_SECRET_TTL_MS + 1)).toEqual(['whsec_one']);
		expect(reads()).toBe(2);
	});

	test('a planted entry next to an opened one is not trusted from the memory', async () => {
		const { ctx } = context('wf-2', 'node-2');
		const genuine = entry('wf-2', 'node-2', 'we_2', 'whsec_genuine');
		const planted = entry('wf-2', 'node-2', 'we_2', 'whsec_planted', ['sk', 'test', 'attacker'].join('_'));
		await openedSecrets(ctx, [genuine], 2_000_000);

		expect(await openedSecrets(ctx, [genuine, planted], 2_000_100)).toEqual(['whsec_genuine']);
	});

	test("an entry copied from another workflow's node does not open, memory or not", async () => {
		const source = entry('wf-3', 'node-3', 'we_3', 'whsec_other');
		await openedSecrets(context('wf-3', 'node-3').ctx, [source], 3_000_000);

		const { ctx } = context('wf-4', 'node-4');
		expect(await openedSecrets(ctx, [source], 3_000_100)).toEqual([]);
	});

	test('no key in the credential: said as such', async () => {
		const { ctx } = context('wf-5', 'node-5', '');
		expect(await openedSecrets(ctx, [entry('wf-5', 'node-5', 'we_5', 'whsec_x')], 4_000_000)).toBe('noKey');
	});
});
