// GET /v1/payment_intents/:id for an invoice's default payment: where the Connect terms
// (application_fee_amount, transfer_data, on_behalf_of) and the bank transfer instructions show.
// [M] Only invoice payments exist; they cannot be created, confirmed or changed here.
import { noSuch } from '../api-error';
import { expandList } from '../param-readers';
import { p } from '../param-schema';
import { objectLoader } from '../render';
import { serializePaymentIntent } from '../render-billing';
import type { RouteDef } from '../routing';

export const paymentIntentRoutes: RouteDef[] = [
	{
		method: 'GET',
		path: '/v1/payment_intents/:id',
		object: 'payment_intent',
		schema: { fields: { client_secret: p.string(), expand: p.expand() } },
		handle({ account, id, params }) {
			const invoice = [...account.invoices.values()].find((i) => i.payment?.paymentIntent === id);
			if (!invoice) throw noSuch('payment_intent', id, 'intent', true);
			return serializePaymentIntent(account, invoice, expandList(params), objectLoader(account));
		},
	},
];
