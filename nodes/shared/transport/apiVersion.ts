/**
 * The Stripe API version every request is pinned to. It must equal the version of the `stripe`
 * devDependency, whose types are the contract for our request and response shapes; a test fails
 * the build when the two drift apart.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

export const DEFAULT_STRIPE_BASE_URL = 'https://api.stripe.com';
