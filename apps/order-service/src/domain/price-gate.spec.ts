import type { PricelistItem } from '@backbone/schemas';
import { money } from './money';
import { checkPrices, governingPrice, governingPricelist, type Pricelist, type PricelistAssignment, type PriceTolerance } from './price-gate';
import { anOrder } from './testing/order-builders';

const item = (sku: string, price: string, minQuantity = '0', dates: Partial<Pick<PricelistItem, 'dateStart' | 'dateEnd'>> = {}): PricelistItem => ({
  productId: 1,
  sku,
  minQuantity: { value: minQuantity, uom: 'Units' },
  price: money(price, 'EUR'),
  dateStart: null,
  dateEnd: null,
  ...dates,
});

const pricelist = (pricelistId: number, items: PricelistItem[], overrides: Partial<Pricelist> = {}): Pricelist => ({ pricelistId, currency: 'EUR', active: true, items, ...overrides });
const exact: PriceTolerance = { kind: 'absolute', amount: '0' };
const onlyDefault: PricelistAssignment = { customerPricelistId: null, channelPricelistId: null, defaultPricelistId: 1 };
const units = (value: string) => ({ value, uom: 'Units' });
const at = new Date('2026-11-23T09:00:00Z');

describe('governingPricelist', () => {
  const lists = [pricelist(1, []), pricelist(2, []), pricelist(3, [], { active: false })];

  it('prefers the customer pricelist, then the channel pricelist, then the default', () => {
    expect(governingPricelist(lists, { customerPricelistId: 2, channelPricelistId: 1, defaultPricelistId: 1 })?.pricelistId).toBe(2);
    expect(governingPricelist(lists, { customerPricelistId: null, channelPricelistId: 2, defaultPricelistId: 1 })?.pricelistId).toBe(2);
    expect(governingPricelist(lists, onlyDefault)?.pricelistId).toBe(1);
  });

  it('skips archived and never-synced pricelists', () => {
    expect(governingPricelist(lists, { customerPricelistId: 3, channelPricelistId: 99, defaultPricelistId: 1 })?.pricelistId).toBe(1);
    expect(governingPricelist(lists, { customerPricelistId: 3, channelPricelistId: null, defaultPricelistId: null })).toBeNull();
  });
});

describe('governingPrice', () => {
  const tiers = pricelist(1, [item('A', '10'), item('A', '9', '10'), item('A', '8', '100'), item('B', '5')]);

  it('takes the highest quantity tier at or below the quantity', () => {
    expect([governingPrice(tiers, 'A', units('9.99'), at), governingPrice(tiers, 'A', units('10'), at), governingPrice(tiers, 'A', units('500'), at)]).toEqual([
      money('10', 'EUR'),
      money('9', 'EUR'),
      money('8', 'EUR'),
    ]);
  });

  it('applies items from their start (inclusive) until their end (exclusive)', () => {
    const start = new Date('2026-11-01T00:00:00Z');
    const end = new Date('2026-12-01T00:00:00Z');
    const promo = pricelist(1, [item('A', '10'), item('A', '7', '0', { dateStart: start, dateEnd: end })]);

    expect(governingPrice(promo, 'A', units('1'), new Date(start.getTime() - 1))).toEqual(money('10', 'EUR'));
    expect(governingPrice(promo, 'A', units('1'), start)).toEqual(money('7', 'EUR'));
    expect(governingPrice(promo, 'A', units('1'), new Date(end.getTime() - 1))).toEqual(money('7', 'EUR'));
    expect(governingPrice(promo, 'A', units('1'), end)).toEqual(money('10', 'EUR'));
  });

  it('has no price for another SKU, another unit or a quantity below every tier', () => {
    const fromTen = pricelist(1, [item('A', '9', '10')]);

    expect(governingPrice(fromTen, 'C', units('20'), at)).toBeNull();
    expect(governingPrice(fromTen, 'A', { value: '20', uom: 'kg' }, at)).toBeNull();
    expect(governingPrice(fromTen, 'A', units('5'), at)).toBeNull();
  });
});

