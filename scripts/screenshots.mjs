// `npm run screenshots`: screenshots of the node inside the real n8n editor, into docs/.
//  - installs/reuses Node 24 + n8n in .cache/e2e (as `npm run test:e2e` does),
//  - builds the package and installs it into a temporary n8n user folder (community package),
//  - starts the Stripe emulator, imports a credential pointing at it and the example workflow,
//  - starts `n8n start` on loopback, creates the owner account through the REST API,
//  - drives Debian's Chromium with playwright-core: signs in, opens the workflow, runs it, and
//    saves docs/screenshot-canvas.png and docs/screenshot-invoice-and-collect.png, then does the
//    same for the step-by-step example: docs/screenshot-step-by-step.png, and opens the Stripe
//    Invoicing Trigger of examples/trigger-provision-on-paid.json: docs/screenshot-trigger.png,
//    and runs examples/agent-billing-assistant.json (the AI Agent, its model answered by the
//    e2e suite's scripted OpenAI-compatible server) for docs/screenshot-agent.png and the panel
//    of its Bill customer tool, docs/screenshot-agent-tool.png.
// `npm run screenshots -- --trigger-only` makes only the trigger's, `-- --agent-only` only the agent's.
// Needs Chromium: apt-get install -y chromium  (or set CHROMIUM_PATH). Not run in CI.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { agentModelScripts } from './e2e/agent-scenarios.mjs';
import { ensureN8n } from './e2e/install-n8n.mjs';
import {
	ROOT,
	buildPackage,
	freePort,
	makeUserFolder,
	n8n,
	n8nEnv,
	onCleanup,
	runCleanups,
	seconds,
	spawnTracked,
	startStripeEmulator,
	writeCredentialFile,
} from './e2e/lib.mjs';
import { startScriptedModel } from './e2e/scripted-model.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EXAMPLES = path.join(ROOT, 'examples');
const WORKFLOW_ID = 'StripeInvExample1'; // examples/invoice-and-collect-rows.json
const STEPS_WORKFLOW_ID = 'StripeInvExample3'; // examples/invoice-item-finalize-pay.json
const TRIGGER_WORKFLOW_ID = 'StripeInvTrigger2'; // examples/trigger-provision-on-paid.json
const NODE_NAME = 'Invoice & Collect';
const TRIGGER_NODE_NAME = 'Stripe Invoicing Trigger';
const AGENT_WORKFLOW_ID = 'StripeInvAgent1'; // examples/agent-billing-assistant.json
const TRIGGER_ONLY = process.argv.includes('--trigger-only');
const AGENT_ONLY = process.argv.includes('--agent-only');
const DOCS = path.join(ROOT, 'docs');
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'Screenshots-2026',
};
const VIEWPORT = { width: 1600, height: 900 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHttp(url, timeoutMs, isReady = (res) => res.ok) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const res = await fetch(url);
			if (await isReady(res)) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`${url} did not come up within ${seconds(timeoutMs)}`);
		await sleep(500);
	}
}

