// Account ledger for tests and benchmarks: which invoices exist per caller reference and how often
// each was charged, so "exactly once" can be asserted after retries and injected faults.
import { amountDue } from './render';
import type { AccountState } from './store';
import type { Ledger, LedgerInvoice } from './types';

export const DEFAULT_REFERENCE_KEY = 'n8n_reference';

// Maps, not plain objects, while counting: a reference like 'constructor' must not hit Object.prototype.
function increment(counts: Map<string, number>, key: string): void {
	counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function buildLedger(account: AccountState, referenceKey = DEFAULT_REFERENCE_KEY): Ledger {
	const byReference = new Map<string, LedgerInvoice[]>();
	for (const invoice of account.invoices.values()) {
		if (!Object.prototype.hasOwnProperty.call(invoice.metadata, referenceKey)) continue;
		const reference = invoice.metadata[referenceKey];
		const group = byReference.get(reference) ?? [];
		byReference.set(reference, group);
		group.push({
			id: invoice.id,
			status: invoice.status,
			customer: invoice.customer,
			currency: invoice.currency,
			amountDue: amountDue(account, invoice),
			amountPaid: invoice.amountPaid,
		});
	}
	const succeeded = new Map<string, number>();
	const failed = new Map<string, number>();
	for (const charge of account.charges) {
		increment(charge.status === 'succeeded' ? succeeded : failed, charge.invoice);
	}
	return {
		invoicesByReference: Object.fromEntries(byReference),
		successfulChargesByInvoice: Object.fromEntries(succeeded),
		failedChargesByInvoice: Object.fromEntries(failed),
		duplicateReferences: [...byReference].filter(([, group]) => group.length > 1).map(([ref]) => ref),
		invoicesChargedTwice: [...succeeded].filter(([, count]) => count > 1).map(([id]) => id),
		invoiceCount: account.invoices.size,
		succeededCharges: [...succeeded.values()].reduce((sum, count) => sum + count, 0),
	};
}
