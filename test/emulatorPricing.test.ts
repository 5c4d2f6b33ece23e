// The emulator's invoice arithmetic on plain numbers (test/emulator/pricing/totals.ts, money.ts):
// the rounding and allocation rules the SDK conformance tests rely on, at their edges.
import { addDecimals, allocate, mulDiv } from './emulator/money';
import { computeInvoiceTotals, taxesOn, type LineInput } from './emulator/pricing/totals';

const line = (id: string, amount: number, extra: Partial<LineInput> = {}): LineInput => ({
	id,
	amount,
	product: 'prod_x',
	discountable: amount > 0,
	discounts: [],
	rates: [],
	...extra,
});

describe('money helpers', () => {
	it('rounds half away from zero with decimal factors', () => {
		expect(mulDiv(105, '5', '100')).toBe(5); // 5.25
		expect(mulDiv(150, '5', '100')).toBe(8); // 7.5
		expect(mulDiv(-150, '5', '100')).toBe(-8);
		expect(mulDiv(1200, '20', '120')).toBe(200);
		expect(mulDiv(99_999_999, '7.25', '100')).toBe(7_250_000); // exact beyond 2^53 intermediates
		expect(addDecimals('19', '6.5', '0.25')).toBe('25.75');
	});

	it('allocates whole units that add up, the leftovers to the largest remainders', () => {
		expect(allocate(500, [1000, 2000, 3001])).toEqual([83, 167, 250]);
		expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
		expect(allocate(0, [5, 5])).toEqual([0, 0]);
		expect(allocate(7, [0, 0])).toEqual([0, 0]);
		const big = allocate(99_999_999, [99_999_998, 1, 99_999_997]);
		expect(big.reduce((a, b) => a + b, 0)).toBe(99_999_999);
	});
});

describe('invoice totals', () => {
	const coupon = (
		id: string,
		percentOff: string | null,
		amountOff = 0,
		appliesTo: string[] | null = null,
	) => ({
		id,
		percentOff,
		amountOff,
		appliesTo,
	});
	const vat = { id: 'txr_vat', percentage: '20', inclusive: false, reason: 'standard_rated' as const };

	it('never discounts a line below zero, whatever the coupons add up to', () => {
		const totals = computeInvoiceTotals(
			[line('a', 300, { discounts: [coupon('di_item', null, 200)] }), line('b', 100)],
			[coupon('di_big', null, 10_000), coupon('di_pct', '50')],
		);
		// A line with nothing left is not offered the later discount (di_pct) at all.
		expect(totals.lines.get('a')!.discountAmounts).toEqual([
			{ discount: 'di_item', amount: 200 },
			{ discount: 'di_big', amount: 100 },
		]);
		expect(totals.lines.get('b')!.net).toBe(0);
		expect(totals).toMatchObject({ subtotal: 200, total: 0, totalExcludingTax: 0 });
	});

	it('taxes a credit line negatively and leaves it out of discounts', () => {
		const totals = computeInvoiceTotals(
			[line('a', 1000, { rates: [vat] }), line('credit', -250, { rates: [vat] })],
			[coupon('di_pct', '10')],
		);
		expect(totals.lines.get('credit')!.taxes[0]).toMatchObject({ amount: -50, taxable_amount: -250 });
		expect(totals.totalTaxes).toEqual([expect.objectContaining({ amount: 130, taxable_amount: 650 })]);
		expect(totals.total).toBe(780);
	});

	it('splits several inclusive rates out of one amount together', () => {
		const taxes = taxesOn(1150, [
			{ id: 'a', percentage: '10', inclusive: true, reason: 'standard_rated' },
			{ id: 'b', percentage: '5', inclusive: true, reason: 'standard_rated' },
		]);
		// 1150 / 1.15 = 1000 of base: 100 and 50 of tax.
		expect(taxes.map((t) => [t.amount, t.taxable_amount])).toEqual([
			[100, 1000],
			[50, 1000],
		]);
	});

	it('limits a coupon with applies_to to its products', () => {
		const totals = computeInvoiceTotals(
			[line('a', 1000, { product: 'prod_book' }), line('b', 1000, { product: 'prod_pen' })],
			[coupon('di_books', null, 1500, ['prod_book'])],
		);
		expect(totals.lines.get('a')!.discountAmounts).toEqual([{ discount: 'di_books', amount: 1000 }]);
		expect(totals.lines.get('b')!.discountAmounts).toEqual([]);
		expect(totals.total).toBe(1000);
	});
});
