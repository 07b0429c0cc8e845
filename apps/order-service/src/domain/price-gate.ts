import type { Money, PricelistChanged, PricelistItem, Quantity } from '@backbone/schemas';
import type { Order } from './canonical-order';
import { decimals, money, type DecimalString } from './money';
import { quantityToFulfil, type OrderLine } from './order-lines';
import { reject, type Rejection } from './order.errors';

/** A pricelist as last synced from the ERP (PricelistChanged). */
export type Pricelist = Pick<PricelistChanged, 'pricelistId' | 'currency' | 'items' | 'active'>;

/** Which pricelists apply to this customer and channel (from configuration or master data). */
export interface PricelistAssignment {
  customerPricelistId: number | null;
  channelPricelistId: number | null;
  defaultPricelistId: number | null;
}

/** How far a given price may be from the pricelist price, either way: a fixed amount or a percentage of the pricelist price. */
export type PriceTolerance = { kind: 'absolute'; amount: DecimalString } | { kind: 'percent'; percent: DecimalString };

export interface PriceCheck {
  pricelists: readonly Pricelist[];
  assignment: PricelistAssignment;
  tolerance: PriceTolerance;
}

/**
 * The governing pricelist: the customer's own, else the channel's, else the default; an id with
 * no synced pricelist, or an archived one, is skipped. Null when none is left.
 */
export function governingPricelist(pricelists: readonly Pricelist[], assignment: PricelistAssignment): Pricelist | null {
  const candidates = [assignment.customerPricelistId, assignment.channelPricelistId, assignment.defaultPricelistId];
  for (const id of candidates) {
    const pricelist = pricelists.find((candidate) => candidate.pricelistId === id && candidate.active);
    if (pricelist) return pricelist;
  }
  return null;
}

/**
 * The unit price a pricelist gives `sku` for `quantity` at `at`, or null. An item applies when its
 * SKU and unit match, `at` is within [dateStart, dateEnd) (start inclusive, end exclusive, null
 * = open), and its minimum quantity is at most the quantity. The highest such minimum wins (the
 * quantity tier); among equal minimums the latest start wins, so a dated promotion overrides an
 * open-ended price. Units are not converted: an item in another unit does not apply.
 */
export function governingPrice(pricelist: Pricelist, sku: string, quantity: Quantity, at: Date): Money | null {
  const applicable = pricelist.items.filter(
    (item) =>
      item.sku === sku &&
      item.minQuantity.uom === quantity.uom &&
      decimals.compare(item.minQuantity.value, quantity.value) <= 0 &&
      (item.dateStart === null || item.dateStart.getTime() <= at.getTime()) &&
      (item.dateEnd === null || at.getTime() < item.dateEnd.getTime()),
  );
  const best = applicable.reduce<PricelistItem | null>((winner, item) => (winner === null || outranks(item, winner) ? item : winner), null);
  return best === null ? null : money(best.price.amount, pricelist.currency);
}

function outranks(item: PricelistItem, other: PricelistItem): boolean {
  const byTier = decimals.compare(item.minQuantity.value, other.minQuantity.value);
  if (byTier !== 0) return byTier > 0;
  return (item.dateStart?.getTime() ?? -Infinity) > (other.dateStart?.getTime() ?? -Infinity);
}

/**
 * The price gate: every line's price is within tolerance of the governing pricelist's price at the
 * time the order was placed. Returns every failure (ORDER.NO_PRICE, ORDER.PRICE_MISMATCH, or
 * ORDER.CURRENCY_MISMATCH when the pricelist is in another currency); empty when the gate passes.
 */
export function checkPrices(order: Order, { pricelists, assignment, tolerance }: PriceCheck): Rejection[] {
  const pricelist = governingPricelist(pricelists, assignment);
  if (pricelist === null) {
    return order.lines.map(({ lineId, sku }) => reject('ORDER.NO_PRICE', `line ${lineId}: no pricelist governs this order`, { lineId, sku, pricelistId: null }));
  }
  if (pricelist.currency !== order.currency) {
    const message = `order is in ${order.currency}, pricelist ${pricelist.pricelistId} in ${pricelist.currency}`;
    return [reject('ORDER.CURRENCY_MISMATCH', message, { expected: pricelist.currency, actual: order.currency })];
  }
  return order.lines.flatMap((line) => linePriceFailures(line, pricelist, tolerance, order.placedAt));
}

function linePriceFailures(line: OrderLine, pricelist: Pricelist, tolerance: PriceTolerance, at: Date): Rejection[] {
  const { lineId, sku } = line;
  const { pricelistId } = pricelist;
  const expected = governingPrice(pricelist, sku, { value: quantityToFulfil(line), uom: line.uom }, at);
  if (expected === null) {
    return [reject('ORDER.NO_PRICE', `line ${lineId}: pricelist ${pricelistId} has no price for ${sku} in ${line.uom}`, { lineId, sku, pricelistId })];
  }
  const allowed = tolerance.kind === 'absolute' ? tolerance.amount : decimals.percentOf(expected.amount, tolerance.percent);
  const difference = decimals.abs(decimals.subtract(line.unitPrice.amount, expected.amount));
  if (decimals.compare(difference, allowed) <= 0) return [];
  const message = `line ${lineId}: price ${line.unitPrice.amount} differs from pricelist ${pricelistId} price ${expected.amount} by more than ${allowed}`;
  return [
    reject('ORDER.PRICE_MISMATCH', message, { lineId, sku, pricelistId, expected, given: line.unitPrice, allowedDifference: money(allowed, expected.currency) }),
  ];
}
