import {
  compareQuantities,
  floorQuantity,
  isDecimalString,
  isNegative,
  isPositive,
  isZero,
  maxQuantity,
  minQuantity,
  minus,
  negate,
  normalizeQuantity,
  percentOf,
  plus,
  sumQuantities,
  times,
} from './quantity';

describe('quantity', () => {
  it.each(['0', '12', '12.500', '-3.25', '000123', '123456789012345678.123456789012'])('accepts the decimal string %s', (text) => {
    expect(isDecimalString(text)).toBe(true);
  });

  it.each(['', '-', '1.', '.5', '+1', '1e3', '1,000', ' 1', 'NaN', 'Infinity', '1234567890123456789', '1.1234567890123'])(
    'refuses %j (wrong format or beyond 18 integer / 12 fraction digits)',
    (text) => {
      expect(isDecimalString(text)).toBe(false);
    },
  );

  it('adds and subtracts without binary float error', () => {
    expect(plus('0.1', '0.2')).toBe('0.3');
    expect(minus('0.3', '0.1')).toBe('0.2');
    expect(plus('999999999999999999.999999999999', '0.000000000001')).toBe('1000000000000000000');
  });

  it('multiplies exactly, also at the digit limits', () => {
    expect(times('12.5', '12')).toBe('150');
    expect(times('123456789012345678.123456789012', '123456789012345678.123456789012')).toBe(
      '15241578753238836558451457271672004.479353759025153483936144',
    );
  });

  it('normalizes: no trailing zeros and no negative zero', () => {
    expect(normalizeQuantity('12.500')).toBe('12.5');
    expect(normalizeQuantity('-0.000')).toBe('0');
    expect(negate('0')).toBe('0');
    expect(negate('2.5')).toBe('-2.5');
    expect(minus('5', '5')).toBe('0');
  });

  it('takes percentages exactly and floors towards minus infinity', () => {
    expect(percentOf('7', '12.5')).toBe('0.875');
    expect(floorQuantity('6.125')).toBe('6');
    expect(floorQuantity('-0.5')).toBe('-1');
  });

  it('sums a list, zero when empty', () => {
    expect(sumQuantities(['1.5', '2.25', '-0.75'])).toBe('3');
    expect(sumQuantities([])).toBe('0');
  });

  it('compares by value, not by text', () => {
    expect(compareQuantities('10', '9.999')).toBe(1);
    expect(compareQuantities('2.50', '2.5')).toBe(0);
    expect(compareQuantities('-1', '0')).toBe(-1);
    expect(minQuantity('2.50', '3')).toBe('2.5');
    expect(maxQuantity('2.50', '3')).toBe('3');
  });

  it('tells the sign', () => {
    expect([isNegative('-0.001'), isZero('0.000'), isPositive('0.001')]).toEqual([true, true, true]);
    expect([isNegative('0'), isPositive('0')]).toEqual([false, false]);
  });
});
