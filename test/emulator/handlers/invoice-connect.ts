// Connect parameters of invoices: on_behalf_of, application_fee_amount, transfer_data. Since API
// 2025-03-31 the last two are request parameters only; the invoice's payment (PaymentIntent) shows
// them (render-billing.ts). InvoiceCreateParams.application_fee_amount: "The request must be made
// with an OAuth key or the Stripe-Account header in order to take an application fee."
import { exclusiveParams, invalidParam, invalidRequest, noSuch } from '../api-error';
import { int, obj, str } from '../param-readers';
import { p } from '../param-schema';
import type { InvoiceRec, TransferDataRec } from '../records';
import type { AccountState } from '../store';

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

export const connectFields = {
	application_fee_amount: p.int(0),
	on_behalf_of: p.string(),
	transfer_data: p.object({ amount: p.int(0), destination: p.string() }, ['destination']),
};

/**
 * [I] the PaymentIntent wording ("Can only apply an application_fee_amount when the PaymentIntent is
 * attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment
 * (using `transfer_data[destination]`).", quoted in several public projects), said of the invoice [M].
 */
export const FEE_NEEDS_CONNECT =
	'Can only apply an application_fee_amount when the invoice is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).';

type Connect = Pick<InvoiceRec, 'applicationFeeAmount' | 'transferData' | 'onBehalfOf'>;

/** Any well-formed `acct_` id counts as a connected account of the platform (as for Stripe-Account). */
function connectedAccount(account: AccountState, id: string, param: string): string {
	if (!ACCOUNT_ID.test(id)) throw noSuch('destination', id, param, false); // [M] wording
	const platform = account.platformId ?? account.id;
	if (id === platform) {
		throw invalidParam(param, 'The destination account cannot be the account making the request.'); // [M]
	}
	return id;
}

/** The Connect terms after this request: absent params keep `current`, '' clears. Validates first. */
export function readConnect(
	account: AccountState,
	params: Record<string, unknown>,
	current: Connect,
): Connect {
	const transferParam = obj(params, 'transfer_data');
	let transferData: TransferDataRec | null = current.transferData;
	if (transferParam !== undefined) {
		transferData = transferParam && {
			destination: connectedAccount(
				account,
				str(transferParam, 'destination') ?? '',
				'transfer_data[destination]',
			),
			amount: int(transferParam, 'amount') ?? null,
		};
	}
	const fee =
		params.application_fee_amount === undefined
			? current.applicationFeeAmount
			: (int(params, 'application_fee_amount') ?? null);
	const onBehalfOfParam = str(params, 'on_behalf_of');
	let onBehalfOf = current.onBehalfOf;
	if (onBehalfOfParam !== undefined) {
		if (onBehalfOfParam && !ACCOUNT_ID.test(onBehalfOfParam))
			throw noSuch('account', onBehalfOfParam, 'on_behalf_of', false); // [M]
		onBehalfOf = onBehalfOfParam;
	}
	if (fee !== null && account.platformId === null && !transferData) {
		throw invalidParam('application_fee_amount', FEE_NEEDS_CONNECT);
	}
	if (fee !== null && transferData?.amount != null) {
		// [M] as for PaymentIntents: the platform keeps either a fee or what is not transferred.
		throw exclusiveParams(['application_fee_amount', 'transfer_data[amount]']);
	}
	return { applicationFeeAmount: fee, transferData, onBehalfOf };
}

/** At finalization: neither the fee nor the transfer may exceed what the invoice collects. [M] wordings. */
export function checkConnectAmounts(invoice: InvoiceRec, due: number): void {
	if (due === 0) return; // nothing is collected, so there is no payment to take a fee from
	if (invoice.applicationFeeAmount !== null && invoice.applicationFeeAmount > due) {
		throw invalidRequest(
			`The application_fee_amount (${invoice.applicationFeeAmount}) cannot be greater than the invoice's amount_due (${due}).`,
			{ param: 'application_fee_amount' },
		);
	}
	const transfer = invoice.transferData?.amount;
	if (transfer != null && transfer > due) {
		throw invalidRequest(
			`The transfer_data[amount] (${transfer}) cannot be greater than the invoice's amount_due (${due}).`,
			{ param: 'transfer_data[amount]' },
		);
	}
}
