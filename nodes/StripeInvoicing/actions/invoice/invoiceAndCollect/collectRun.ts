import type { IDataObject } from 'n8n-workflow';

import type { KeyChoice, StripeClient } from '../../../../shared/transport/stripeClient';
import { stripeErrorKind } from '../../../../shared/transport/stripeError';
import { endpoints } from '../../../../shared/transport/endpoints';
import type { StripePath } from '../../../../shared/transport/stripePath';
import type {
	InvoiceAddLinesBody,
	InvoiceCreateBody,
	InvoiceLine,
	InvoicePayBody,
	StripeInvoice,
} from '../../../../shared/transport/types';
import { paymentFailureFields, paymentFailureOf, payInvoice } from '../../common/payment';
import { checkFinalizedInvoice } from '../../common/cap';
import { asNodeError, invalidInput } from '../../common/validation';
import { simplifyInvoice } from '../../../../shared/simplify';
import type { Plan, SendContext } from '../../operation';
import { attachPartialResult } from '../../rowErrors';
import { collectLookup, linesOf, referenceClash, type Foreseen } from './collectLookup';
import type { DiscountInput } from '../../common/discounts';
import { describeDifference, lineDifference } from './lineMatch';
import { lineBody } from './lines';
import { billingEventDifference, hasLines, resumeFields, type BillingEvent } from './resume';

/** The steps of the published "Stripe Invoice and Collect" Arazzo workflow, and their variants. */
export type CollectStep =
	| 'createDraftInvoice'
	| 'addInvoiceItem'
	| 'addInvoiceLines'
	| 'finalizeInvoice'
	| 'payInvoice'
	| 'sendInvoice'
	| 'voidInvoice'
	| 'markUncollectible';

/** Where a row can stop without a write of its own: finding its reference, checking its invoice. */
type CheckStep = 'findByReference' | 'checkInvoice';

export interface CollectPlan extends Plan {
	/** Set when the row has a reference: what the reference must keep naming. */
	event?: BillingEvent;
	customer: string;
	currency: string;
	lines: InvoiceLine[];
	draft: InvoiceCreateBody;
	pay: InvoicePayBody;
	expand?: string[];
	failedPaymentAction: 'leaveOpen' | 'void' | 'markUncollectible';
	returnFailures: boolean;
	simplify: boolean;
	/** Max Amount per Row: what the invoice may ask for, checked on Stripe's figure before any charge. */
	cap?: number;
	/** The invoice's discounts as read (a typed promotion code is looked up in the lookup phase). */
	discounts?: DiscountInput[];
	/** Whether discounts or tax make the total more than the lines' sum. */
	adjusted: boolean;
	/** Preview Only: the lookup phase foresees the invoice with Stripe's preview; nothing is written. */
	previewOnly: boolean;
	/** Set by the lookup phase when the row is capped or a dry run: the invoice as Stripe will make it. */
	foreseen?: Foreseen;
	/** Set by the batch's lookup phase: the invoice already carrying the reference, if any. */
	lookedUp?: { invoice: StripeInvoice | undefined };
	/** Said once per batch, on its first row (e.g. that references were looked up without search). */
	notice?: string;
}

/** One row's way through the steps: what it found, what it did, what Stripe replayed. */
export class CollectRun {
	invoice!: StripeInvoice;

	private found: StripeInvoice | undefined;

	private readonly done: CollectStep[] = [];

	private readonly replayed: CollectStep[] = [];

	private current: CollectStep | CheckStep = 'createDraftInvoice';

	private paidEarlier = false;

	constructor(
		private readonly stripe: StripeClient,
		private readonly plan: CollectPlan,
		private readonly context: SendContext,
	) {}

	/** Runs the steps; a failure says how far the row got, so nobody has to guess whether an invoice exists. */
	async guard(steps: () => Promise<IDataObject>): Promise<IDataObject> {
		try {
			return await steps();
		} catch (error) {
			throw attachPartialResult(asNodeError(this.context.node, error), {
				invoiceId: this.invoice?.id ?? null,
				status: this.invoice?.status ?? null,
				paid: false,
				hostedInvoiceUrl: this.invoice?.hosted_invoice_url ?? null,
				failedStep: this.current,
				stepsCompleted: [...this.done],
				stepsReplayed: [...this.replayed],
				...resumeFields(this.plan.event?.reference, this.found, false),
			});
		}
	}

