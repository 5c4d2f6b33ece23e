// Marking an invoice paid, shared by pay, finalize (nothing due) and bank transfer funding.
import type { InvoiceRec } from '../records';

export function settlePaid(invoice: InvoiceRec, now: number): void {
	invoice.status = 'paid';
	invoice.paidAt = now;
	invoice.autoAdvance = false;
	invoice.nextPaymentAttempt = null;
}
