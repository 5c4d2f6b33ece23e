import { endpoints } from '../../../shared/transport/endpoints';
import type { StripePrice } from '../../../shared/transport/types';
import type { SendContext, StripeReader } from '../operation';
import { CAP_FIELD } from './cap';
import { invalidInput } from './validation';

/**
 * A Price's amount per unit, read from Stripe for a cap to bound. A tiered or custom-unit price
 * has no such amount, so a capped row cannot bill it: refused, naming the price.
 */
export async function unitAmountOf(
	stripe: StripeReader,
	priceId: string,
	context: SendContext,
): Promise<number> {
	const price = await stripe.get<StripePrice>(endpoints.price(priceId));
	if (price.unit_amount === null)
		throw invalidInput(
			context.node,
			context.itemIndex,
			CAP_FIELD,
			`cannot be checked: price ${priceId} has no fixed amount per unit (tiered or custom); bill it without a cap, or as a custom amount`,
		);
	return price.unit_amount;
}
