// `npm run test:e2e`: proves the package inside the real n8n app.
//  1. installs Node + n8n into a cache folder (once per version; reused afterwards): 2.41.1 by
//     default, another line or version with `--n8n 1.x` / `--n8n 1.123.81` (or N8N_E2E_VERSION),
//     see install-n8n.mjs (Node 24; 22 for n8n 1.x before 1.99),
//  2. builds this package, packs it (npm pack) and installs the tarball into a fresh n8n user
//     folder as a community package,
//  3. starts the local Stripe emulator and imports a credential pointing at it,
//  4. imports every workflow in examples/, runs each with `n8n execute --rawOutput`, and checks
//     what each node produced (the exit code alone proves nothing); the AI Agent example and the
//     agent scenarios (agent-scenarios.mjs) talk to a scripted OpenAI-compatible model on loopback,
//  5. starts `n8n start` (server.mjs) and runs the server scenarios (server-checks.mjs): a
//     production webhook workflow, the Stripe Invoicing Trigger (events, forgeries, a lost
//     secret) and the examples that start with the trigger, each run on a real event.
// Prints PASS/FAIL(/SKIP) per check and `N passed, M failed`; exits non-zero on any failure.
// `--server-only` skips step 4 (for working on the server scenarios).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import {
	AGENT_EXAMPLE,
	adaptToN8n,
	agentModelScripts,
	checkAgentExample,
	runAgentScenarios,
} from './agent-scenarios.mjs';
import { checks as exampleChecks } from './checks.mjs';
import { startScriptedModel } from './scripted-model.mjs';
import { runServerChecks } from './server-checks.mjs';
import { TRIGGER_TYPE, isTriggerWorkflow } from './trigger-helpers.mjs';
import { ensureN8n, majorOf, n8nVersion } from './install-n8n.mjs';
import {
	CREDENTIAL,
	NODE_TYPE,
	ROOT,
	buildPackage,
	freePort,
	makeUserFolder,
	n8n,
	n8nEnv,
	onCleanup,
	parseRunJson,
	runCleanups,
	seconds,
	startStripeEmulator,
	writeCredentialFile,
} from './lib.mjs';

const EXAMPLES_DIR = path.join(ROOT, 'examples');
const RUN_TIMEOUT_MS = 180_000;
const SERVER_ONLY = process.argv.includes('--server-only');
const checks = { ...exampleChecks, [AGENT_EXAMPLE]: checkAgentExample };
const TOOL_TYPE = `${NODE_TYPE}Tool`; // our node as an AI Agent's tool (usableAsTool)
const STRIPE_HOST = 'https://api.stripe.com';

function tail(text, lines = 25) {
	return text.trim().split('\n').slice(-lines).join('\n');
}

/**
 * Checks a workflow file before import: our node type, the credential, notes, and a manual
 * trigger unless it starts with ours.
 */