async function main() {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`Chromium not found at ${CHROMIUM}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).`,
		);
	}
	const started = Date.now();
	const install = ensureN8n();
	console.log(`build: ${seconds(await buildPackage())}`);
	const userFolder = await makeUserFolder('n8n-screenshots-');
	const emulator = await startStripeEmulator();
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env = n8nEnv({
		userFolder,
		brokerPort: await freePort(),
		nodeBin: install.nodeBin,
		extra: {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: baseUrl,
			N8N_SECURE_COOKIE: 'false',
			N8N_LOG_LEVEL: 'warn',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ONBOARDING_FLOW_DISABLED: 'true',
			N8N_AI_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_PUBLIC_API_DISABLED: 'true',
		},
	});

	const model = await startScriptedModel({ scripts: agentModelScripts() });
	onCleanup(() => model.close());
	const credFile = writeCredentialFile(userFolder, {
		secretKey: 'sk_test_screenshots',
		baseUrl: emulator.url,
		modelUrl: model.url,
	});
	for (const args of [
		['import:credentials', `--input=${credFile}`],
		['import:workflow', '--separate', `--input=${EXAMPLES}`],
	]) {
		const result = await n8n(install, env, args);
		if (result.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${result.stdout}\n${result.stderr}`);
	}

	console.log(`starting n8n on ${baseUrl}`);
	const server = spawnTracked(install.nodeBin, [install.n8nBin, 'start'], { cwd: userFolder, env });
	let serverLog = '';
	server.stdout.on('data', (d) => (serverLog += d));
	server.stderr.on('data', (d) => (serverLog += d));
	try {
		await waitForHttp(`${baseUrl}/healthz/readiness`, 180_000);
	} catch (error) {
		throw new Error(`${error.message}\n${serverLog.slice(-3000)}`);
	}
	console.log(`n8n is up (${seconds(Date.now() - started)} since start)`);

	// The owner account: the imported workflow and credential already belong to it.
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!setup.ok) throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);

	const { chromium } = await import('playwright-core');
	const profile = mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshots-chromium-'));
	onCleanup(() => rmSync(profile, { recursive: true, force: true }));
	const browser = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic',
		],
	});
	onCleanup(() => browser.close());
	const page = browser.pages()[0] ?? (await browser.newPage());
	page.setDefaultTimeout(30_000);

	// Sign in through the UI (the session cookie is bound to the browser's id).
	await page.goto(`${baseUrl}/signin`);
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(OWNER.email);
	await page.locator('input[type="password"]').first().fill(OWNER.password);
	await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30_000 });

	mkdirSync(DOCS, { recursive: true });
	if (!TRIGGER_ONLY && !AGENT_ONLY) {
		const node = await openAndRun(page, `${baseUrl}/workflow/${WORKFLOW_ID}`, NODE_NAME);
		await save(page, 'screenshot-canvas.png');

		await node.dblclick();
		await page.locator('[data-test-id="ndv"]').first().waitFor();
		await sleep(1500);
		await save(page, 'screenshot-invoice-and-collect.png');
		await page.keyboard.press('Escape');
		await sleep(500);

		await openAndRun(page, `${baseUrl}/workflow/${STEPS_WORKFLOW_ID}`, 'Pay Invoice');
		await save(page, 'screenshot-step-by-step.png');
	}

	if (!AGENT_ONLY) {
		// The trigger is not run (that needs an active workflow): its parameter panel is the point.
		await openParameters(page, `${baseUrl}/workflow/${TRIGGER_WORKFLOW_ID}`, TRIGGER_NODE_NAME);
		// The production URL is the one the node registers in Stripe when the workflow is activated.
		await page.getByText('Webhook URLs', { exact: true }).first().click();
		const production = page.getByText('Production URL', { exact: true });
		if (await production.count()) await production.first().click();
		await sleep(800);
		await save(page, 'screenshot-trigger.png');
	}

	if (!TRIGGER_ONLY) {
		// The agent runs for real: its model calls Bill customer, then Get invoice (the tools' run
		// counts show on the canvas), against the emulator.
		const agent = await openAndRun(page, `${baseUrl}/workflow/${AGENT_WORKFLOW_ID}`, 'Billing Agent');
		// One step smaller than "fit", so the Execute button does not cover the tools' names.
		await page.mouse.click(VIEWPORT.width / 2, 120);
		await page.keyboard.press('-');
		await sleep(800);
		await save(page, 'screenshot-agent.png');
		const tool = page.locator('[data-test-id="canvas-node"]', { hasText: 'Bill customer' }).first();
		await tool.dblclick();
		const ndv = page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor();
		await sleep(1500);
		await dismissPopups(page);
		// Down to the amount the model fills and the cap beside it; the model's arguments stay on the left.
		await ndv.getByText('Max Amount per Row', { exact: true }).first().scrollIntoViewIfNeeded();
		await sleep(800);
		await save(page, 'screenshot-agent-tool.png');
		await page.keyboard.press('Escape');
		if (!agent) throw new Error('the agent node was not found');
	}
	console.log(`total: ${seconds(Date.now() - started)}`);
}

async function save(page, name) {
	const file = path.join(DOCS, name);
	await page.screenshot({ path: file });
	console.log(`saved ${path.relative(ROOT, file)}`);
}

/** Opens a workflow, runs it from the editor and waits until `lastNode` shows its result. */
async function openAndRun(page, url, lastNode) {
	await page.goto(url);
	const node = page.locator('[data-test-id="canvas-node"]', { hasText: lastNode }).first();
	await node.waitFor();
	await sleep(1000);
	await dismissPopups(page);
	// Manual run: the server's own engine and task runner, as when a user clicks the button.
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	await node.locator('[data-test-id="canvas-node-status-success"]').waitFor({ timeout: 90_000 });
	await sleep(1000);
	await dismissPopups(page);
	const fit = page.locator('[data-test-id="zoom-to-fit"]');
	if (await fit.count()) await fit.first().click();
	await sleep(800);
	return node;
}

/** Opens a workflow and the parameter panel (NDV) of one of its nodes. */
async function openParameters(page, url, nodeName) {
	await page.goto(url);
	const node = page.locator('[data-test-id="canvas-node"]', { hasText: nodeName }).first();
	await node.waitFor();
	await sleep(1000);
	await dismissPopups(page);
	await node.dblclick();
	await page.locator('[data-test-id="ndv"]').first().waitFor();
	await sleep(1500);
	await dismissPopups(page);
}

/** Closes toasts and one-off dialogs that would cover the canvas. */
async function dismissPopups(page) {
	for (let i = 0; i < 3; i++) {
		const close = page.locator(
			'.el-notification__closeBtn, .el-dialog__headerbtn, [data-test-id="close-button"]',
		);
		const n = await close.count();
		if (n === 0) break;
		for (let j = 0; j < n; j++)
			await close
				.nth(j)
				.click({ timeout: 2000 })
				.catch(() => {});
		await sleep(300);
	}
}

let ok = false;
try {
	await main();
	ok = true;
} catch (error) {
	console.error(`screenshots failed: ${error.stack ?? error.message}`);
} finally {
	await runCleanups();
}
process.exit(ok ? 0 : 1);
