/* eslint-disable @n8n/community-nodes/no-restricted-imports */
import { createServer } from 'node:net';

import { runEngine } from '../engine/harness';
import { useStripeWorld } from '../support/stripeWorld';
import { invoiceAndCollect } from './params';

const world = useStripeWorld();

async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('the secret key never appears in outputs or errors', () => {
	test('not in success rows, Stripe error rows or the stopped run', async () => {
		const account = world.account();
		const rows = [
			{ customer: account.customer(), amount: 100, currency: 'usd' },
			{ customer: 'cus_doesNotExist', amount: 100, currency: 'usd' },
		];

		const continued = await account.run(rows, {
			name: 'Collect',
			parameters: invoiceAndCollect(),
			continueOnFail: true,
		});
		const stopped = await account.run(rows, { name: 'Collect', parameters: invoiceAndCollect() });

		expect(continued.output('Collect')![1].json.error).toMatchObject({
			message: "No such customer: 'cus_doesNotExist'",
		});
		expect(stopped.error?.message).toBe("No such customer: 'cus_doesNotExist' [item 1]");
		const everything = JSON.stringify([continued.run, stopped.run, stopped.error, { ...stopped.error }]);
		expect(everything).not.toContain(account.key);
		expect(everything).not.toContain(account.key.slice(8, 20));
	});

	test('not in a connection failure', async () => {
		const key = 'sk_test_dummyConnectionFailure';
		const baseUrl = `http://127.0.0.1:${await closedPort()}`;

		const result = await runEngine({
			rows: [{ customer: 'cus_1', amount: 100, currency: 'usd' }],
			steps: [{ name: 'Collect', parameters: invoiceAndCollect() }],
			credentials: { secretKey: key, baseUrl },
		});

		expect(result.error?.message).toContain(`Could not reach Stripe at ${baseUrl}`);
		expect(result.error?.context?.stripe).toMatchObject({ type: 'connection_error', httpStatus: null });
		const everything = JSON.stringify([result.run, result.error, { ...result.error }]);
		expect(everything).not.toContain('dummyConnectionFailure');
	});
});
