// Every endpoint the emulator serves.
import { catalogRoutes } from './handlers/catalog';
import { customerRoutes } from './handlers/customers';
import { invoiceItemRoutes } from './handlers/invoice-items';
import { invoiceLifecycleRoutes } from './handlers/invoice-lifecycle';
import { invoiceRoutes } from './handlers/invoices';
import { searchRoutes } from './handlers/search';
import { webhookEndpointRoutes } from './handlers/webhook-endpoints';
import type { RouteDef } from './routing';

// First match wins: the search routes precede `/v1/invoices/:id` and `/v1/customers/:id`.
export const ROUTES: RouteDef[] = [
	...searchRoutes,
	...customerRoutes,
	...catalogRoutes,
	...invoiceRoutes,
	...invoiceLifecycleRoutes,
	...invoiceItemRoutes,
	...webhookEndpointRoutes,
];
