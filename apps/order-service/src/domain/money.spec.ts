import { addMoney, compareMoney, decimals, isDecimalString, money, multiplyMoney, subtractMoney, sumMoney } from './money';
import { OrderDomainError } from './order.errors';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('decimal strings', () => {
  it.each(['0', '12', '-3', '0.750', '1234.50', '007'])('accepts %p', (value) => {
    expect(isDecimalString(value)).toBe(true);
  });

  it.each(['', '1e3', '1,5', '.5', '5.', '+1', ' 1', 'NaN', 'Infinity', '1.2.3'])('rejects %p', (value) => {
    expect(isDecimalString(value)).toBe(false);
  });

  it('rejects numbers: a float has already lost the exact value', () => {
    expect(isDecimalString(0.1)).toBe(false);
  });

  it('adds without binary float error', () => {
    expect(decimals.add('0.1', '0.2')).toBe('0.3');
  });

  it('multiplies large amounts exactly', () => {
    expect(decimals.multiply('123456789012345678901234567890.123', '98765432109876543210.987')).toBe(
      '12193263113702179522618422493004797134336296860222.381401',
    );
  });

  it('normalizes results: trailing zeros dropped, no negative zero', () => {
    expect(decimals.add('1.50', '0')).toBe('1.5');
    expect(decimals.subtract('2.00', '2')).toBe('0');
  });

  it('compares by value, not by text', () => {
    expect(decimals.compare('1.5', '1.50')).toBe(0);
    expect(decimals.compare('10', '9.99')).toBe(1);
    expect(decimals.compare('-1', '0')).toBe(-1);
  });

  it('takes a percentage exactly', () => {
    expect(decimals.percentOf('200', '2.5')).toBe('5');
    expect(decimals.percentOf('0.03', '1')).toBe('0.0003');
  });

  it('sums, takes minimum, maximum and absolute value', () => {
    expect(decimals.sum([])).toBe('0');
    expect(decimals.sum(['1', '2.5', '-0.5'])).toBe('3');
    expect(decimals.min('3', '2.5')).toBe('2.5');
    expect(decimals.max('3', '2.5')).toBe('3');
    expect(decimals.abs('-4.2')).toBe('4.2');
  });

  it('tells zero, positive and negative apart', () => {
    expect([decimals.isZero('0.00'), decimals.isPositive('0.01'), decimals.isNegative('-0.01')]).toEqual([true, true, true]);
    expect([decimals.isZero('1'), decimals.isPositive('0'), decimals.isNegative('0')]).toEqual([false, false, false]);
  });

  it('throws ORDER.INVALID_DECIMAL for a value that is not a decimal string', () => {
    const thrown = thrownBy(() => decimals.add('1e3', '1'));
    expect(thrown).toBeInstanceOf(OrderDomainError);
    expect(thrown).toMatchObject({ code: 'ORDER.INVALID_DECIMAL', rejection: { value: '1e3' } });
  });
});

describe('money', () => {
  it('adds, subtracts and multiplies in one currency', () => {
    expect(addMoney(money('10.10', 'EUR'), money('0.20', 'EUR'))).toEqual({ amount: '10.3', currency: 'EUR' });
    expect(subtractMoney(money('10', 'EUR'), money('12.5', 'EUR'))).toEqual({ amount: '-2.5', currency: 'EUR' });
    expect(multiplyMoney(money('19.99', 'EUR'), '3')).toEqual({ amount: '59.97', currency: 'EUR' });
  });

  it('sums a list, zero in the given currency for none', () => {
    expect(sumMoney('USD', [])).toEqual({ amount: '0', currency: 'USD' });
    expect(sumMoney('USD', [money('1.10', 'USD'), money('2.20', 'USD')])).toEqual({ amount: '3.3', currency: 'USD' });
  });

  it('compares by value', () => {
    expect(compareMoney(money('5.00', 'EUR'), money('5', 'EUR'))).toBe(0);
  });

  it.each([
    ['adding', () => addMoney(money('1', 'EUR'), money('1', 'USD'))],
    ['subtracting', () => subtractMoney(money('1', 'EUR'), money('1', 'USD'))],
    ['comparing', () => compareMoney(money('1', 'EUR'), money('1', 'USD'))],
    ['summing', () => sumMoney('EUR', [money('1', 'USD')])],
  ])('refuses %s across currencies with ORDER.CURRENCY_MISMATCH naming both', (_operation, combine) => {
    const thrown = thrownBy(combine);
    expect(thrown).toBeInstanceOf(OrderDomainError);
    expect((thrown as OrderDomainError).rejection).toMatchObject({ code: 'ORDER.CURRENCY_MISMATCH', expected: 'EUR', actual: 'USD' });
  });
});
