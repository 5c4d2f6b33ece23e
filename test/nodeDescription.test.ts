/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import codex from '../nodes/StripeInvoicing/StripeInvoicing.node.json';
import { StripeInvoicing } from '../nodes/StripeInvoicing/StripeInvoicing.node';

const description = new StripeInvoicing().description;
const property = (name: string, resource?: string): INodeProperties =>
	description.properties.find(
		(p) => p.name === name && (!resource || p.displayOptions?.show?.resource?.includes(resource)),
	)!;
const values = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.value);

describe('node description (names saved workflows depend on)', () => {
	test('type, display name, tool use and themed icons that exist', () => {
		expect(description).toMatchObject({
			name: 'stripeInvoicing',
			displayName: 'Stripe Invoicing',
			usableAsTool: true,
		});
		expect(description.subtitle).toContain('$parameter["operation"]');
		const icon = description.icon as { light: string; dark: string };
		for (const file of [icon.light, icon.dark]) {
			expect(existsSync(join(__dirname, '../nodes/StripeInvoicing', file.replace('file:', '')))).toBe(true);
		}
		expect(icon.light).not.toBe(icon.dark);
		expect(codex.node).toBe('n8n-nodes-stripe-invoicing.stripeInvoicing');
	});

	test('resources and operations use the public values', () => {
		expect(values(property('resource'))).toEqual(['invoice', 'invoiceItem']);
		expect(values(property('operation', 'invoice')).sort()).toEqual(
			[
				'invoiceAndCollect',
				'finalize',
				'pay',
				'create',
				'get',
				'update',
				'getMany',
				'search',
				'send',
				'void',
				'markUncollectible',
				'delete',
				'preview',
				'getLines',
			].sort(),
		);
		expect(values(property('operation', 'invoiceItem')).sort()).toEqual(
			['create', 'get', 'update', 'delete', 'getMany'].sort(),
		);
		for (const resource of ['invoice', 'invoiceItem']) {
			for (const option of property('operation', resource).options as INodePropertyOptions[]) {
				expect(option.action).toEqual(expect.any(String));
				expect(option.description).toEqual(expect.any(String));
			}
		}
	});

	test('Invoice & Collect takes customer, amount, currency and description', () => {
		const names = description.properties
			.filter((p) => p.displayOptions?.show?.operation?.includes('invoiceAndCollect'))
			.map((p) => p.name);
		expect(names).toEqual(expect.arrayContaining(['customer', 'amount', 'currency', 'description']));
	});

	test('every field other than the resource belongs to exactly one resource', () => {
		for (const p of description.properties.filter((p) => p.name !== 'resource')) {
			expect(p.displayOptions?.show?.resource).toHaveLength(1);
		}
	});
});
