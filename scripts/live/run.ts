/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console */
/**
 * `npm run test:live`: the conformance tests that need only the SDK, and the example workflows'
 * Stripe nodes, against https://api.stripe.com with the test-mode key in STRIPE_TEST_SECRET_KEY.
 * Prints what matched the emulator's behaviour and what differed. Without a key it skips (exit
 * 0); a live-mode key is refused (exit 2). Not part of `npm test` or CI: it needs the network.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { redactSecrets } from '../../nodes/shared/transport/redact';
import { liveGate } from './gate';

const ROOT = join(__dirname, '../..');

/**
 * Conformance files that reach the emulator only through the SDK: the others read its request log,
 * ledger or knobs, which Stripe does not have.
 */
function sdkOnlyConformanceFiles(): string[] {
	const folder = join(ROOT, 'test/conformance');
	return readdirSync(folder)
		.filter((file) => file.endsWith('.test.ts'))
		.filter((file) => {
			const uses = readFileSync(join(folder, file), 'utf8').match(/\bemulator\.\w+/g) ?? [];
			return uses.every((use) => use === 'emulator.port' || use === 'emulator.url');
		})
		.map((file) => `test/conformance/${file}`);
}

interface JestReport {
	testResults: Array<{
		name: string;
		assertionResults: Array<{ fullName: string; status: string; failureMessages: string[] }>;
	}>;
}

function printReport(report: JestReport): number {
	let differed = 0;
	for (const file of report.testResults) {
		console.log(`\n${file.name.slice(ROOT.length + 1)}`);
		for (const test of file.assertionResults) {
			const matched = test.status === 'passed';
			if (!matched) differed++;
			console.log(`  ${matched ? 'matched ' : 'DIFFERED'} ${test.fullName}`);
			if (!matched) {
				const first = redactSecrets(test.failureMessages.join('\n')).split('\n').filter(Boolean).slice(0, 6);
				for (const line of first) console.log(`           ${line}`);
			}
		}
	}
	return differed;
}

function main(): number {
	const gate = liveGate(process.env);
	if (gate.action !== 'run') {
		console.log(gate.message);
		return gate.action === 'skip' ? 0 : 2;
	}
	const files = [...sdkOnlyConformanceFiles(), 'test/live/examples.live.ts'];
	const out = mkdtempSync(join(tmpdir(), 'stripe-live-'));
	const reportFile = join(out, 'report.json');
	console.log(
		`Running ${files.length} test files against https://api.stripe.com (test mode), one at a time…`,
	);
	spawnSync(
		process.execPath,
		[
			require.resolve('jest/bin/jest'),
			'--config',
			join(ROOT, 'jest.live.config.js'),
			'--runInBand',
			'--json',
			`--outputFile=${reportFile}`,
			'--runTestsByPath',
			...files,
		],
		{
			cwd: ROOT,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, STRIPE_CONFORMANCE_TARGET: 'stripe' },
		},
	);
	let report: JestReport;
	try {
		report = JSON.parse(readFileSync(reportFile, 'utf8')) as JestReport;
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
	const differed = printReport(report);
	const total = report.testResults.reduce((sum, file) => sum + file.assertionResults.length, 0);
	console.log(`\n${total - differed} matched, ${differed} differed (Stripe vs what the emulator does)`);
	return differed === 0 ? 0 : 1;
}

process.exit(main());
