import type { Money, Quantity } from '@backbone/schemas';
import type { RequestedLine } from './canonical-order';
import { decimals, type DecimalString } from './money';

/** A SKU shipped in place of the line's own SKU; the line keeps its original SKU. */
export interface Substitution {
  shipmentId: string;
  sku: string;
  quantity: DecimalString;
}

/**
 * One order line and where its quantity stands, all in the line's unit `uom`:
 * - reserved: held in stock for the quantity still to ship;
 * - shipped: handed to a carrier (including substitutes);
 * - backordered: the warehouse cannot ship it now and waits for stock;
 * - cancelled: will never ship.
 * Invariants (see `lineInvariantViolations`): every figure ≥ 0,
 * shipped + backordered + cancelled ≤ ordered, reserved ≤ ordered − shipped − cancelled.
 * Backordered quantity may become reserved again when stock arrives, so the two may overlap.
 */
export interface OrderLine {
  lineId: string;
  sku: string;
  uom: string;
  unitPrice: Money;
  ordered: DecimalString;
  reserved: DecimalString;
  shipped: DecimalString;
  backordered: DecimalString;
  cancelled: DecimalString;
  substitutions: Substitution[];
}

export function openLine(requested: RequestedLine): OrderLine {
  return {
    lineId: requested.lineId,
    sku: requested.sku,
    uom: requested.quantity.uom,
    unitPrice: requested.unitPrice,
    ordered: requested.quantity.value,
    reserved: '0',
    shipped: '0',
    backordered: '0',
    cancelled: '0',
    substitutions: [],
  };
}

/** Ordered minus cancelled: what the customer still wants and pays for. */
export function quantityToFulfil(line: OrderLine): DecimalString {
  return decimals.subtract(line.ordered, line.cancelled);
}

/** Ordered minus cancelled minus shipped: what may still ship (backordered quantity included). */
export function remainingQuantity(line: OrderLine): DecimalString {
  return decimals.subtract(quantityToFulfil(line), line.shipped);
}

/** Remaining minus backordered: what the warehouse is still expected to ship from the current release. */
function openInRelease(line: OrderLine): DecimalString {
  return decimals.subtract(remainingQuantity(line), line.backordered);
}

export function inUnit(line: OrderLine, value: DecimalString): Quantity {
  return { value, uom: line.uom };
}

/** Every broken invariant of `line`, as text; empty when the line is consistent. */
export function lineInvariantViolations(line: OrderLine): string[] {
  const figures = { ordered: line.ordered, reserved: line.reserved, shipped: line.shipped, backordered: line.backordered, cancelled: line.cancelled };
  const violations = Object.entries(figures)
    .filter(([, value]) => decimals.isNegative(value))
    .map(([name, value]) => `${name} ${value} is negative`);
  const accounted = decimals.sum([line.shipped, line.backordered, line.cancelled]);
  if (decimals.compare(accounted, line.ordered) > 0) {
    violations.push(`shipped + backordered + cancelled ${accounted} exceeds ordered ${line.ordered}`);
  }
  if (decimals.compare(line.reserved, remainingQuantity(line)) > 0) {
    violations.push(`reserved ${line.reserved} exceeds remaining ${remainingQuantity(line)}`);
  }
  return violations;
}

/** A reservation given back to inventory, e.g. on cancellation. */
export interface ReleasedReservation {
  lineId: string;
  sku: string;
  quantity: Quantity;
}

/** Cancels everything not yet shipped (backorders included) and releases the line reservations. */
export function cancelRemaining(lines: readonly OrderLine[]): { lines: OrderLine[]; released: ReleasedReservation[] } {
  const released = lines
    .filter((line) => decimals.isPositive(line.reserved))
    .map((line) => ({ lineId: line.lineId, sku: line.sku, quantity: inUnit(line, line.reserved) }));
  const cancelled = lines.map((line) => ({
    ...line,
    cancelled: decimals.add(line.cancelled, remainingQuantity(line)),
    backordered: '0',
    reserved: '0',
  }));
  return { lines: cancelled, released };
}

export type FulfilmentStatus = 'NOT_SHIPPED' | 'PARTIALLY_SHIPPED' | 'BACKORDERED' | 'SHIPPED';

/**
 * The order-level fulfilment state the lines imply:
 * SHIPPED when nothing remains and something shipped; PARTIALLY_SHIPPED when something shipped and
 * more is still expected from the release; BACKORDERED when all that is left waits for stock, or
 * some waits and nothing has shipped yet; NOT_SHIPPED otherwise.
 */
export function fulfilmentStatus(lines: readonly OrderLine[]): FulfilmentStatus {
  const shipped = decimals.sum(lines.map((line) => line.shipped));
  const remaining = decimals.sum(lines.map(remainingQuantity));
  const open = decimals.sum(lines.map(openInRelease));
  const anyShipped = decimals.isPositive(shipped);
  if (decimals.isZero(remaining)) return anyShipped ? 'SHIPPED' : 'NOT_SHIPPED';
  if (anyShipped && decimals.isPositive(open)) return 'PARTIALLY_SHIPPED';
  return decimals.compare(remaining, open) > 0 ? 'BACKORDERED' : 'NOT_SHIPPED';
}
