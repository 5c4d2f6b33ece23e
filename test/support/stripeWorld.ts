import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

import { startEmulator, type RecordedRequest, type RunningEmulator } from '../emulator';
import { accountIdForKey } from '../emulator/ids';
import { runEngine, type EngineRun, type StripeStep } from '../engine/harness';
import type { IDataObject } from 'n8n-workflow';

/** A fresh Stripe account on the shared emulator: its own key, so tests never see each other's data. */
export interface TestAccount {
	key: string;
	sdk: Stripe;
	customer(paymentMethod?: string): string;
	/** Requests this account sent, in order. */
	requests(): RecordedRequest[];
	run(rows: IDataObject[], ...steps: StripeStep[]): Promise<EngineRun>;
}

export interface StripeWorld {
	emulator(): RunningEmulator;
	account(): TestAccount;
}

/** Starts one emulator for a test file and stops it afterwards. */
export function useStripeWorld(): StripeWorld {
	let emulator: RunningEmulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(async () => {
		await emulator?.close();
	});
	const running = () => {
		if (!emulator) throw new Error('The emulator starts in beforeAll');
		return emulator;
	};
	return {
		emulator: running,
		account(): TestAccount {
			const key = `sk_test_${randomUUID().replace(/-/g, '')}`;
			const sdk = new Stripe(key, {
				host: '127.0.0.1',
				port: running().port,
				protocol: 'http',
				maxNetworkRetries: 0,
			});
			const account: TestAccount = {
				key,
				sdk,
				customer: (paymentMethod = 'pm_card_visa') => running().createCustomer(key, { paymentMethod }).id,
				requests: () => running().requests.filter((request) => request.account === accountIdForKey(key)),
				run: (rows, ...steps) =>
					runEngine({ rows, steps, credentials: { secretKey: key, baseUrl: running().url } }),
			};
			return account;
		},
	};
}
