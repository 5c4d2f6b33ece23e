// Every endpoint the emulator serves.
import { catalogRoutes } from './handlers/catalog';
import { customerRoutes } from './handlers/customers';
import { invoiceItemRoutes } from './handlers/invoice-items';
import { invoiceLifecycleRoutes } from './handlers/invoice-lifecycle';
import { invoiceRoutes } from './handlers/invoices';
import type { RouteDef } from './routing';

export const ROUTES: RouteDef[] = [
	...customerRoutes,
	...catalogRoutes,
	...invoiceRoutes,
	...invoiceLifecycleRoutes,
	...invoiceItemRoutes,
];
