// lookUpReferences with a scripted reader: chunking, paging, exact matching and the fallback when
// Stripe refuses search part-way, without an emulator.
import { NodeApiError, type INode } from 'n8n-workflow';

import {
	lookUpReferences,
	NO_SEARCH_NOTICE,
} from '../nodes/StripeInvoicing/actions/invoice/invoiceAndCollect/referenceLookup';
import type { CollectPlan } from '../nodes/StripeInvoicing/actions/invoice/invoiceAndCollect/collectRun';
import type { StripeReader } from '../nodes/StripeInvoicing/actions/operation';
import type { StripeInvoice } from '../nodes/shared/transport/types';

const node = { name: 'Stripe', type: 'stripeInvoicing', typeVersion: 1, parameters: {} } as unknown as INode;

const invoice = (id: string, reference: string, customer = 'cus_1', status = 'paid') =>
	({ id, customer, status, metadata: { n8n_reference: reference } }) as unknown as StripeInvoice;

function plan(reference: string, customer = 'cus_1'): CollectPlan {
	return {
		scope: { reference },
		event: { reference, customer, currency: 'usd', lines: [] },
		customer,
	} as unknown as CollectPlan;
}

/** A reader whose searches and listings answer from scripts, recording what was asked. */
function reader(answer: {
	search?: (query: string, page?: string) => StripeInvoice[][] | 'refuse';
	list?: StripeInvoice[];
}) {
	const asked: string[] = [];
	const stripe = {
		async *pages(path: string, params: { query?: string; customer?: string }) {
			asked.push(params.query ?? `list ${params.customer}`);
			if (path.endsWith('/search')) {
				const pages = answer.search!(params.query!);
				if (pages === 'refuse') {
					const error = new NodeApiError(node, { message: 'no search' }, { httpCode: '400' });
					error.context.stripe = { type: 'invalid_request_error', httpStatus: 400 };
					throw error;
				}
				for (const page of pages) yield page;
			} else {
				yield answer.list ?? [];
			}
		},
	} as unknown as StripeReader;
	return { stripe, asked };
}

const pace = (concurrency: number) => ({ concurrency, cancelled: () => false });

const rowsOf = (stripe: StripeReader, plans: CollectPlan[]) =>
	plans.map((p, itemIndex) => ({ plan: p, stripe, context: { node, itemIndex } }));

describe('lookUpReferences', () => {
	test('ten clauses to a query; results matched to rows exactly, from every page', async () => {
		const refs = Array.from({ length: 12 }, (_, i) => `r${i}`);
		const { stripe, asked } = reader({
			search: (query) =>
				query.includes("'r0'")
					? [
							[invoice('in_upper', 'R0'), invoice('in_void', 'r1', 'cus_1', 'void')],
							[invoice('in_paid', 'r1')],
						]
					: [[]],
		});

		const outcomes = await lookUpReferences(
			rowsOf(
				stripe,
				refs.map((ref) => plan(ref)),
			),
			pace(3),
		);

		expect(asked.map((query) => query.split(' OR ').length)).toEqual([10, 2]);
		const found = outcomes.map((outcome) =>
			'plan' in outcome ? outcome.plan.lookedUp?.invoice?.id : 'error',
		);
		// 'R0' is not 'r0'; of r1's two invoices the paid one says what happened.
		expect(found.slice(0, 3)).toEqual([undefined, 'in_paid', undefined]);
	});

	test('long references get fewer companions, so a query stays short', async () => {
		const long = (n: number) => `${n}`.padEnd(450, 'x');
		const { stripe, asked } = reader({ search: () => [[]] });
		await lookUpReferences(
			rowsOf(
				stripe,
				[1, 2, 3, 4, 5, 6].map((n) => plan(long(n))),
			),
			pace(1),
		);
		expect(asked.every((query) => query.length <= 2000)).toBe(true);
		expect(asked.length).toBeGreaterThan(1);
	});

	test('refused search: one listing per customer for the unsettled rows, a notice on the first row', async () => {
		let searches = 0;
		const { stripe, asked } = reader({
			search: () => (++searches === 1 ? [[invoice('in_a', 'a0')]] : 'refuse'),
			list: [invoice('in_b', 'b10', 'cus_2')],
		});
		const plans = [
			...Array.from({ length: 10 }, (_, i) => plan(`a${i}`)),
			plan('b10', 'cus_2'),
			plan('b11', 'cus_2'),
		];

		const outcomes = await lookUpReferences(rowsOf(stripe, plans), pace(1));

		expect(asked).toEqual([expect.stringContaining("'a0'"), expect.stringContaining("'b10'"), 'list cus_2']);
		const planOf = (index: number) => (outcomes[index] as { plan: CollectPlan }).plan;
		expect(planOf(0).lookedUp?.invoice?.id).toBe('in_a');
		expect(planOf(10).lookedUp?.invoice?.id).toBe('in_b');
		expect(planOf(11).lookedUp).toEqual({ invoice: undefined });
		expect(planOf(0).notice).toBe(NO_SEARCH_NOTICE);
		expect(outcomes.filter((outcome) => 'plan' in outcome && outcome.plan.notice)).toHaveLength(1);
	});

	test('a cancelled run starts no lookup', async () => {
		const { stripe, asked } = reader({ search: () => [[]] });
		await lookUpReferences(rowsOf(stripe, [plan('a'), plan('b')]), { concurrency: 2, cancelled: () => true });
		expect(asked).toEqual([]);
	});

	test('rows without a reference are left as they are', async () => {
		const { stripe, asked } = reader({ search: () => [[]] });
		const bare = { ...plan('x'), event: undefined };
		const rows = rowsOf(stripe, [bare]);
		const [outcome] = await lookUpReferences(rows, pace(1));
		expect(asked).toEqual([]);
		expect(outcome).toEqual({ row: rows[0], plan: bare });
	});
});
