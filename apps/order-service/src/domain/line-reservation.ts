import type { Quantity, ReservationLine, ReservedOrderLine } from '@backbone/schemas';
import { decimals, type DecimalString } from './money';
import { inUnit, remainingQuantity, type OrderLine } from './order-lines';
import { fail, ok, reject, type Rejection, type Result } from './order.errors';

export type LineReservationOutcome = 'CONFIRMED' | 'PARTIAL' | 'REJECTED';

export interface LineReservation {
  lineId: string;
  sku: string;
  outcome: LineReservationOutcome;
  reserved: Quantity;
  missing: Quantity;
}

type LocatedReservation = ReservationLine & { locationId: string };

export interface AppliedReservation {
  lines: OrderLine[];
  perLine: LineReservation[];
  /** Reserved quantity per order line and location, for the OrderReserved event. */
  allocations: ReservedOrderLine[];
}

/**
 * Applies the inventory-service's reservation result (Confirmed, Partial or Rejected: the lines
 * are read the same way) to the order lines. The result states the order's whole reservation, so
 * it replaces each line's reserved quantity, and a SKU it does not mention has nothing reserved.
 * Inventory reserves per SKU and location; when several lines share a SKU, the reserved quantity
 * fills them in line order. Stock without a location counts as not reserved.
 */
export function applyReservation(lines: readonly OrderLine[], reservation: readonly ReservationLine[]): Result<AppliedReservation, Rejection[]> {
  const located = reservation.filter((entry): entry is LocatedReservation => entry.locationId !== null);
  const problems = [...reservation.flatMap((entry) => entryProblems(lines, entry)), ...overReservations(lines, located)];
  if (problems.length > 0) return fail(problems);

  const allocations = allocate(lines, located);
  const reservedOf = (line: OrderLine) => decimals.sum(allocations.filter((a) => a.lineId === line.lineId).map((a) => a.quantity.value));
  const next = lines.map((line) => ({ ...line, reserved: reservedOf(line) }));
  return ok({ lines: next, perLine: next.map(lineOutcome), allocations });
}

function entryProblems(lines: readonly OrderLine[], entry: ReservationLine): Rejection[] {
  const sameSku = lines.filter((line) => line.sku === entry.sku);
  if (sameSku.length === 0) {
    return [reject('ORDER.UNKNOWN_LINE', `reservation names SKU ${entry.sku}, which is on no line of the order`, { lineId: null, sku: entry.sku })];
  }
  const wrongUnit = sameSku.find((line) => line.uom !== entry.reserved.uom);
  if (wrongUnit) {
    const message = `line ${wrongUnit.lineId} is in ${wrongUnit.uom}, the reservation of ${entry.sku} in ${entry.reserved.uom}`;
    return [reject('ORDER.UNIT_MISMATCH', message, { lineId: wrongUnit.lineId, expected: wrongUnit.uom, actual: entry.reserved.uom })];
  }
  if (decimals.isNegative(entry.reserved.value)) {
    return [reject('ORDER.NEGATIVE_QUANTITY', `reserved quantity of ${entry.sku} is negative`, { lineId: null, sku: entry.sku, value: entry.reserved.value })];
  }
  return [];
}

function overReservations(lines: readonly OrderLine[], located: readonly LocatedReservation[]): Rejection[] {
  // SKUs on no line are already refused as ORDER.UNKNOWN_LINE.
  const skus = [...new Set(located.map((entry) => entry.sku))].filter((sku) => lines.some((line) => line.sku === sku));
  return skus.flatMap((sku) => {
    const reserved = decimals.sum(located.filter((entry) => entry.sku === sku).map((entry) => entry.reserved.value));
    const remaining = decimals.sum(lines.filter((line) => line.sku === sku).map(remainingQuantity));
    if (decimals.compare(reserved, remaining) <= 0) return [];
    return [reject('ORDER.OVER_RESERVATION', `${reserved} of ${sku} reserved, but only ${remaining} remain to ship`, { sku, reserved, remaining })];
  });
}

function allocate(lines: readonly OrderLine[], located: readonly LocatedReservation[]): ReservedOrderLine[] {
  const capacity = new Map<string, DecimalString>(lines.map((line) => [line.lineId, remainingQuantity(line)]));
  const allocations: ReservedOrderLine[] = [];
  for (const entry of located) {
    let unallocated = entry.reserved.value;
    for (const line of lines.filter((candidate) => candidate.sku === entry.sku)) {
      const share = decimals.min(unallocated, capacity.get(line.lineId) ?? '0');
      if (!decimals.isPositive(share)) continue;
      allocations.push({ lineId: line.lineId, sku: entry.sku, locationId: entry.locationId, quantity: inUnit(line, share) });
      capacity.set(line.lineId, decimals.subtract(capacity.get(line.lineId) ?? '0', share));
      unallocated = decimals.subtract(unallocated, share);
    }
  }
  return allocations;
}

function lineOutcome(line: OrderLine): LineReservation {
  const missing = decimals.subtract(remainingQuantity(line), line.reserved);
  const outcome: LineReservationOutcome = decimals.isZero(missing) ? 'CONFIRMED' : decimals.isZero(line.reserved) ? 'REJECTED' : 'PARTIAL';
  return { lineId: line.lineId, sku: line.sku, outcome, reserved: inUnit(line, line.reserved), missing: inUnit(line, missing) };
}
