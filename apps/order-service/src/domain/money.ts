import Decimal from 'decimal.js';
import type { Money } from '@backbone/schemas';
import { OrderDomainError, reject } from './order.errors';

/**
 * A decimal number as the event schemas write it: optional '-', digits, optional '.' and fraction
 * digits; no exponent, no grouping. Amounts and quantities stay strings end to end, so no binary
 * float ever rounds them.
 */
export type DecimalString = string;

const DECIMAL_STRING = /^-?\d+(\.\d+)?$/;

// A private constructor, so settings made elsewhere on the global Decimal never leak in. Only
// addition, subtraction, multiplication and division by 100 are used, and 1,000 significant
// digits hold every such result of realistic inputs exactly: nothing is ever rounded.
const Exact = Decimal.clone({ precision: 1_000, rounding: Decimal.ROUND_HALF_EVEN });

export function isDecimalString(value: unknown): value is DecimalString {
  return typeof value === 'string' && DECIMAL_STRING.test(value);
}

function parse(value: DecimalString): Decimal {
  if (!isDecimalString(value)) {
    throw new OrderDomainError(reject('ORDER.INVALID_DECIMAL', `"${value}" is not a decimal string`, { value }));
  }
  return new Exact(value);
}

// toFixed() without arguments prints every digit in plain notation and drops trailing zeros.
function format(value: Decimal): DecimalString {
  return value.toFixed();
}

/** Exact arithmetic on decimal strings. Results are normalized: "1.50" + "0" is "1.5". */
export const decimals = {
  add: (a: DecimalString, b: DecimalString): DecimalString => format(parse(a).plus(parse(b))),
  subtract: (a: DecimalString, b: DecimalString): DecimalString => format(parse(a).minus(parse(b))),
  multiply: (a: DecimalString, b: DecimalString): DecimalString => format(parse(a).times(parse(b))),
  /** `percent` % of `value`, e.g. percentOf("200", "2.5") is "5". */
  percentOf: (value: DecimalString, percent: DecimalString): DecimalString => format(parse(value).times(parse(percent)).dividedBy(100)),
  sum: (values: readonly DecimalString[]): DecimalString => format(values.reduce((total, value) => total.plus(parse(value)), new Exact(0))),
  abs: (value: DecimalString): DecimalString => format(parse(value).abs()),
  min: (a: DecimalString, b: DecimalString): DecimalString => (decimals.compare(a, b) <= 0 ? format(parse(a)) : format(parse(b))),
  max: (a: DecimalString, b: DecimalString): DecimalString => (decimals.compare(a, b) >= 0 ? format(parse(a)) : format(parse(b))),
  /** -1, 0 or 1; "1.5" and "1.50" compare equal. */
  compare: (a: DecimalString, b: DecimalString): -1 | 0 | 1 => parse(a).comparedTo(parse(b)) as -1 | 0 | 1,
  isZero: (value: DecimalString): boolean => parse(value).isZero(),
  isPositive: (value: DecimalString): boolean => parse(value).greaterThan(0),
  isNegative: (value: DecimalString): boolean => parse(value).lessThan(0),
};

export function money(amount: DecimalString, currency: string): Money {
  return { amount: format(parse(amount)), currency };
}

/** Throws ORDER.CURRENCY_MISMATCH: adding or comparing across currencies needs a rate the domain never has. */
export function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new OrderDomainError(
      reject('ORDER.CURRENCY_MISMATCH', `cannot combine ${a.currency} with ${b.currency}`, { expected: a.currency, actual: b.currency }),
    );
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(decimals.add(a.amount, b.amount), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(decimals.subtract(a.amount, b.amount), a.currency);
}

/** Price per unit times a quantity, e.g. a line amount. */
export function multiplyMoney(price: Money, quantity: DecimalString): Money {
  return money(decimals.multiply(price.amount, quantity), price.currency);
}

/** The sum of `amounts`, all in `currency`; zero for none. */
export function sumMoney(currency: string, amounts: readonly Money[]): Money {
  return amounts.reduce(addMoney, money('0', currency));
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return decimals.compare(a.amount, b.amount);
}
