// n8n loads the package through the "n8n" block of package.json; this entry point lets code that
// imports the package by name (tests, other tooling) reach the node and credential classes.
export { StripeInvoicing } from './nodes/StripeInvoicing/StripeInvoicing.node';
export { StripeInvoicingTrigger } from './nodes/StripeInvoicingTrigger/StripeInvoicingTrigger.node';
export { StripeInvoicingApi } from './credentials/StripeInvoicingApi.credentials';
export { StripeInvoicingSigningSecretApi } from './credentials/StripeInvoicingSigningSecretApi.credentials';
