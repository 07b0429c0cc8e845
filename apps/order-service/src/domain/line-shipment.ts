import type { ShipmentLine } from '@backbone/schemas';
import { decimals } from './money';
import { lineInvariantViolations, remainingQuantity, type OrderLine, type Substitution } from './order-lines';
import { fail, ok, reject, type Rejection, type Result } from './order.errors';

/** A shipment confirmation from the warehouse or the ERP. */
export interface Shipment {
  shipmentId: string;
  lines: readonly ShipmentLine[];
}

/**
 * Applies a shipment to the lines. Per shipment line: `shipped` adds to the line; `backordered`
 * is what the warehouse now reports as waiting for stock and replaces the previous figure; a
 * SKU other than the line's own is a substitution, counted as shipped on the original line and
 * recorded with it. Shipped quantity consumes the line's reservation first. A line may appear
 * more than once (its own SKU and a substitute). All or nothing: any problem refuses the whole
 * shipment, listing every problem.
 */
export function applyShipment(lines: readonly OrderLine[], shipment: Shipment): Result<OrderLine[], Rejection[]> {
  const inputProblems = shipment.lines.flatMap((entry) => entryProblems(lines, entry));
  if (inputProblems.length > 0) return fail(inputProblems);
  if (!changesAnything(lines, shipment)) {
    return fail([reject('ORDER.EMPTY_SHIPMENT', `shipment ${shipment.shipmentId} ships and backorders nothing`, { shipmentId: shipment.shipmentId })]);
  }

  const next = lines.map((line) => shipment.lines.filter((entry) => entry.lineId === line.lineId).reduce((current, entry) => ship(current, entry, shipment.shipmentId), line));
  const overShipped = next.filter((line) => lineInvariantViolations(line).length > 0).map(overShipment);
  return overShipped.length > 0 ? fail(overShipped) : ok(next);
}

function ship(line: OrderLine, entry: ShipmentLine, shipmentId: string): OrderLine {
  const shipped = decimals.add(line.shipped, entry.shipped.value);
  const substitutions: Substitution[] =
    entry.sku !== line.sku && decimals.isPositive(entry.shipped.value)
      ? [...line.substitutions, { shipmentId, sku: entry.sku, quantity: entry.shipped.value }]
      : line.substitutions;
  const shippedLine = { ...line, shipped, backordered: entry.backordered.value, substitutions };
  const consumed = decimals.max('0', decimals.subtract(line.reserved, entry.shipped.value));
  const reserved = decimals.max('0', decimals.min(consumed, remainingQuantity(shippedLine)));
  return { ...shippedLine, reserved };
}

function entryProblems(lines: readonly OrderLine[], entry: ShipmentLine): Rejection[] {
  const line = lines.find((candidate) => candidate.lineId === entry.lineId);
  if (!line) {
    return [reject('ORDER.UNKNOWN_LINE', `shipment names line ${entry.lineId}, which the order does not have`, { lineId: entry.lineId, sku: entry.sku })];
  }
  return [entry.shipped, entry.backordered].flatMap((quantity): Rejection[] => {
    if (quantity.uom !== line.uom) {
      const message = `line ${line.lineId} is in ${line.uom}, the shipment in ${quantity.uom}`;
      return [reject('ORDER.UNIT_MISMATCH', message, { lineId: line.lineId, expected: line.uom, actual: quantity.uom })];
    }
    if (decimals.isNegative(quantity.value)) {
      return [reject('ORDER.NEGATIVE_QUANTITY', `shipment quantity on line ${line.lineId} is negative`, { lineId: line.lineId, sku: entry.sku, value: quantity.value })];
    }
    return [];
  });
}

function changesAnything(lines: readonly OrderLine[], shipment: Shipment): boolean {
  return shipment.lines.some((entry) => {
    const line = lines.find((candidate) => candidate.lineId === entry.lineId);
    return decimals.isPositive(entry.shipped.value) || (line !== undefined && decimals.compare(entry.backordered.value, line.backordered) !== 0);
  });
}

function overShipment(line: OrderLine): Rejection<'ORDER.OVER_SHIPMENT'> {
  const { lineId, ordered, shipped, backordered, cancelled } = line;
  const message = `line ${lineId}: shipped ${shipped} + backordered ${backordered} + cancelled ${cancelled} exceeds ordered ${ordered}`;
  return reject('ORDER.OVER_SHIPMENT', message, { lineId, ordered, shipped, backordered, cancelled });
}
