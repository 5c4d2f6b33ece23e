// Delivery verification on its own: header shapes, rotation, tolerance and the exact bytes.
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';

import { verifyStripeSignature } from '../../nodes/StripeInvoicingTrigger/webhook/signature';

const SECRET = 'whsec_test_secret_for_unit_tests';
const NOW = 1_800_000_000;
const body = Buffer.from('{\n  "id": "evt_1",\n  "object": "event"\n}', 'utf8');

function sign(payload: Buffer | string, t: number, secret = SECRET): string {
	return createHmac('sha256', secret).update(`${t}.`).update(payload).digest('hex');
}

const verify = (header: string | undefined, raw = body, secrets = [SECRET], tolerance = 300) =>
	verifyStripeSignature(raw, header, secrets, tolerance, NOW);

describe('Stripe-Signature verification', () => {
	test('a correct header passes, and so does one made by the stripe SDK', () => {
		expect(verify(`t=${NOW},v1=${sign(body, NOW)}`)).toEqual({ valid: true, timestamp: NOW });
		const sdkHeader = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
			payload: body.toString(),
			secret: SECRET,
			timestamp: NOW,
		});
		expect(verify(sdkHeader).valid).toBe(true);
	});

	test.each([
		['no header', undefined, 'missing header'],
		['empty header', '', 'missing header'],
		['no timestamp', `v1=${sign(body, NOW)}`, 'malformed header'],
		['timestamp not a number', `t=abc,v1=${sign(body, NOW)}`, 'malformed header'],
		['garbage', 'hello world', 'malformed header'],
		['only a v0 signature', `t=${NOW},v0=${sign(body, NOW)}`, 'no v1 signature'],
		['a wrong v1', `t=${NOW},v1=${'0'.repeat(64)}`, 'no match'],
		['a truncated v1', `t=${NOW},v1=${sign(body, NOW).slice(0, 40)}`, 'no match'],
		['a non-hex v1', `t=${NOW},v1=${'z'.repeat(64)}`, 'no match'],
		['v1 for another timestamp', `t=${NOW},v1=${sign(body, NOW - 1)}`, 'no match'],
		['v1 made with another secret', `t=${NOW},v1=${sign(body, NOW, 'whsec_other')}`, 'no match'],
		['v1 keyed without the whsec_ prefix', `t=${NOW},v1=${sign(body, NOW, SECRET.slice(6))}`, 'no match'],
	])('%s is refused', (_label, header, reason) => {
		expect(verify(header)).toEqual({ valid: false, reason });
	});

	test('during a secret roll any of several v1 values may match, in any order', () => {
		const header = `t=${NOW},v1=${sign(body, NOW, 'whsec_old')},v0=abc,v1=${sign(body, NOW)}`;
		expect(verify(header).valid).toBe(true);
		expect(verify(`t=${NOW},v1=${sign(body, NOW)},v1=${sign(body, NOW, 'whsec_old')}`).valid).toBe(true);
	});

	test('several secrets: a match with any one passes; blank secrets never match', () => {
		const header = `t=${NOW},v1=${sign(body, NOW, 'whsec_second')}`;
		expect(verify(header, body, [SECRET, 'whsec_second']).valid).toBe(true);
		expect(verify(`t=${NOW},v1=${sign(body, NOW, '')}`, body, ['', '  ']).valid).toBe(false);
	});

	test('timestamp tolerance: 300 s old passes, 301 s fails, a custom tolerance applies, on both sides of now', () => {
		expect(verify(`t=${NOW - 300},v1=${sign(body, NOW - 300)}`).valid).toBe(true);
		expect(verify(`t=${NOW - 301},v1=${sign(body, NOW - 301)}`)).toEqual({
			valid: false,
			reason: 'stale timestamp',
		});
		expect(verify(`t=${NOW - 301},v1=${sign(body, NOW - 301)}`, body, [SECRET], 600).valid).toBe(true);
		expect(verify(`t=${NOW - 61},v1=${sign(body, NOW - 61)}`, body, [SECRET], 60).valid).toBe(false);
		expect(verify(`t=${NOW + 120},v1=${sign(body, NOW + 120)}`).valid).toBe(true);
		expect(verify(`t=${NOW + 300},v1=${sign(body, NOW + 300)}`).valid).toBe(true);
		expect(verify(`t=${NOW + 301},v1=${sign(body, NOW + 301)}`)).toEqual({
			valid: false,
			reason: 'timestamp in the future',
		});
		expect(verify(`t=${NOW + 61},v1=${sign(body, NOW + 61)}`, body, [SECRET], 60).valid).toBe(false);
	});

	test('a stale timestamp with a wrong signature reports the signature, not the age', () => {
		expect(verify(`t=${NOW - 9999},v1=${'a'.repeat(64)}`)).toEqual({ valid: false, reason: 'no match' });
	});

	test('the signature covers the exact bytes: unicode, whitespace and key order all matter', () => {
		const raw = Buffer.from(
			'{\n  "id": "evt_ü",\t"description": "Café ☕ 𝄞 — «x»" ,\r\n  "amount": 1.50 }\n',
			'utf8',
		);
		const header = `t=${NOW},v1=${sign(raw, NOW)}`;
		expect(verify(header, raw).valid).toBe(true);
		const reserialized = Buffer.from(
			JSON.stringify({ id: 'evt_ü', description: 'Café ☕ 𝄞 — «x»', amount: 1.5 }),
		);
		expect(verify(header, reserialized).valid).toBe(false);
		expect(verify(header, Buffer.from(raw.toString('utf8').trimEnd())).valid).toBe(false);
		// The same text in another Unicode normalisation is other bytes.
		const nfd = Buffer.from(raw.toString('utf8').normalize('NFD'), 'utf8');
		expect(nfd.equals(raw)).toBe(false);
		expect(verify(header, nfd).valid).toBe(false);
		// Latin-1 decoding and re-encoding changes the multi-byte characters.
		expect(verify(header, Buffer.from(raw.toString('latin1'), 'utf8')).valid).toBe(false);
	});

	test('bytes that are not valid UTF-8 are verified as bytes, not as a decoded string', () => {
		const raw = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
		expect(verify(`t=${NOW},v1=${sign(raw, NOW)}`, raw).valid).toBe(true);
		const lossy = Buffer.from(raw.toString('utf8'), 'utf8');
		expect(verify(`t=${NOW},v1=${sign(raw, NOW)}`, lossy).valid).toBe(false);
	});
});