describe('checkPrices', () => {
  // The fixture order: line 1 is 10 × SKU-A at 2.50, line 2 is 4 × SKU-B at 10.
  const order = anOrder();
  const lists = [pricelist(1, [item('SKU-A', '2.50'), item('SKU-B', '10')])];

  it('passes prices that match the governing pricelist', () => {
    expect(checkPrices(order, { pricelists: lists, assignment: onlyDefault, tolerance: exact })).toEqual([]);
  });

  it('reports each line whose price is off, with expected and given', () => {
    const cheaper = [pricelist(1, [item('SKU-A', '2.40'), item('SKU-B', '10.01')])];

    const failures = checkPrices(order, { pricelists: cheaper, assignment: onlyDefault, tolerance: exact });

    expect(failures).toEqual([
      {
        code: 'ORDER.PRICE_MISMATCH',
        message: 'line 1: price 2.50 differs from pricelist 1 price 2.4 by more than 0',
        lineId: '1',
        sku: 'SKU-A',
        pricelistId: 1,
        expected: money('2.40', 'EUR'),
        given: { amount: '2.50', currency: 'EUR' },
        allowedDifference: money('0', 'EUR'),
      },
      expect.objectContaining({ code: 'ORDER.PRICE_MISMATCH', lineId: '2', expected: money('10.01', 'EUR') }),
    ]);
  });

  it.each([
    ['an absolute tolerance', { kind: 'absolute', amount: '0.10' }, ['2.40', '2.60'], ['2.39', '2.61']],
    ['a percentage of the pricelist price', { kind: 'percent', percent: '4' }, ['2.404', '2.60'], ['2.403', '2.605']],
  ] as const)('accepts the given 2.50 against pricelist prices within %s, either way', (_kind, tolerance, within, beyond) => {
    const priced = (price: string) => checkPrices(order, { pricelists: [pricelist(1, [item('SKU-A', price), item('SKU-B', '10')])], assignment: onlyDefault, tolerance });

    for (const price of within) expect([price, priced(price)]).toEqual([price, []]);
    for (const price of beyond) expect([price, priced(price).map((failure) => failure.code)]).toEqual([price, ['ORDER.PRICE_MISMATCH']]);
  });

  it('reports lines without a price, and every line when no pricelist governs', () => {
    expect(checkPrices(order, { pricelists: [pricelist(1, [item('SKU-A', '2.50')])], assignment: onlyDefault, tolerance: exact })).toEqual([
      expect.objectContaining({ code: 'ORDER.NO_PRICE', lineId: '2', sku: 'SKU-B', pricelistId: 1 }),
    ]);
    expect(checkPrices(order, { pricelists: [], assignment: onlyDefault, tolerance: exact }).map((failure) => [failure.code, 'pricelistId' in failure && failure.pricelistId])).toEqual([
      ['ORDER.NO_PRICE', null],
      ['ORDER.NO_PRICE', null],
    ]);
  });

  it('holds an order in another currency than its pricelist', () => {
    const dollars = [pricelist(1, [item('SKU-A', '2.50'), item('SKU-B', '10')], { currency: 'USD' })];

    expect(checkPrices(order, { pricelists: dollars, assignment: onlyDefault, tolerance: exact })).toEqual([
      expect.objectContaining({ code: 'ORDER.CURRENCY_MISMATCH', expected: 'USD', actual: 'EUR' }),
    ]);
  });

  it('prices at the time the order was placed, not when the gate runs', () => {
    const endedBeforePlacing = [pricelist(1, [item('SKU-A', '1', '0', { dateEnd: order.placedAt }), item('SKU-A', '2.50'), item('SKU-B', '10')])];

    expect(checkPrices(order, { pricelists: endedBeforePlacing, assignment: onlyDefault, tolerance: exact })).toEqual([]);
  });
});
