import { Decimal } from 'decimal.js';

/**
 * A quantity as a decimal string, the format of the Avro `Quantity.value`: optional '-', digits,
 * optional '.' and fraction digits, e.g. "12.500". Results are normalized ("12.5", "0", never "-0").
 */
export type DecimalString = string;

// Operands are limited to 18 integer and 12 fraction digits (30 significant), so a product of two
// has at most 60 and every sum or product here is exact under 80 significant digits. The only
// rounding in the domain is the explicit `floorQuantity`.
const MAX_INTEGER_DIGITS = 18;
const MAX_FRACTION_DIGITS = 12;
const DECIMAL_FORMAT = new RegExp(`^-?\\d{1,${MAX_INTEGER_DIGITS}}(\\.\\d{1,${MAX_FRACTION_DIGITS}})?$`);
const Exact = Decimal.clone({ precision: 80 });

/** True when `text` is a decimal string this domain accepts from the outside (see the limits above). */
export function isDecimalString(text: string): boolean {
  return DECIMAL_FORMAT.test(text);
}

function exact(value: DecimalString): Decimal {
  return new Exact(value);
}

function normalized(value: Decimal): DecimalString {
  return value.toFixed();
}

export function normalizeQuantity(value: DecimalString): DecimalString {
  return normalized(exact(value));
}

export function plus(a: DecimalString, b: DecimalString): DecimalString {
  return normalized(exact(a).plus(b));
}

export function minus(a: DecimalString, b: DecimalString): DecimalString {
  return normalized(exact(a).minus(b));
}

export function times(a: DecimalString, b: DecimalString): DecimalString {
  return normalized(exact(a).times(b));
}

export function negate(a: DecimalString): DecimalString {
  return normalized(exact(a).negated());
}

/** `percent` % of `a`, exact (a division by 100 terminates). */
export function percentOf(a: DecimalString, percent: DecimalString): DecimalString {
  return normalized(exact(a).times(percent).dividedBy(100));
}

/** The largest whole number not above `a`. */
export function floorQuantity(a: DecimalString): DecimalString {
  return normalized(exact(a).floor());
}

export function sumQuantities(values: readonly DecimalString[]): DecimalString {
  return normalized(values.reduce((total, value) => total.plus(value), new Exact(0)));
}

/** -1, 0 or 1 as `a` is below, equal to or above `b`. */
export function compareQuantities(a: DecimalString, b: DecimalString): number {
  return exact(a).comparedTo(b);
}

export function isNegative(a: DecimalString): boolean {
  return compareQuantities(a, '0') < 0;
}

export function isPositive(a: DecimalString): boolean {
  return compareQuantities(a, '0') > 0;
}

export function isZero(a: DecimalString): boolean {
  return compareQuantities(a, '0') === 0;
}

export function minQuantity(a: DecimalString, b: DecimalString): DecimalString {
  return compareQuantities(a, b) <= 0 ? normalizeQuantity(a) : normalizeQuantity(b);
}

export function maxQuantity(a: DecimalString, b: DecimalString): DecimalString {
  return compareQuantities(a, b) >= 0 ? normalizeQuantity(a) : normalizeQuantity(b);
}
