// Folder boundaries, checked by `npm run lint` beside n8n's own rules (strict mode wants
// eslint.config.mjs exactly as n8n ships it, so this rule lives in a config of its own).
// Code both nodes use lives in nodes/shared/: the trigger never reaches into the action node's
// folder, nor the action node into the trigger's, and shared code depends on neither.
import tsParser from '@typescript-eslint/parser';

const reachInto = (folder) => ({
	group: [`**/${folder}/**`, `**/${folder}`],
	message: `Import shared code from nodes/shared/, not from nodes/${folder}/.`,
});
const forbid = (...folders) => ({
	'no-restricted-imports': ['error', { patterns: folders.map(reachInto) }],
});

export default [
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	{ files: ['nodes/StripeInvoicingTrigger/**/*.ts', 'credentials/**/*.ts'], rules: forbid('StripeInvoicing') },
	{ files: ['nodes/StripeInvoicing/**/*.ts'], rules: forbid('StripeInvoicingTrigger') },
	{ files: ['nodes/shared/**/*.ts'], rules: forbid('StripeInvoicing', 'StripeInvoicingTrigger') },
];
