import Stripe from 'stripe';

import packageJson from '../package.json';
import { STRIPE_API_VERSION } from '../nodes/shared/transport/apiVersion';
import { encodeForm } from '../nodes/shared/transport/formEncode';
import { redactSecrets } from '../nodes/shared/transport/redact';

describe('form encoding', () => {
	test('uses Stripe bracket notation for nested objects and arrays', () => {
		const body = encodeForm({
			customer: 'cus_1',
			metadata: { order: 'A-1', 'a b': 'x&y=z' },
			tax_rates: ['txr_1', 'txr_2'],
			lines: [{ pricing: { price: 'price_1' }, quantity: 2 }],
		});
		expect(body.split('&').map(decodeURIComponent)).toEqual([
			'customer=cus_1',
			'metadata[order]=A-1',
			'metadata[a b]=x&y=z',
			'tax_rates[0]=txr_1',
			'tax_rates[1]=txr_2',
			'lines[0][pricing][price]=price_1',
			'lines[0][quantity]=2',
		]);
		expect(body).toContain('metadata%5Ba%20b%5D=x%26y%3Dz');
	});

	test('sends booleans as words, leaves out undefined and sends null as an empty value (unset)', () => {
		expect(encodeForm({ a: true, b: false, c: undefined, d: null, e: 0 })).toBe('a=true&b=false&d=&e=0');
	});
});

describe('version pin and package rules', () => {
	test('Stripe-Version is the API version of the stripe devDependency', () => {
		expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
	});

	test('the package has no runtime dependencies and only n8n-workflow as a peer', () => {
		const pkg = packageJson as { dependencies?: object; peerDependencies?: object; files?: string[] };
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist']);
	});
});

describe('secret redaction', () => {
	test('masks secret and restricted keys, keeping the last four characters', () => {
		expect(redactSecrets('bad key sk_test_51Habcdefgh1234 and rk_live_zz9876')).toBe(
			'bad key sk_test_****1234 and rk_live_****9876',
		);
	});
});
