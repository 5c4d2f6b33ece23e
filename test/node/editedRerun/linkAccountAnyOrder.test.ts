// Defect 9: a dashboard link that names another connected account than the row acts on is refused
// by every operation that takes a link, whatever order its prepare reads its inputs in (Get and
// Delete read the Stripe Account option before the link). Checked over every operation with a
// "By URL" locator.
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { StripeInvoicing } from '../../../nodes/StripeInvoicing/StripeInvoicing.node';
import { useStripeWorld } from '../../support/stripeWorld';

const world = useStripeWorld();

const properties = new StripeInvoicing().description.properties;

/** Every operation (resource/operation) that shows a locator with a "By URL" mode, and that locator. */
const withLinks = properties
	.filter(
		(property) => property.type === 'resourceLocator' && property.modes?.some((mode) => mode.name === 'url'),
	)
	.flatMap((property: INodeProperties) => {
		const show = property.displayOptions?.show ?? {};
		return (show.resource as string[]).flatMap((resource) =>
			(show.operation as string[]).map((operation) => ({
				name: `${resource}.${operation} (${property.name})`,
				resource,
				operation,
				locator: property,
			})),
		);
	});

/** The other locators the operation shows, filled in by ID so the engine finds nothing missing. */
const otherLocators = (resource: string, operation: string, except: string): INodeParameters =>
	Object.fromEntries(
		properties
			.filter(
				(property) =>
					property.type === 'resourceLocator' &&
					property.name !== except &&
					(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
					(property.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
			)
			.map((property) => [property.name, { __rl: true, mode: 'id', value: idFor(property.name) }]),
	);

const segment = (name: string) => (name === 'customer' ? 'customers' : 'invoices');
const idFor = (name: string) => (name === 'customer' ? 'cus_Link1' : 'in_Link1');

describe('a link under connected account acct_1Abc', () => {
	test('covers Get and Delete as well as the writes', () => {
		const names = withLinks.map(({ resource, operation }) => `${resource}.${operation}`);
		expect(names).toEqual(
			expect.arrayContaining(['invoice.get', 'invoice.delete', 'invoice.pay', 'invoiceItem.create']),
		);
	});

	test.each(
		withLinks.flatMap((entry) => [
			{ ...entry, stripeAccount: undefined },
			{ ...entry, stripeAccount: 'acct_2Other' },
		]),
	)(
		'$name with Stripe Account $stripeAccount: refused before any call',
		async ({ resource, operation, locator, stripeAccount }) => {
			const account = world.account();
			const before = account.requests().length;
			const url = `https://dashboard.stripe.com/acct_1Abc/test/${segment(locator.name)}/${idFor(locator.name)}`;
			const parameters: INodeParameters = {
				resource,
				operation,
				...otherLocators(resource, operation, locator.name),
				// An update needs something to change.
				updateFields: { description: 'From a link' },
				[locator.name]: { __rl: true, mode: 'url', value: url },
				options: stripeAccount ? { stripeAccount } : {},
			};

			const result = await account.run([{}], { name: 'Node', parameters, continueOnFail: true });

			const error = result.output('Node')?.[0]?.json.error as { message?: string } | undefined;
			const message = error?.message ?? result.error?.message ?? '';
			expect(message).toMatch(
				new RegExp(`^${locator.displayName}: the link is for connected account acct_1Abc`),
			);
			expect(account.requests()).toHaveLength(before);
		},
	);

	test.each(['get', 'delete'])(
		'invoice.%s, fully filled in, names the link as the reason',
		async (operation) => {
			const account = world.account();
			const before = account.requests().length;
			const result = await account.run([{}], {
				name: 'Node',
				parameters: {
					resource: 'invoice',
					operation,
					invoiceId: {
						__rl: true,
						mode: 'url',
						value: 'https://dashboard.stripe.com/acct_1Abc/test/invoices/in_Link1',
					},
					options: { stripeAccount: 'acct_2Other' },
				},
			});
			expect(result.error?.message).toBe(
				"Invoice: the link is for connected account acct_1Abc, but Stripe Account is acct_2Other; set Stripe Account to the link's account or use the ID [item 0]",
			);
			expect(account.requests()).toHaveLength(before);
		},
	);
});
