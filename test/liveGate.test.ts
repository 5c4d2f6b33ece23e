/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { liveGate } from '../scripts/live/gate';

// Fake live-mode keys, assembled so no scanner takes them for a leaked secret.
const fakeKey = (prefix: 'sk' | 'rk', body: string) => [prefix, 'live', body].join('_');
const LIVE_KEY = fakeKey('sk', 'FakeLiveKeyForTheRefusalTest000000');
const RESTRICTED_LIVE_KEY = fakeKey('rk', 'FakeRestrictedLiveKey0000');

/** `npm run test:live` as a user runs it, with only the given key in the environment. */
function testLive(key: string | undefined) {
	const env = { ...process.env };
	delete env.STRIPE_TEST_SECRET_KEY;
	if (key !== undefined) env.STRIPE_TEST_SECRET_KEY = key;
	return spawnSync(
		process.execPath,
		[require.resolve('ts-node/dist/bin'), '--transpile-only', 'scripts/live/run.ts'],
		{
			cwd: join(__dirname, '..'),
			env,
			encoding: 'utf8',
		},
	);
}

describe('npm run test:live gate', () => {
	test('without a key it skips, says why, and succeeds', () => {
		expect(liveGate({})).toMatchObject({ action: 'skip' });
		expect(liveGate({ STRIPE_TEST_SECRET_KEY: '  ' })).toMatchObject({ action: 'skip' });
		const run = testLive(undefined);
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^test:live skipped: STRIPE_TEST_SECRET_KEY is not set/);
	}, 60_000);

	test.each([LIVE_KEY, RESTRICTED_LIVE_KEY])('refuses the live-mode key %#, never printing it', (key) => {
		const gate = liveGate({ STRIPE_TEST_SECRET_KEY: key });
		expect(gate).toMatchObject({ action: 'refuse' });
		expect(JSON.stringify(gate)).not.toContain(key.slice(8));
	});

	test('the script refuses a live key with a non-zero exit before touching anything', () => {
		const run = testLive(LIVE_KEY);
		expect(run.status).toBe(2);
		expect(run.stdout).toMatch(/^test:live refused: STRIPE_TEST_SECRET_KEY holds a live-mode key/);
		expect(run.stdout + run.stderr).not.toContain('FakeLiveKey');
	}, 60_000);

	test('refuses anything that is not a test-mode key, and runs with one', () => {
		expect(liveGate({ STRIPE_TEST_SECRET_KEY: 'pk_test_123' })).toMatchObject({ action: 'refuse' });
		expect(liveGate({ STRIPE_TEST_SECRET_KEY: 'whsec_123' })).toMatchObject({ action: 'refuse' });
		expect(liveGate({ STRIPE_TEST_SECRET_KEY: ' sk_test_abc ' })).toEqual({
			action: 'run',
			key: 'sk_test_abc',
		});
		expect(liveGate({ STRIPE_TEST_SECRET_KEY: 'rk_test_abc' })).toMatchObject({ action: 'run' });
	});
});