function lintExample(workflow) {
	const problems = [];
	const nodes = workflow.nodes ?? [];
	const startsWithOurs = isTriggerWorkflow(workflow);
	if (!workflow.id) problems.push('has no "id" (n8n execute --id needs one)');
	if (!startsWithOurs && !nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger'))
		problems.push('has no manual trigger');
	if (!nodes.some((n) => n.type === 'n8n-nodes-base.stickyNote')) problems.push('has no sticky note');
	const ours = nodes.filter((n) => [NODE_TYPE, TOOL_TYPE, TRIGGER_TYPE].includes(n.type));
	// An HTTP Request node with our credential (Predefined Credential Type) counts as ours too.
	const withCredential = nodes.filter((n) => n.credentials?.stripeInvoicingApi);
	if (ours.length === 0 && withCredential.length === 0)
		problems.push(`uses neither a ${NODE_TYPE} node nor the stripeInvoicingApi credential`);
	for (const node of [...new Set([...ours, ...withCredential])]) {
		if (node.credentials?.stripeInvoicingApi?.id !== CREDENTIAL.id)
			problems.push(`node "${node.name}" does not use credential ${CREDENTIAL.id}`);
	}
	return problems;
}

/**
 * The example as imported for the run: HTTP Request nodes that call Stripe with our credential
 * name Stripe's host in their URL (as a user writes it); the run points them at the emulator.
 * Written as a one-workflow list, which every n8n's import:workflow takes (1.82 takes no other),
 * with the AI nodes at versions this n8n has (adaptToN8n).
 * Returns the file to import.
 */
function forEmulator(file, workflow, emulatorUrl, dir, install) {
	const copy = adaptToN8n(workflow, install);
	for (const node of copy.nodes) {
		const url = node.parameters?.url;
		if (node.type === 'n8n-nodes-base.httpRequest' && typeof url === 'string' && url.includes(STRIPE_HOST))
			node.parameters.url = url.replaceAll(STRIPE_HOST, emulatorUrl);
	}
	const target = path.join(dir, `import-${file}`);
	writeFileSync(target, JSON.stringify([copy]));
	return target;
}

/** Whether any node parameter is an expression that reads another node's items (`$('Order')…`). */
function readsOtherNodes(workflow) {
	const visit = (value) =>
		typeof value === 'string'
			? value.startsWith('=') && value.includes("$('")
			: value !== null && typeof value === 'object' && Object.values(value).some(visit);
	return workflow.nodes.some((node) => visit(node.parameters));
}

/** Whether this n8n 1.x evaluates expressions in its "vm" engine by default (1.123.81 does). */
function vmEngineByDefault(install) {
	try {
		const config = readFileSync(
			path.join(install.dir, 'node_modules', '@n8n', 'config', 'dist', 'configs', 'expression-engine.config.js'),
			'utf8',
		);
		return /this\.engine = 'vm'/.test(config);
	} catch {
		return false; // no such engine in this release
	}
}

/**
 * Environment for one example's `n8n execute`, for n8n's own defect on a version (reported, never
 * silent): n8n 1.123.81's default "vm" expression engine fails every `{{ $('Order').item… }}` with
 * "[object Array] could not be cloned" (in any node; 2.41.1's vm engine and 1.x's legacy engine
 * evaluate it), so on such a 1.x release those examples run with N8N_EXPRESSION_ENGINE=legacy.
 */
function exampleEnv(install, file, workflow) {
	if (majorOf(install.version) >= 2 || !readsOtherNodes(workflow) || !vmEngineByDefault(install)) return {};
	console.log(`   NOTE ${file}: N8N_EXPRESSION_ENGINE=legacy (n8n ${install.version}'s vm engine cannot read $('…'))`);
	return { N8N_EXPRESSION_ENGINE: 'legacy' };
}

async function main() {
	const started = Date.now();
	const timings = [];
	const time = (label, ms) => {
		timings.push([label, ms]);
		console.log(`   ${label}: ${seconds(ms)}`);
	};

	const version = n8nVersion();
	console.log(`== 1. Node and n8n ${version} (installed once into the cache folder, then reused)`);
	let t = Date.now();
	const install = ensureN8n({ version });
	time(install.installed ? 'install (cold)' : 'install (cached)', Date.now() - t);

	console.log('== 2. build and pack the package, install the tarball into a fresh n8n user folder');
	time('npm run build', await buildPackage());
	const userFolder = await makeUserFolder();
	console.log(`   user folder: ${userFolder}`);
	console.log(`   node type:   ${NODE_TYPE}`);

	console.log('== 3. Stripe emulator and credential');
	const emulator = await startStripeEmulator();
	const secretKey = `sk_test_e2e_${Date.now().toString(36)}`;
	console.log(`   emulator: ${emulator.url} (seeded demo customers)`);
	const model = await startScriptedModel({ scripts: agentModelScripts() });
	onCleanup(() => model.close());
	console.log(`   scripted OpenAI-compatible model: ${model.url}`);
	const env = n8nEnv({ userFolder, brokerPort: await freePort(), nodeBin: install.nodeBin });
	const credFile = writeCredentialFile(userFolder, { secretKey, baseUrl: emulator.url, modelUrl: model.url });
	let result = await n8n(install, env, ['import:credentials', `--input=${credFile}`]);
	time('import:credentials', result.ms);
	if (result.code !== 0)
		throw new Error(`import:credentials failed:\n${tail(result.stdout + result.stderr)}`);

	const files = readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort();
	if (files.length === 0) throw new Error('no workflows in examples/');
	// Examples that start with the trigger cannot run under `n8n execute`: step 5 runs them.
	const triggerExamples = [];

	const outcomes = [];
	// status: pass | fail | skip. A skipped check is reported, never counted as passed.
	const report = (label, status, detail = '') => {
		outcomes.push({ label, status });
		const text = detail
			? `${status === 'pass' ? ` (${detail})` : `\n      ${detail.split('\n').join('\n      ')}`}`
			: '';
		console.log(`${status.toUpperCase().padEnd(4)}  ${label}${text}`);
	};

	console.log(`== 4. import and run the example workflows${SERVER_ONLY ? ' (skipped: --server-only)' : ''}`);
	for (const file of files) {
		const label = `examples/${file}`;
		const fail = (reason) => report(label, 'fail', reason);
		let workflow;
		try {
			workflow = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
		} catch (error) {
			fail(`not valid JSON: ${error.message}`);
			continue;
		}
		if (isTriggerWorkflow(workflow)) {
			const problems = lintExample(workflow);
			if (problems.length) {
				fail(problems.join('; '));
				continue;
			}
			triggerExamples.push({ file, workflow });
			if (!SERVER_ONLY) console.log(`      ${label} starts with the trigger: run in step 5`);
			continue;
		}
		if (SERVER_ONLY) continue;
		const problems = lintExample(workflow);
		const check = checks[file];
		if (!check) problems.push('no assertions defined for it in scripts/e2e/checks.mjs');
		if (problems.length) {
			fail(problems.join('; '));
			continue;
		}

		const importFile = forEmulator(file, workflow, emulator.url, userFolder, install);
		result = await n8n(install, env, ['import:workflow', `--input=${importFile}`]);
		time(`import ${file}`, result.ms);
		if (result.code !== 0) {
			fail(`import:workflow exited ${result.code}:\n${tail(result.stdout + result.stderr)}`);
			continue;
		}

		// A check may ask for the workflow to be executed more than once (a re-run must bill nothing).
		const times = check.times ?? 1;
		const runEnv = { ...env, ...exampleEnv(install, file, workflow) };
		const chargesBefore = emulator.charges(secretKey).length;
		const requestsBefore = emulator.requests.length;
		const runs = [];
		for (let attempt = 1; attempt <= times; attempt++) {
			result = await n8n(install, runEnv, ['execute', `--id=${workflow.id}`, '--rawOutput'], {
				timeoutMs: RUN_TIMEOUT_MS,
			});
			time(`run ${file}${times > 1 ? ` #${attempt}` : ''}`, result.ms);
			const run = parseRunJson(result.stdout, result.stderr);
			if (!run) break;
			runs.push({ run, exitCode: result.code, chargesSoFar: emulator.charges(secretKey).length });
		}
		if (runs.length < times) {
			fail(`n8n execute printed no run JSON (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
			continue;
		}
		const run = runs[0].run;
		try {
			await check(times > 1 ? runs : run, {
				exitCode: result.code,
				emulator,
				secretKey,
				model,
				newCharges: () => emulator.charges(secretKey).slice(chargesBefore),
				newRequests: () => emulator.requests.slice(requestsBefore),
			});
			report(label, 'pass', seconds(result.ms));
		} catch (error) {
			fail(
				`${error.message}${process.env.E2E_VERBOSE ? `\n${tail(result.stdout + result.stderr, 80)}` : ''}`,
			);
		}
	}

	console.log(`== 4b. the node as an AI Agent's tool (scripted model)${SERVER_ONLY ? ' (skipped: --server-only)' : ''}`);
	if (!SERVER_ONLY) {
		const example = JSON.parse(readFileSync(path.join(EXAMPLES_DIR, AGENT_EXAMPLE), 'utf8'));
		await runAgentScenarios({ install, env, emulator, secretKey, model, example, report, time });
	}

	console.log('== 5. n8n server (n8n start): production webhook and trigger scenarios');
	await runServerChecks({ install, emulator, report, time, triggerExamples });

	const count = (status) => outcomes.filter((o) => o.status === status).length;
	const [passed, failed, skipped] = [count('pass'), count('fail'), count('skip')];
	console.log('== timings');
	for (const [label, ms] of timings) console.log(`   ${label.padEnd(48)} ${seconds(ms)}`);
	console.log(`   ${'total'.padEnd(48)} ${seconds(Date.now() - started)}`);
	console.log('== summary');
	for (const o of outcomes) console.log(`${o.status.toUpperCase().padEnd(4)}  ${o.label}`);
	if (skipped) console.log(`${skipped} skipped (not counted as passed)`);
	console.log(`n8n ${version}: ${passed} passed, ${failed} failed`);
	return failed === 0 && passed > 0;
}

let ok = false;
try {
	if (!existsSync(path.join(ROOT, 'node_modules'))) throw new Error('run npm ci first');
	ok = await main();
} catch (error) {
	console.error(`\nE2E setup failed: ${error.stack ?? error.message}`);
	console.log('0 passed, 1 failed');
} finally {
	await runCleanups();
}
process.exit(ok ? 0 : 1);
