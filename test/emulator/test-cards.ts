// Stripe test PaymentMethod tokens and what happens when an invoice is paid with them (reference §7).

export type CardOutcome =
	| { kind: 'success' }
	| { kind: 'decline'; code: string; declineCode: string; message: string }
	| { kind: 'requires_action' };

export interface TestCard {
	brand: string;
	last4: string;
	outcome: CardOutcome;
}

const ok = (brand: string, last4: string): TestCard => ({ brand, last4, outcome: { kind: 'success' } });
const declined = (last4: string, code: string, declineCode: string, message: string): TestCard => ({
	brand: 'visa',
	last4,
	outcome: { kind: 'decline', code, declineCode, message },
});
const action = (last4: string): TestCard => ({ brand: 'visa', last4, outcome: { kind: 'requires_action' } });

const GENERIC = 'Your card was declined.';

const TOKENS: Record<string, TestCard> = {
	pm_card_visa: ok('visa', '4242'),
	pm_card_visa_debit: ok('visa', '5556'),
	pm_card_mastercard: ok('mastercard', '4444'),
	pm_card_mastercard_debit: ok('mastercard', '8210'),
	pm_card_mastercard_prepaid: ok('mastercard', '5100'),
	pm_card_amex: ok('amex', '8431'),
	pm_card_discover: ok('discover', '1117'),
	pm_card_diners: ok('diners', '0004'),
	pm_card_jcb: ok('jcb', '0505'),
	pm_card_unionpay: ok('unionpay', '0005'),
	pm_card_chargeDeclined: declined('0002', 'card_declined', 'generic_decline', GENERIC),
	pm_card_visa_chargeDeclined: declined('0002', 'card_declined', 'generic_decline', GENERIC),
	pm_card_chargeDeclinedInsufficientFunds: declined(
		'9995',
		'card_declined',
		'insufficient_funds',
		'Your card has insufficient funds.',
	),
	pm_card_visa_chargeDeclinedInsufficientFunds: declined(
		'9995',
		'card_declined',
		'insufficient_funds',
		'Your card has insufficient funds.',
	),
	pm_card_chargeDeclinedLostCard: declined('9987', 'card_declined', 'lost_card', GENERIC),
	pm_card_visa_chargeDeclinedLostCard: declined('9987', 'card_declined', 'lost_card', GENERIC),
	pm_card_chargeDeclinedStolenCard: declined('9979', 'card_declined', 'stolen_card', GENERIC),
	pm_card_visa_chargeDeclinedStolenCard: declined('9979', 'card_declined', 'stolen_card', GENERIC),
	pm_card_chargeDeclinedExpiredCard: declined(
		'0069',
		'expired_card',
		'expired_card',
		'Your card has expired.',
	),
	pm_card_visa_chargeDeclinedExpiredCard: declined(
		'0069',
		'expired_card',
		'expired_card',
		'Your card has expired.',
	),
	pm_card_chargeDeclinedIncorrectCvc: declined(
		'0127',
		'incorrect_cvc',
		'incorrect_cvc',
		"Your card's security code is incorrect.",
	),
	pm_card_visa_chargeDeclinedIncorrectCvc: declined(
		'0127',
		'incorrect_cvc',
		'incorrect_cvc',
		"Your card's security code is incorrect.",
	),
	// [M] wording of the processing-error message.
	pm_card_chargeDeclinedProcessingError: declined(
		'0119',
		'processing_error',
		'processing_error',
		'An error occurred while processing your card. Try again in a little bit.',
	),
	pm_card_visa_chargeDeclinedProcessingError: declined(
		'0119',
		'processing_error',
		'processing_error',
		'An error occurred while processing your card. Try again in a little bit.',
	),
	// [M] decline code for the velocity-limit card.
	pm_card_visa_chargeDeclinedVelocityLimitExceeded: declined(
		'6975',
		'card_declined',
		'card_velocity_exceeded',
		GENERIC,
	),
	pm_card_chargeCustomerFail: declined('0341', 'card_declined', 'generic_decline', GENERIC),
	pm_card_radarBlock: declined('0100', 'card_declined', 'fraudulent', GENERIC),
	pm_card_authenticationRequired: action('3184'),
	// [M] setup flows are not modelled, so on-setup cards always need authentication off-session.
	pm_card_authenticationRequiredOnSetup: action('3155'),
	pm_card_threeDSecure2Required: action('3220'),
	pm_card_threeDSecureRequired: action('3063'),
};

export function lookupTestToken(token: string): TestCard | undefined {
	return Object.prototype.hasOwnProperty.call(TOKENS, token) ? TOKENS[token] : undefined;
}
