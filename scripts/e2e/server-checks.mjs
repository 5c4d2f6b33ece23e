// Step 5 of `npm run test:e2e`: one `n8n start` stack shared by the server scenarios, each
// reported as PASS, FAIL or SKIP (a skipped check is never counted as passed). The server is
// stopped by pid at the end, also when a scenario or the start-up fails.
import { seconds } from './lib.mjs';
import { startServerStack, webhookScenario } from './server-scenarios.mjs';
import { triggerExampleScenario } from './trigger-examples.mjs';
import { triggerDashboardScenario } from './trigger-dashboard.mjs';
import { lostSecretScenario } from './trigger-lost-secret.mjs';
import { triggerMovedUrlScenario } from './trigger-moved-url.mjs';
import { triggerRepublishScenario } from './trigger-republish.mjs';
import { triggerScenario, triggerScenarioSkipReason } from './trigger-scenario.mjs';
import { triggerSecretsScenario } from './trigger-secrets.mjs';

/**
 * Runs the server scenarios; `report(label, status, detail)` and `time(label, ms)` come from
 * run.mjs, `triggerExamples` ([{ file, workflow }]) are the examples that start with the trigger.
 */
export async function runServerChecks({ install, emulator, report, time, triggerExamples = [] }) {
	let stack;
	try {
		stack = await startServerStack({ install, emulator });
		for (const [label, ms] of stack.timings) time(label, ms);
	} catch (error) {
		report('server: n8n start + owner + API key', 'fail', error.message);
		return;
	}
	const scenarios = [
		['server: webhook -> Invoice & Collect', webhookScenario],
		['server: Stripe Invoicing Trigger', triggerScenario, triggerScenarioSkipReason()],
		[
			'server: trigger re-activated after its secret is lost',
			lostSecretScenario,
			triggerScenarioSkipReason(),
		],
		[
			'server: trigger secret readable nowhere, planted secret refused, static data untouched by deliveries',
			triggerSecretsScenario,
			triggerScenarioSkipReason(),
		],
		[
			'server: trigger re-published in place, failed fetch, unpublished while Stripe is unreachable',
			triggerRepublishScenario,
			triggerScenarioSkipReason(),
		],
		[
			'server: trigger with a Dashboard endpoint and its signing-secret credential',
			triggerDashboardScenario,
			triggerScenarioSkipReason(),
		],
		...triggerExamples.map(({ file, workflow }) => [
			`examples/${file} (run on a real event in n8n start)`,
			triggerExampleScenario(file, workflow),
			triggerScenarioSkipReason(),
		]),
		// Restarts the server with another WEBHOOK_URL: last.
		[
			'server: trigger endpoint moved in place after a restart with a new WEBHOOK_URL',
			triggerMovedUrlScenario,
			triggerScenarioSkipReason(),
		],
	];
	try {
		for (const [label, scenario, skipReason] of scenarios) {
			if (skipReason) {
				report(label, 'skip', skipReason);
				continue;
			}
			const started = Date.now();
			try {
				await scenario(stack);
				time(label, Date.now() - started);
				report(label, 'pass', seconds(Date.now() - started));
			} catch (error) {
				const tail = process.env.E2E_VERBOSE ? `\n--- n8n log tail ---\n${stack.server.logTail()}` : '';
				report(label, 'fail', `${error.message}${tail}`);
			}
		}
	} finally {
		const started = Date.now();
		await stack.server.stop();
		time('n8n server stop', Date.now() - started);
	}
}
