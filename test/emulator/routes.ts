// Every endpoint the emulator serves.
import { cashBalanceRoutes } from './handlers/cash-balance';
import { catalogRoutes } from './handlers/catalog';
import { couponRoutes } from './handlers/coupons';
import { customerRoutes } from './handlers/customers';
import { invoiceItemRoutes } from './handlers/invoice-items';
import { invoiceLifecycleRoutes } from './handlers/invoice-lifecycle';
import { invoicePreviewRoutes } from './handlers/invoice-preview';
import { invoiceRoutes } from './handlers/invoices';
import { paymentIntentRoutes } from './handlers/payment-intents';
import { promotionCodeRoutes } from './handlers/promotion-codes';
import { searchRoutes } from './handlers/search';
import { taxIdRoutes } from './handlers/tax-ids';
import { taxRateRoutes } from './handlers/tax-rates';
import { webhookEndpointRoutes } from './handlers/webhook-endpoints';
import type { RouteDef } from './routing';

// First match wins: the search routes precede `/v1/invoices/:id` and `/v1/customers/:id`, and
// create_preview precedes `POST /v1/invoices/:id`.
export const ROUTES: RouteDef[] = [
	...searchRoutes,
	...customerRoutes,
	...cashBalanceRoutes,
	...catalogRoutes,
	...taxRateRoutes,
	...taxIdRoutes,
	...couponRoutes,
	...promotionCodeRoutes,
	...invoicePreviewRoutes,
	...invoiceRoutes,
	...paymentIntentRoutes,
	...invoiceLifecycleRoutes,
	...invoiceItemRoutes,
	...webhookEndpointRoutes,
];
