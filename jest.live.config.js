/** `npm run test:live` only (scripts/live/run.ts): chosen conformance files and test/live/*.live.ts against Stripe. */
const base = require('./jest.config');

module.exports = {
	...base,
	testMatch: ['**/test/conformance/*.test.ts', '**/test/live/*.live.ts'],
	// Stripe answers in hundreds of milliseconds, not the emulator's few.
	testTimeout: 120000,
};
