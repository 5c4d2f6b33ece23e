import {
	formatMajor,
	formatMoney,
	majorToMinor,
	minorAmountProblem,
} from '../nodes/shared/currency';

describe('major units to Stripe integers', () => {
	test.each([
		[19.99, 'usd', 1999],
		['19.99', 'usd', 1999],
		[0.1 + 0.2, 'usd', 30],
		[19.99 * 3, 'usd', 5997],
		[1234.5, 'eur', 123450],
		[5000, 'jpy', 5000],
		[5.12, 'kwd', 5120],
		['5.120', 'kwd', 5120],
		[5, 'isk', 500],
		[12000, 'ugx', 1200000],
		[10.5, 'huf', 1050],
		[-3.25, 'usd', -325],
		[0, 'usd', 0],
	])('%p %s → %p', (major, currency, minor) => {
		expect(majorToMinor(major, currency)).toEqual({ ok: true, minor });
	});

	test('never rounds: digits beyond the currency are an error, not a silent change', () => {
		expect(majorToMinor(19.999, 'usd')).toEqual({
			ok: false,
			reason: '19.999 USD cannot be charged: USD takes at most 2 decimals',
		});
		expect(majorToMinor(5.5, 'jpy')).toEqual({
			ok: false,
			reason: '5.5 JPY cannot be charged: JPY takes no decimals',
		});
		expect(majorToMinor(5.1234, 'kwd')).toMatchObject({ ok: false });
		expect(majorToMinor(5.5, 'isk')).toMatchObject({ ok: false });
		expect(majorToMinor('12,50', 'eur')).toMatchObject({ ok: false });
	});

	test('binary floating-point noise is not mistaken for extra digits, but a real extra digit is', () => {
		expect(1.1 + 2.2).not.toBe(3.3);
		expect(majorToMinor(1.1 + 2.2, 'usd')).toEqual({ ok: true, minor: 330 });
		expect(majorToMinor(19.99 * 1.2, 'usd')).toMatchObject({ ok: false });
		expect(majorToMinor(1e-7, 'usd')).toMatchObject({ ok: false });
	});
});

describe('minor amounts Stripe would refuse', () => {
	test('three-decimal currencies must end in 0', () => {
		expect(minorAmountProblem(5124, 'kwd')).toBe(
			'KWD amounts in the smallest unit must end in 0 (e.g. 5120 or 5130), got 5124',
		);
		expect(minorAmountProblem(5120, 'kwd')).toBeUndefined();
	});

	test('ISK and UGX are charged in whole units, sent with two decimals', () => {
		expect(minorAmountProblem(550, 'isk')).toContain('multiple of 100');
		expect(minorAmountProblem(500, 'isk')).toBeUndefined();
		expect(minorAmountProblem(1234, 'usd')).toBeUndefined();
	});
});

describe('formatted amounts', () => {
	test.each([
		[1999, 'usd', '19.99'],
		[5, 'usd', '0.05'],
		[-325, 'usd', '-3.25'],
		[5000, 'jpy', '5000'],
		[5120, 'kwd', '5.120'],
		[500, 'isk', '5'],
	])('%p %s → %s', (minor, currency, major) => {
		expect(formatMajor(minor, currency)).toBe(major);
	});

	test('formatMoney names the currency and tolerates missing values', () => {
		expect(formatMoney(1999, 'usd')).toBe('19.99 USD');
		expect(formatMoney(null, 'usd')).toBeNull();
	});
});
