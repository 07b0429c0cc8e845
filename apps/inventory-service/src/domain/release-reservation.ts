import type { Reason } from '@backbone/schemas';
import type { InventoryEvent } from './inventory-events';
import { stockChangedEvents, type LedgerEntry } from './ledger-entry';
import { negate } from './quantity';
import { recordChange } from './record-change';
import {
  allocationDelta,
  allocationLine,
  reservationContext,
  ReservationReasonCode,
  type Reservation,
  type ReservationTrigger,
} from './reservation';
import { StockBook } from './stock-book';
import type { StockPosition } from './stock-position';

export interface ReleaseReservation {
  readonly reservation: Reservation;
  /** Why, e.g. the cancellation's reason ("ORDER.CUSTOMER_REQUEST") or "INVENTORY.RESERVATION_EXPIRED". */
  readonly reason: Reason;
  readonly trigger: ReservationTrigger;
  readonly occurredAt: Date;
}

export interface ReleaseOutcome {
  /** The order's lines, holding nothing any more. */
  readonly reservation: Reservation;
  /** One negative RESERVED delta per allocation released. */
  readonly entries: readonly LedgerEntry[];
  readonly positions: readonly StockPosition[];
  /** StockChanged per entry, then ReservationReleased; nothing when the order held nothing. */
  readonly events: readonly InventoryEvent[];
}

/**
 * Releases everything the order still holds (e.g. on cancellation), so it is available to promise
 * again. Releasing a reservation that holds nothing changes nothing, so a repeated cancellation is harmless.
 */
export function releaseReservation(command: ReleaseReservation, positions: readonly StockPosition[], recordedAt: Date): ReleaseOutcome {
  const { reservation } = command;
  const book = new StockBook({ positions, countMarks: [] });
  const context = reservationContext(command.trigger, ReservationReasonCode.RELEASED, command.occurredAt, recordedAt);
  const released = reservation.lines.flatMap((line) => line.allocations);
  const entries = released.map((allocation) =>
    recordChange(book, allocationDelta(allocation, 'RESERVED', negate(allocation.quantity.value)), context),
  );
  const events: InventoryEvent[] =
    released.length === 0
      ? []
      : [
          ...stockChangedEvents(entries),
          {
            type: 'backbone.inventory.ReservationReleased',
            payload: { orderId: reservation.orderId, lines: released.map(allocationLine), reason: command.reason },
          },
        ];
  return {
    reservation: { ...reservation, lines: reservation.lines.map((line) => ({ ...line, allocations: [] })) },
    entries,
    positions: book.changes().positions,
    events,
  };
}
