import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	assertSupportedN8n,
	MAIN_CONNECTION,
	MIN_N8N_VERSION,
	missingN8nFeatures,
} from '../nodes/shared/n8nSupport';

const node = { name: 'Bill', type: 'n8n-nodes-stripe-invoicing.stripeInvoicing' } as INode;
const current = {
	getNode: () => node,
	helpers: { httpRequestWithAuthentication: async () => ({}) },
	getExecutionCancelSignal: () => new AbortController().signal,
};

describe('n8n versions: the package refuses, clearly, to run on an n8n that lacks what it relies on', () => {
	test('this n8n (the one the tests run on) has every feature', () => {
		expect(MAIN_CONNECTION).toBe('main');
		expect(missingN8nFeatures(current, { cancelSignal: true })).toEqual([]);
		expect(() => assertSupportedN8n(current, { cancelSignal: true })).not.toThrow();
	});

	test('without the credential-aware HTTP helper or the cancel signal, it stops before any call and names the version', () => {
		const old = { getNode: () => node, helpers: {} };
		expect(missingN8nFeatures(old, { cancelSignal: true })).toEqual([
			'helpers.httpRequestWithAuthentication',
			'getExecutionCancelSignal',
		]);
		expect(missingN8nFeatures({ ...current, getExecutionCancelSignal: undefined })).toEqual([]);

		let error: unknown;
		try {
			assertSupportedN8n(old, { cancelSignal: true });
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(
			`This n8n is too old for the Stripe Invoicing nodes: update n8n to ${MIN_N8N_VERSION} or newer. Nothing was sent to Stripe.`,
		);
		expect((error as NodeOperationError).description).toBe(
			`This n8n lacks: helpers.httpRequestWithAuthentication, getExecutionCancelSignal. Update n8n to ${MIN_N8N_VERSION} or newer.`,
		);
	});

	test('on an n8n-workflow without NodeConnectionTypes (before n8n 1.85) both nodes still load, and refuse to run', () => {
		jest.isolateModules(() => {
			jest.doMock('n8n-workflow', () => ({
				...jest.requireActual('n8n-workflow'),
				NodeConnectionTypes: undefined,
			}));
			/* eslint-disable @typescript-eslint/no-require-imports */
			const support = require('../nodes/shared/n8nSupport') as typeof import('../nodes/shared/n8nSupport');
			const { StripeInvoicing } = require('../nodes/StripeInvoicing/StripeInvoicing.node');
			const {
				StripeInvoicingTrigger,
			} = require('../nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node');
			/* eslint-enable @typescript-eslint/no-require-imports */

			expect(new StripeInvoicing().description.outputs).toEqual(['main']);
			expect(new StripeInvoicingTrigger().description.outputs).toEqual(['main']);
			expect(support.missingN8nFeatures(current, { cancelSignal: true })).toEqual(['NodeConnectionTypes']);
			expect(() => support.assertSupportedN8n(current)).toThrow(
				`update n8n to ${MIN_N8N_VERSION} or newer. Nothing was sent to Stripe.`,
			);
		});
		jest.dontMock('n8n-workflow');
	});
});
