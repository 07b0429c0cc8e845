import type { InventoryEvent } from './inventory-events';
import { InventoryErrorCode } from './inventory.errors';
import { stockChangedEvents, type LedgerEntry } from './ledger-entry';
import { compareQuantities } from './quantity';
import { recordChange, type ChangeContext } from './record-change';
import {
  allocationDelta,
  reservationContext,
  ReservationReasonCode,
  reservationLines,
  reservedOf,
  type Allocation,
  type LineRequest,
  type LineReservation,
  type Reservation,
  type ReservationTrigger,
} from './reservation';
import { pickStock, rankCandidates, reservationStatus, type ReservationPolicy, type ReservationStatus } from './reservation-policy';
import { StockBook } from './stock-book';
import { availableToPromise, type StockPosition } from './stock-position';

export interface ReserveOrder {
  readonly orderId: string;
  readonly lines: readonly LineRequest[];
  readonly policy: ReservationPolicy;
  /** The locations that may fulfil the order, e.g. those serving its channel. */
  readonly locationIds: readonly string[];
  /** The customer's or channel's preferred warehouse; it counts only if it is one of locationIds. */
  readonly preferredLocationId: string | null;
  readonly trigger: ReservationTrigger;
  readonly occurredAt: Date;
}

export interface ReservationDecision {
  readonly status: ReservationStatus;
  /** To persist; a rejected order holds nothing. */
  readonly reservation: Reservation;
  /** One RESERVED delta per allocation. */
  readonly entries: readonly LedgerEntry[];
  /** Positions to write back. */
  readonly positions: readonly StockPosition[];
  /** StockChanged per entry, then ReservationConfirmed, ReservationPartial or ReservationRejected. */
  readonly events: readonly InventoryEvent[];
}

/**
 * Reserves an order's lines at its locations (see reservation-policy.ts for the order of choice).
 * It never reserves more than a position's available to promise in `positions`; that this holds
 * under concurrency is the caller's part: load and lock the positions of the order's SKUs at its
 * locations in the same transaction that writes the result. Lines of the same SKU share its stock.
 */
export function reserveOrder(command: ReserveOrder, positions: readonly StockPosition[], recordedAt: Date): ReservationDecision {
  const book = new StockBook({ positions, countMarks: [] });
  const context = reservationContext(command.trigger, ReservationReasonCode.RESERVED, command.occurredAt, recordedAt);
  const reserved = command.lines.map((line) => reserveLine(book, line, command, context));
  const lines = reserved.map((result) => result.line);
  const status = reservationStatus(
    lines.map((line) => ({ requested: line.requested.value, reserved: reservedOf(line) })),
    command.policy,
  );
  if (status === 'REJECTED') return rejected(command, lines);

  const entries = reserved.flatMap((result) => result.entries);
  const type = status === 'CONFIRMED' ? 'backbone.inventory.ReservationConfirmed' : 'backbone.inventory.ReservationPartial';
  return {
    status,
    reservation: { orderId: command.orderId, lines },
    entries,
    positions: book.changes().positions,
    events: [...stockChangedEvents(entries), { type, payload: { orderId: command.orderId, lines: reservationLines(lines) } }],
  };
}

/** Allocates one line from what the book still has available, and books it there for the next line to see. */
function reserveLine(book: StockBook, line: LineRequest, command: ReserveOrder, context: ChangeContext) {
  const { lineId, sku, quantity } = line;
  const candidates = [...new Set(command.locationIds)].map((locationId) => ({
    locationId,
    available: availableToPromise(book.position(sku, locationId)),
  }));
  const picks = pickStock(quantity.value, rankCandidates(candidates, command.preferredLocationId));
  const allocations = picks.map(
    (pick): Allocation => ({ lineId, sku, locationId: pick.locationId, quantity: { value: pick.quantity, uom: quantity.uom } }),
  );
  const entries = allocations.map((allocation) =>
    recordChange(book, allocationDelta(allocation, 'RESERVED', allocation.quantity.value), context),
  );
  const reserved: LineReservation = { lineId, sku, requested: quantity, allocations };
  return { line: reserved, entries };
}

/** Nothing is held; the event still says, per line, what was asked. */
function rejected(command: ReserveOrder, attempted: readonly LineReservation[]): ReservationDecision {
  const short = attempted.filter((line) => compareQuantities(reservedOf(line), line.requested.value) < 0).length;
  const lines = attempted.map((line) => ({ ...line, allocations: [] }));
  const where = command.locationIds.join(', ') || 'no location';
  const reason = {
    code: InventoryErrorCode.OUT_OF_STOCK,
    message: `${short} of ${lines.length} order lines cannot be reserved in full at ${where} (policy ${command.policy})`,
  };
  return {
    status: 'REJECTED',
    reservation: { orderId: command.orderId, lines },
    entries: [],
    positions: [],
    events: [
      { type: 'backbone.inventory.ReservationRejected', payload: { orderId: command.orderId, lines: reservationLines(lines), reason } },
    ],
  };
}
