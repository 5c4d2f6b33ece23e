import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { RecordedRequest } from '../../emulator';
import type { EngineRun } from '../../engine/harness';
import type { TestAccount } from '../../support/stripeWorld';
import { byId } from '../params';

export { byId };

/** Any value a row (or a node parameter set to an expression result) may hold. */
export type Json = IDataObject[string];

/** Requests the account sent after `since` (an index from `mark(account)`). */
export const mark = (account: TestAccount) => account.requests().length;
export const requestsSince = (account: TestAccount, since: number): RecordedRequest[] =>
	account.requests().slice(since);
export const writesSince = (account: TestAccount, since: number): RecordedRequest[] =>
	requestsSince(account, since).filter((r) => r.method === 'POST' || r.method === 'DELETE');
/** Method and path only, so a failed expectation shows what was sent. */
export const summary = (requests: RecordedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The run stopped with a validation error that names the field (display name) and the row:
 * `Field: ... [item N]`, and context.itemIndex N.
 */
export function expectStoppedAt(result: EngineRun, field: string | RegExp, item: number) {
	expect(result.run.status).toBe('error');
	const message = result.error?.message ?? '';
	if (typeof field === 'string') expect(message).toContain(`${field}:`);
	else expect(message).toMatch(field);
	expect(message).toMatch(new RegExp(`\\[item ${item}\\]$`));
	expect(result.error?.context?.itemIndex).toBe(item);
	return message;
}

/** Under continue-on-fail: the row is a validation error row naming the field and the row. */
export function expectErrorRow(json: IDataObject, field: string | RegExp, item: number) {
	const error = json.error as IDataObject | undefined;
	expect(error).toBeDefined();
	expect(error).toMatchObject({ type: 'validation_error', itemIndex: item });
	if (typeof field === 'string') {
		expect(error!.param).toBe(field);
		expect(String(error!.message)).toContain(`${field}:`);
	} else {
		expect(String(error!.param)).toMatch(field);
		expect(String(error!.message)).toMatch(field);
	}
	return String(error!.message);
}

// Parameter builders for operations params.ts does not cover. Every ID comes from the row.

export const invoiceOp = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation,
	invoiceId: byId('={{ $json.invoiceId }}'),
	...(operation === 'update' ? { updateFields: { description: 'changed' } } : {}),
	...fields,
});

export const invoiceItemOp = (operation: string, fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoiceItem',
	operation,
	invoiceItemId: byId('={{ $json.invoiceItemId }}'),
	...(operation === 'update' ? { updateFields: { description: 'changed' } } : {}),
	...fields,
});

export const createInvoice = (fields: INodeParameters = {}): INodeParameters => ({
	resource: 'invoice',
	operation: 'create',
	customer: byId('={{ $json.customer }}'),
	...fields,
});

/** A draft invoice with one 500-cent line, made with the SDK (setup, before any mark()). */
export async function draftWithLine(account: TestAccount, customer: string, options: IDataObject = {}) {
	const draft = await account.sdk.invoices.create({
		customer,
		currency: 'usd',
		auto_advance: false,
		pending_invoice_items_behavior: 'exclude',
		...options,
	});
	await account.sdk.invoiceItems.create({ customer, invoice: draft.id, amount: 500, currency: 'usd' });
	return draft;
}

/** An open (finalized, unpaid) invoice. */
export async function openInvoice(account: TestAccount, customer: string, options: IDataObject = {}) {
	const draft = await draftWithLine(account, customer, options);
	return account.sdk.invoices.finalizeInvoice(draft.id, { auto_advance: false });
}

/** A pending invoice item on the customer. */
export async function pendingItem(account: TestAccount, customer: string, amount = 300) {
	return account.sdk.invoiceItems.create({ customer, amount, currency: 'usd' });
}
