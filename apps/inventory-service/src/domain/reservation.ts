import type { Quantity, QuantityType, ReservationLine, StockChangeCause } from '@backbone/schemas';
import { isPositive, minus, sumQuantities, type DecimalString } from './quantity';
import type { ChangeContext, PlannedChange } from './record-change';

/** An order line to reserve, its quantity positive and already in the product's base unit. */
export interface LineRequest {
  readonly lineId: string;
  readonly sku: string;
  readonly quantity: Quantity;
}

/** Stock of one order line held at one location. */
export interface Allocation {
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: Quantity;
}

/** What one order line asked for and where its stock is held; a line may be split across locations. */
export interface LineReservation {
  readonly lineId: string;
  readonly sku: string;
  readonly requested: Quantity;
  readonly allocations: readonly Allocation[];
}

/** The reservation of one order, as the application persists it between reserve, consume and release. */
export interface Reservation {
  readonly orderId: string;
  readonly lines: readonly LineReservation[];
}

/** Who asked for a reservation change: the triggering event and the system it came from. */
export type ReservationTrigger = Omit<StockChangeCause, 'reasonCode'>;

/** Reason codes of the ledger entries reservations write. */
export const ReservationReasonCode = {
  RESERVED: 'STOCK.RESERVATION',
  RELEASED: 'STOCK.RESERVATION_RELEASE',
  SHIPPED: 'STOCK.SHIPMENT',
} as const;

export type ReservationReasonCode = (typeof ReservationReasonCode)[keyof typeof ReservationReasonCode];

export function reservedOf(line: LineReservation): DecimalString {
  return sumQuantities(line.allocations.map((allocation) => allocation.quantity.value));
}

export function reservationContext(
  trigger: ReservationTrigger,
  reasonCode: ReservationReasonCode,
  occurredAt: Date,
  recordedAt: Date,
): ChangeContext {
  return { cause: { ...trigger, reasonCode }, sequence: null, occurredAt, recordedAt };
}

/** A change of `quantityType` by the signed `value` where the allocation holds its stock. */
export function allocationDelta(allocation: Allocation, quantityType: QuantityType, value: DecimalString): PlannedChange {
  const quantity = { value, uom: allocation.quantity.uom };
  const { sku, locationId } = allocation;
  return { sku, locationId, quantityType, changeKind: 'DELTA', quantity, reportedQuantity: quantity };
}

/** An allocation as an event line: what it holds (or, when released, held) at its location. */
export function allocationLine(allocation: Allocation): ReservationLine {
  return { sku: allocation.sku, locationId: allocation.locationId, requested: allocation.quantity, reserved: allocation.quantity };
}

/**
 * A reservation as event lines. The schema's line is per product and location, so a line split
 * across locations gives one line per allocation (requested = reserved there), and what could not
 * be reserved anywhere gives one more line without a location (reserved zero). Summed per SKU,
 * requested is what the order asked for and reserved is what it holds.
 */
export function reservationLines(lines: readonly LineReservation[]): ReservationLine[] {
  return lines.flatMap((line) => {
    const shortfall = minus(line.requested.value, reservedOf(line));
    const uom = line.requested.uom;
    const unreserved: ReservationLine[] = isPositive(shortfall)
      ? [{ sku: line.sku, locationId: null, requested: { value: shortfall, uom }, reserved: { value: '0', uom } }]
      : [];
    return [...line.allocations.map(allocationLine), ...unreserved];
  });
}