	private async step<T>(name: CollectStep, path: StripePath, params: object, key: KeyChoice): Promise<T> {
		this.current = name;
		const before = this.stripe.replayedWrites;
		const result = await this.stripe.post<T>(path, params, key);
		(this.stripe.replayedWrites > before ? this.replayed : this.done).push(name);
		return result;
	}

	async findByReference(): Promise<void> {
		const event = this.plan.event;
		if (!event) return;
		this.current = 'findByReference';
		this.found = this.plan.lookedUp ? this.plan.lookedUp.invoice : await this.lookUpAlone();
		if (this.found) this.invoice = this.found;
	}

	/** A plan that skipped the batch's lookup phase is looked up (and checked) on its own. */
	private async lookUpAlone(): Promise<StripeInvoice | undefined> {
		const [outcome] = await collectLookup([{ plan: this.plan, stripe: this.stripe, context: this.context }], {
			concurrency: 1,
			cancelled: () => false,
		});
		if ('error' in outcome) throw outcome.error;
		return outcome.plan.lookedUp?.invoice;
	}

	async createDraftInvoice(): Promise<void> {
		if (this.invoice) return;
		const path = endpoints.invoices;
		this.invoice = await this.createOrClash(path, { step: ['create'] });
		if (!this.replayed.includes('createDraftInvoice') || !this.plan.event) return;
		// Stripe answered from its idempotency store, though the lookup found no invoice: another
		// run made it moments ago, or the draft was deleted since. A deleted draft would make every
		// re-run for 24 h fail with "No such invoice"; make a new one under a key derived from it.
		const { event } = this.plan;
		const difference = billingEventDifference(this.invoice, this.invoice.lines?.data ?? [], event);
		if (difference) throw referenceClash(this.context, event.reference, this.invoice, difference);
		if (await this.exists(this.invoice.id)) return;
		this.replayed.pop();
		this.invoice = await this.createOrClash(path, { step: ['create', 'after', this.invoice.id] });
	}

	/** Stripe refusing the create's key means the reference made another invoice in the last 24 h. */
	private async createOrClash(path: StripePath, key: KeyChoice): Promise<StripeInvoice> {
		try {
			return await this.step<StripeInvoice>('createDraftInvoice', path, this.plan.draft, key);
		} catch (error) {
			if (stripeErrorKind(error) !== 'idempotency' || !this.plan.event)
				throw asNodeError(this.context.node, error);
			throw invalidInput(
				this.context.node,
				this.context.itemIndex,
				'Reference',
				`"${this.plan.event.reference}" already names another billing event: it created an invoice in the last 24 hours with another customer, currency or options. Use a new reference to bill something else.`,
				`Nothing was changed at Stripe for item ${this.context.itemIndex}.`,
			);
		}
	}

	private async exists(invoiceId: string): Promise<boolean> {
		try {
			await this.stripe.get<StripeInvoice>(endpoints.invoice(invoiceId));
			return true;
		} catch (error) {
			if (stripeErrorKind(error) === 'not_found') return false;
			throw asNodeError(this.context.node, error);
		}
	}

	/** One call whatever the number of lines: the Arazzo step for one line, add_lines for many. */
	async addLines(): Promise<void> {
		const { id, status } = this.invoice;
		if (status !== 'draft' || hasLines(this.invoice)) return;
		const { lines, customer, currency } = this.plan;
		if (lines.length === 1) {
			const body = lineBody(customer, id, currency, lines[0]);
			await this.step('addInvoiceItem', endpoints.invoiceItems, body, { step: [id, 'line', '0'] });
		} else {
			const bulk: InvoiceAddLinesBody = { lines };
			await this.step('addInvoiceLines', endpoints.invoiceAction(id, 'add_lines'), bulk, {
				step: [id, 'lines'],
			});
		}
	}

	async finalizeInvoice(): Promise<void> {
		const { id, status } = this.invoice;
		if (status !== 'draft') return;
		// Lines Stripe replayed were added by an earlier run, and may have been deleted since.
		if (this.replayed.some((step) => step === 'addInvoiceItem' || step === 'addInvoiceLines'))
			await this.checkCarriesLines(await this.stripe.get<StripeInvoice>(endpoints.invoice(id)), 'draft');
		const body = { auto_advance: false, expand: this.plan.expand };
		const path = endpoints.invoiceAction(id, 'finalize');
		this.invoice = await this.step<StripeInvoice>('finalizeInvoice', path, body, { step: [id, 'finalize'] });
		await this.checkCarriesLines(this.invoice, 'finalized');
		checkFinalizedInvoice(this.context, this.plan.cap, this.invoice);
	}

