// The Invoice & Collect workload every section runs: rows, node parameters and the checks on results.
import { randomBytes } from 'node:crypto';
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import type { Ledger } from '../../test/emulator/types';
import type { StripeStep } from '../../test/engine/harness';
import { invoiceAndCollect } from '../../test/node/params';

export const STEP_NAME = 'Invoice & Collect';

/** A fresh test-mode key, so each section (or run) bills a separate, empty emulator account. */
export function benchKey(): string {
	return `sk_test_bench${randomBytes(12).toString('hex')}`;
}

export interface BenchRow extends IDataObject {
	customer: string;
	amount: number;
	currency: string;
	description: string;
	ref: string;
}

/** One row per customer, each with a unique Reference `<prefix>-<i>` and amount 1000 + i cents. */
export function benchRows(customers: string[], prefix: string): BenchRow[] {
	return customers.map((customer, index) => ({
		customer,
		amount: 1000 + index,
		currency: 'usd',
		description: `Bench ${prefix} row ${index}`,
		ref: `${prefix}-${index}`,
	}));
}

export function collectStep(options: INodeParameters = {}): StripeStep {
	return { name: STEP_NAME, parameters: invoiceAndCollect({ reference: '={{ $json.ref }}', options }) };
}

export interface OutputCheck {
	rowsOut: number;
	paid: number;
	/** Output i is paired to input i and carries row i's reference. */
	pairedInOrder: boolean;
}

export function checkOutput(rows: BenchRow[], output: INodeExecutionData[] | undefined): OutputCheck {
	const items = output ?? [];
	const pairedInOrder =
		items.length === rows.length &&
		items.every(
			(item, index) =>
				(item.pairedItem as { item?: number } | undefined)?.item === index &&
				item.json.reference === rows[index].ref,
		);
	return {
		rowsOut: items.length,
		paid: items.filter((item) => item.json.paid === true).length,
		pairedInOrder,
	};
}

export interface LedgerCheck {
	/** References whose single invoice is paid. */
	paidInvoices: number;
	duplicates: number;
	succeededCharges: number;
}

export function checkLedger(ledger: Ledger, rows: BenchRow[]): LedgerCheck {
	const paidInvoices = rows.filter((row) => {
		const invoices = ledger.invoicesByReference[row.ref] ?? [];
		return invoices.length === 1 && invoices[0].status === 'paid' && invoices[0].amountPaid === row.amount;
	}).length;
	return {
		paidInvoices,
		duplicates: ledger.duplicateReferences.length + ledger.invoicesChargedTwice.length,
		succeededCharges: ledger.succeededCharges,
	};
}
