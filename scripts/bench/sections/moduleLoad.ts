/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-dangerous-functions, no-console */
// D: what loading the built node (and its credential) adds to n8n's start-up, each in a fresh
// `node` process where n8n-workflow is already loaded, as it is in n8n.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../childProcess';
import { fixed, info, judged, median, type Figure } from '../report';

const PROCESSES = 7;

// Plain JS run by `node -e`: argv[1] = module path, argv[2] = exported class.
const PROBE = `
require('n8n-workflow');
const started = process.hrtime.bigint();
const Exported = require(process.argv[1])[process.argv[2]];
new Exported();
process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));
`;

function loadMs(modulePath: string, exportName: string): number[] {
	const times: number[] = [];
	for (let run = 0; run < PROCESSES; run++) {
		const child = spawnSync(process.execPath, ['-e', PROBE, modulePath, exportName], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
		});
		if (child.status !== 0) throw new Error(`Loading ${modulePath} failed: ${child.stderr}`);
		times.push(Number(child.stdout));
	}
	return times;
}

export function moduleLoad(): Figure[] {
	console.log(`D: module load in ${PROCESSES} fresh node processes each…`);
	const nodePath = join(REPO_ROOT, 'dist/nodes/StripeInvoicing/StripeInvoicing.node.js');
	const credentialPath = join(REPO_ROOT, 'dist/credentials/StripeInvoicingApi.credentials.js');
	if (!existsSync(nodePath)) throw new Error(`${nodePath} is missing: run npm run build first`);
	const node = loadMs(nodePath, 'StripeInvoicing');
	const credential = loadMs(credentialPath, 'StripeInvoicingApi');
	const list = (values: number[]) => values.map((value) => fixed(value, 1)).join(', ');
	console.log(`  D: node ${list(node)} ms · credential ${list(credential)} ms`);
	const nodeMs = median(node);
	return [
		judged('D', 'node require + new, median', `${fixed(nodeMs, 1)} ms`, '≤ 15 ms', nodeMs <= 15),
		info('D', 'credential require + new, median', `${fixed(median(credential), 1)} ms`),
	];
}