	/**
	 * The invoice must bill exactly what the row asks for before it is finalized or collected: a
	 * line deleted by hand from a half-done draft must not turn into an empty invoice reported paid.
	 */
	private async checkCarriesLines(invoice: StripeInvoice, state: 'draft' | 'finalized'): Promise<void> {
		this.current = 'checkInvoice';
		const difference = lineDifference(this.plan.lines, await linesOf(this.stripe, invoice), invoice.currency);
		if (!difference) return;
		const then =
			state === 'draft'
				? 'It was not finalized and nothing was charged. Put the lines back, or delete the draft and bill with a new Reference.'
				: `Nothing was charged; void ${invoice.id} (${invoice.status}) in Stripe and bill again with a new Reference.`;
		throw invalidInput(
			this.context.node,
			this.context.itemIndex,
			'Lines',
			`invoice ${invoice.id} ${describeDifference(difference)} (edited by hand since an earlier run?)`,
			then,
		);
	}

	/** Re-sending an open invoice on a resume only emails it again; it charges nothing. */
	async sendInvoice(): Promise<IDataObject> {
		const id = this.invoice.id;
		const path = endpoints.invoiceAction(id, 'send');
		this.invoice = await this.step<StripeInvoice>(
			'sendInvoice',
			path,
			{ expand: this.plan.expand },
			{ step: [id, 'send'] },
		);
		return this.output();
	}

	/**
	 * Within a run every retry repeats one key. A payment Stripe already tried and declined is
	 * tried afresh on a re-run (the customer may have fixed their card); an invoice can be paid
	 * only once, so this cannot charge twice.
	 */
	async payInvoice(): Promise<IDataObject> {
		const id = this.invoice.id;
		const key: KeyChoice = this.invoice.attempted ? { fresh: true } : { step: [id, 'pay', 'first'] };
		this.current = 'payInvoice';
		const before = this.stripe.replayedWrites;
		try {
			const outcome = await payInvoice(this.stripe, id, this.plan.pay, key, {
				tolerateAlreadyPaid: true,
				node: this.context.node,
			});
			this.invoice = outcome.invoice;
			this.paidEarlier = outcome.alreadyPaid || this.stripe.replayedWrites > before;
			(this.paidEarlier ? this.replayed : this.done).push('payInvoice');
			return this.output();
		} catch (error) {
			return await this.paymentFailed(error);
		}
	}

	private async paymentFailed(error: unknown): Promise<IDataObject> {
		const failure = paymentFailureOf(error);
		if (!failure) throw error;
		const action = this.plan.failedPaymentAction;
		if (failure.kind === 'payment_failed' && action !== 'leaveOpen') {
			const id = this.invoice.id;
			const [name, subPath]: [CollectStep, 'void' | 'mark_uncollectible'] =
				action === 'void' ? ['voidInvoice', 'void'] : ['markUncollectible', 'mark_uncollectible'];
			const path = endpoints.invoiceAction(id, subPath);
			this.invoice = await this.step<StripeInvoice>(
				name,
				path,
				{ expand: this.plan.expand },
				{ step: [id, subPath] },
			);
		}
		this.current = 'payInvoice';
		if (!this.plan.returnFailures) throw error;
		return {
			...this.output(),
			invoiceStatus: this.invoice.status,
			failedStep: 'payInvoice',
			...paymentFailureFields(failure.kind, failure.details),
		};
	}

	output(): IDataObject {
		const { id, ...simplified } = simplifyInvoice(this.invoice);
		return {
			invoiceId: id,
			...simplified,
			lineCount: this.plan.lines.length,
			stepsCompleted: [...this.done],
			...(this.replayed.length > 0 ? { stepsReplayed: [...this.replayed] } : {}),
			...resumeFields(this.plan.event?.reference, this.found, this.paidEarlier),
			...(this.plan.notice ? { notice: this.plan.notice } : {}),
			...(this.plan.simplify ? {} : { invoice: this.invoice }),
		};
	}
}
