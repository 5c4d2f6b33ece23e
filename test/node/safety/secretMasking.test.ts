/* eslint-disable @n8n/community-nodes/no-restricted-imports */
// Class 9: the secret key never appears in any error: message, description, context, or the
// continue-on-fail error row. Keys may contain "_" and "-" (sk_test_abc_DEF-ghi123), which a mask
// that stops at the first "_" leaves readable. Masking may keep the last 4 characters, no more.
import { createServer } from 'node:net';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runEngine, type EngineRun } from '../../engine/harness';
import { useStripeWorld } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { invoiceOp } from './helpers';

const world = useStripeWorld();

const KEYS = ['sk_test_abc_DEF-ghi123', 'sk_test_51Hx-Yz_9kLmNoPqRsTuVwX', 'rk_live_ab-cd_ef-gh_ij12'];

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

/** Everything the error exposes (and the continue-on-fail error rows), as one string. */
function errorText(result: EngineRun, outputNode = 'Stripe'): string {
	const error = result.error as (EngineRun['error'] & IDataObject) | undefined;
	return JSON.stringify([
		error?.message,
		error?.description,
		error?.context,
		error?.stack,
		error?.messages,
		error?.errorResponse,
		(result.output(outputNode) ?? []).map((item) => item.json.error ?? null),
	]);
}

/** The whole run (stored execution data included): only for keys that never were node input. */
function everything(result: EngineRun, outputNode = 'Stripe'): string {
	const error = result.error;
	return JSON.stringify([
		result.run,
		error ? { ...error } : null,
		errorText(result, outputNode),
		result.output(outputNode),
	]);
}

/** The key, or its secret part with anything more than the last 4 characters, is visible. */
function expectNoKey(text: string, key: string) {
	const secret = key.replace(/^[sr]k_(test|live)_/, '');
	expect(text).not.toContain(key);
	expect(text).not.toContain(secret.slice(0, -4));
	// Any run of 8+ characters of the secret body, including the parts after "_" or "-".
	for (let start = 0; start + 8 <= secret.length - 4; start++) {
		expect({
			fragment: secret.slice(start, start + 8),
			found: text.includes(secret.slice(start, start + 8)),
		}).toEqual({
			fragment: secret.slice(start, start + 8),
			found: false,
		});
	}
}

describe('keys with "_" and "-" are masked everywhere', () => {
	test.each(KEYS)('%s as the credential: Stripe error, stopped run and continue-on-fail row', async (key) => {
		const rows = [{ customer: 'cus_doesNotExist', amount: 100, currency: 'usd' }];
		const credentials = { secretKey: key, baseUrl: world.emulator().url };
		const steps = (continueOnFail: boolean) => [
			{ name: 'Stripe', parameters: invoiceAndCollect(), continueOnFail },
		];

		const stopped = await runEngine({ rows, steps: steps(false), credentials });
		const continued = await runEngine({ rows, steps: steps(true), credentials });

		if (key.startsWith('sk_test_'))
			expect(stopped.error?.message).toContain("No such customer: 'cus_doesNotExist'");
		expect(stopped.run.status).toBe('error');
		expectNoKey(everything(stopped), key);
		expectNoKey(everything(continued), key);
	});

	test.each(KEYS)(
		'%s inside the Base URL of an unreachable Stripe: message, description, context',
		async (key) => {
			const baseUrl = `http://${key}@127.0.0.1:${await closedPort()}`;

			const stopped = await runEngine({
				rows: [{ customer: 'cus_1', amount: 100, currency: 'usd' }],
				steps: [{ name: 'Stripe', parameters: invoiceAndCollect({ options: { maxAttempts: 1 } }) }],
				credentials: { secretKey: key, baseUrl },
			});
			const continued = await runEngine({
				rows: [{ customer: 'cus_1', amount: 100, currency: 'usd' }],
				steps: [
					{
						name: 'Stripe',
						parameters: invoiceAndCollect({ options: { maxAttempts: 1 } }),
						continueOnFail: true,
					},
				],
				credentials: { secretKey: key, baseUrl },
			});

			expect(stopped.run.status).toBe('error');
			expectNoKey(everything(stopped), key);
			expectNoKey(everything(continued), key);
		},
	);

	test.each(KEYS.map((key) => `${key}!`))('%s rejected by Stripe with a 401', async (key) => {
		const result = await runEngine({
			rows: [{ invoiceId: 'in_Good1' }],
			steps: [{ name: 'Stripe', parameters: invoiceOp('get') }],
			credentials: { secretKey: key, baseUrl: world.emulator().url },
		});

		expect(result.run.status).toBe('error');
		expect(JSON.stringify(result.error?.context ?? {})).toMatch(/401/);
		expectNoKey(everything(result), key);
	});
});

describe('a key pasted into a field is not echoed back in the validation error', () => {
	const cases: Array<[string, (key: string) => INodeParameters, (key: string) => IDataObject]> = [
		['Customer', () => invoiceAndCollect(), (key) => ({ customer: key, amount: 100, currency: 'usd' })],
		[
			'Stripe Account',
			(key) => invoiceOp('get', { options: { stripeAccount: key } }),
			() => ({ invoiceId: 'in_Good1' }),
		],
		[
			'Payment Method ID',
			(key) => invoiceAndCollect({ options: { paymentMethod: key } }),
			() => ({ customer: 'cus_Good1', amount: 100, currency: 'usd' }),
		],
		['Invoice', () => invoiceOp('finalize'), (key) => ({ invoiceId: key })],
	];

	test.each(KEYS.flatMap((key) => cases.map(([field, params, row]) => [field, key, params, row] as const)))(
		'%s given %s',
		async (field, key, params, row) => {
			const account = world.account();
			const stopped = await account.run([row(key)], { name: 'Stripe', parameters: params(key) });
			const continued = await account.run([row(key)], {
				name: 'Stripe',
				parameters: params(key),
				continueOnFail: true,
			});

			expect(stopped.error?.message).toContain(`${field}:`);
			expect(continued.output('Stripe')![0].json.error).toMatchObject({
				type: 'validation_error',
				param: field,
			});
			// The key is in the node's parameters or input row (the user put it there); the error must not repeat it.
			expectNoKey(errorText(stopped), key);
			expectNoKey(errorText(continued), key);
			expect(account.requests()).toEqual([]);
		},
	);
});
