// Defect 8: an ID with a secret key glued to it (`cus_sk_live_…`) is refused before any call, and
// masking finds a key wherever it sits in a text, word boundary or not.
import type { IDataObject } from 'n8n-workflow';

import { redactSecrets } from '../../../nodes/shared/transport/redact';
import { useStripeWorld } from '../../support/stripeWorld';
import { invoiceAndCollect } from '../params';
import { invoiceOp } from '../safety/helpers';

const world = useStripeWorld();

// Assembled, so the repository holds nothing shaped like a real key.
const liveKey = ['sk', 'live', '51Hx9pQ7Zr2WbKcYdEfGhIjKlMn'].join('_');
const webhookSecret = ['whsec', 'Qm9uZ2xpbmcgc2VjcmV0IGhlcmU'].join('_');

describe('an ID holding a secret-shaped string', () => {
	test.each([
		['a live key glued to a customer prefix', `cus_${liveKey}`, 'Customer'],
		['a webhook secret glued to a customer prefix', `cus_${webhookSecret}`, 'Customer'],
	])('%s is refused before any call, and the error row does not carry it', async (_name, id, field) => {
		const account = world.account();
		const before = account.requests().length;

		const result = await account.run([{ customer: id, amount: 1200, currency: 'usd' }], {
			name: 'Collect',
			parameters: invoiceAndCollect(),
			continueOnFail: true,
		});

		const json = result.output('Collect')![0].json;
		expect((json.error as IDataObject).param).toBe(field);
		expect(String((json.error as IDataObject).message)).toContain('shaped like a Stripe secret key');
		expect(JSON.stringify(json)).not.toContain(liveKey.slice(8));
		expect(JSON.stringify(json)).not.toContain(webhookSecret.slice(6));
		expect(account.requests()).toHaveLength(before);
	});

	test('without continue-on-fail the node error carries no secret either', async () => {
		const account = world.account();
		const result = await account.run([{ invoiceId: `in_${liveKey}` }], {
			name: 'Get',
			parameters: invoiceOp('get'),
		});
		expect(result.error?.message).toContain('shaped like a Stripe secret key');
		const everything = JSON.stringify({
			message: result.error?.message,
			description: result.error?.description,
			context: result.error?.context,
		});
		expect(everything).not.toContain(liveKey.slice(8));
	});
});

describe('masking does not depend on a word boundary', () => {
	test.each([[`cus_${liveKey}`], [`x${liveKey}y`], [`in_${webhookSecret}`], [`"customer":"cus_${liveKey}"`]])(
		'%s',
		(text) => {
			const masked = redactSecrets(text);
			expect(masked).not.toContain(liveKey.slice(8, 20));
			expect(masked).not.toContain(webhookSecret.slice(6, 18));
			expect(masked).toContain('****');
		},
	);
});
