import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * Every invoice, invoice payment and invoice item event of the pinned API version (the SDK's
 * Events.d.ts), described for a person choosing what to react to. Values are Stripe's names.
 */
export const EVENT_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Invoice Created',
		value: 'invoice.created',
		description: 'A new invoice exists, usually as a draft',
	},
	{ name: 'Invoice Deleted', value: 'invoice.deleted', description: 'A draft invoice was deleted' },
	{
		name: 'Invoice Finalization Failed',
		value: 'invoice.finalization_failed',
		description: 'Stripe could not finalize a draft, for example because of a tax calculation problem',
	},
	{
		name: 'Invoice Finalized',
		value: 'invoice.finalized',
		description: 'A draft became an open invoice with a number, ready to be paid',
	},
	{
		name: 'Invoice Marked Uncollectible',
		value: 'invoice.marked_uncollectible',
		description: 'The invoice was written off as unlikely to be paid',
	},
	{
		name: 'Invoice Overdue',
		value: 'invoice.overdue',
		description: 'An invoice sent for payment passed its due date',
	},
	{ name: 'Invoice Overpaid', value: 'invoice.overpaid', description: 'The customer paid more than was due' },
	{
		name: 'Invoice Paid',
		value: 'invoice.paid',
		description: 'Paid in full: by card, by another method, out of band, or because nothing was due',
	},
	{
		name: 'Invoice Payment Action Required',
		value: 'invoice.payment_action_required',
		description: 'The bank wants the customer to confirm the payment (3D Secure) on the hosted invoice page',
	},
	{
		name: 'Invoice Payment Attempt Required',
		value: 'invoice.payment_attempt_required',
		description: 'The invoice needs a new payment attempt, for example with another payment method',
	},
	{
		name: 'Invoice Payment Failed',
		value: 'invoice.payment_failed',
		description: 'The card was declined or the charge failed',
	},
	{
		name: 'Invoice Payment Succeeded',
		value: 'invoice.payment_succeeded',
		description: 'A charge for the invoice went through',
	},
	{ name: 'Invoice Sent', value: 'invoice.sent', description: 'The invoice was e-mailed to the customer' },
	{
		name: 'Invoice Upcoming',
		value: 'invoice.upcoming',
		description: 'A subscription invoice will be created soon (days before renewal)',
	},
	{
		name: 'Invoice Updated',
		value: 'invoice.updated',
		description: 'Something about the invoice changed; the output lists the previous values',
	},
	{
		name: 'Invoice Voided',
		value: 'invoice.voided',
		description: 'The invoice was cancelled and can no longer be paid',
	},
	{
		name: 'Invoice Will Be Due',
		value: 'invoice.will_be_due',
		description: 'An invoice sent for payment will be due soon',
	},
	{
		name: 'Invoice Payment Paid',
		value: 'invoice_payment.paid',
		description: 'A payment was recorded against an invoice',
	},
	{
		name: 'Invoice Item Created',
		value: 'invoiceitem.created',
		description: 'A line to bill was added, to a draft invoice or pending for the next one',
	},
	{
		name: 'Invoice Item Deleted',
		value: 'invoiceitem.deleted',
		description: 'A pending or draft line was removed',
	},
];

export const EVENT_TYPES = EVENT_OPTIONS.map((option) => String(option.value));
