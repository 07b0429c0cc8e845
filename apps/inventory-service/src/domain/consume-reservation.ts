import type { Quantity } from '@backbone/schemas';
import type { InventoryEvent } from './inventory-events';
import { InventoryError, InventoryErrorCode } from './inventory.errors';
import { stockChangedEvents, type LedgerEntry } from './ledger-entry';
import type { CountMark } from './ordering-rules';
import { compareQuantities, isPositive, minQuantity, minus, negate } from './quantity';
import { recordChange } from './record-change';
import {
  allocationDelta,
  reservationContext,
  ReservationReasonCode,
  reservedOf,
  type Allocation,
  type Reservation,
  type ReservationTrigger,
} from './reservation';
import { StockBook, type StockState } from './stock-book';
import type { StockPosition } from './stock-position';

/** What one shipment took of one order line, in the product's base unit. */
export interface ShippedLine {
  readonly lineId: string;
  readonly sku: string;
  readonly shipped: Quantity;
}

export interface ConsumeReservation {
  readonly reservation: Reservation;
  readonly lines: readonly ShippedLine[];
  readonly trigger: ReservationTrigger;
  readonly shippedAt: Date;
}

export type ConsumeOutcome =
  /** Nothing changes; the caller files `error` in the exception queue. */
  | { readonly outcome: 'REJECTED'; readonly error: InventoryError }
  | {
      readonly outcome: 'CONSUMED';
      /** What the order still holds: the backordered rest keeps its reservation. */
      readonly reservation: Reservation;
      /** Per allocation drawn on: a negative RESERVED delta, and a negative ON_HAND delta under the ordering rules. */
      readonly entries: readonly LedgerEntry[];
      readonly positions: readonly StockPosition[];
      readonly countMarks: readonly CountMark[];
      readonly events: readonly InventoryEvent[];
    };

/**
 * A shipment left: reserved and on hand both drop by what shipped, drawn from the line's
 * allocations in the order they were made. Shipping more of a line than it holds is refused as a
 * whole (OVER_SHIPMENT), since which stock left is then unknown. On hand is not checked against
 * zero: the goods are gone, and a negative figure shows the drift until the next count corrects it.
 * `state` holds the positions and on-hand count marks at the reservation's locations.
 */
export function consumeReservation(command: ConsumeReservation, state: StockState, recordedAt: Date): ConsumeOutcome {
  const book = new StockBook(state);
  const context = reservationContext(command.trigger, ReservationReasonCode.SHIPPED, command.shippedAt, recordedAt);
  const lines = new Map(command.reservation.lines.map((line) => [line.lineId, line]));
  const entries: LedgerEntry[] = [];

  for (const shipment of command.lines) {
    const known = lines.get(shipment.lineId);
    const line = known?.sku === shipment.sku ? known : undefined;
    const reserved = line === undefined ? '0' : reservedOf(line);
    if (compareQuantities(shipment.shipped.value, reserved) > 0) return overShipment(command, shipment, reserved);
    if (line === undefined) continue;

    let left = shipment.shipped.value;
    const kept: Allocation[] = [];
    for (const allocation of line.allocations) {
      const taken = minQuantity(left, allocation.quantity.value);
      if (isPositive(taken)) {
        entries.push(recordChange(book, allocationDelta(allocation, 'RESERVED', negate(taken)), context));
        entries.push(recordChange(book, allocationDelta(allocation, 'ON_HAND', negate(taken)), context));
        left = minus(left, taken);
      }
      const rest = minus(allocation.quantity.value, taken);
      if (isPositive(rest)) kept.push({ ...allocation, quantity: { ...allocation.quantity, value: rest } });
    }
    lines.set(line.lineId, { ...line, allocations: kept });
  }

  return {
    outcome: 'CONSUMED',
    reservation: { ...command.reservation, lines: [...lines.values()] },
    entries,
    ...book.changes(),
    events: stockChangedEvents(entries),
  };
}

function overShipment(command: ConsumeReservation, shipment: ShippedLine, reserved: string): ConsumeOutcome {
  const { orderId } = command.reservation;
  return {
    outcome: 'REJECTED',
    error: new InventoryError(
      InventoryErrorCode.OVER_SHIPMENT,
      `order ${orderId} line ${shipment.lineId} shipped ${shipment.shipped.value} ${shipment.shipped.uom} of SKU "${shipment.sku}" ` +
        `but holds only ${reserved}`,
      { orderId, lineId: shipment.lineId, sku: shipment.sku, shipped: shipment.shipped.value, reserved },
    ),
  };
}
