// Local, stateful Stripe API emulator (invoicing subset) for tests and demos.
export type {
	EmulatorOptions,
	EmulatorStats,
	FaultAction,
	FaultHandle,
	FaultRule,
	Ledger,
	LedgerInvoice,
	LedgerOptions,
	RecordedRequest,
	RunningEmulator,
} from './types';
export { startEmulator, DEFAULT_API_VERSION } from './server';
export { DEMO_COUPON, DEMO_CUSTOMERS, DEMO_PRICE_ID } from './demo-seed';
export { parseFaultSpec } from './faults';
export type { DeliveryRecord, DeliverySettings, ReleaseOrder } from './webhooks/dispatcher';
export type { StripeEvent } from './webhooks/state';
