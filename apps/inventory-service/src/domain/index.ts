/**
 * The inventory domain: pure functions, no I/O. Each use case takes the state the application
 * loaded inside its database transaction and returns the new state plus what happened (ledger
 * entries, events for the outbox, or a typed rejection for the exception queue); the application
 * writes it all back in the same transaction.
 *
 * Model
 * - A StockPosition holds the figures of one SKU at one location in the product's base unit:
 *   ON_HAND (sellable), RESERVED (held by orders), IN_TRANSIT, QUARANTINED, DAMAGED. Available to
 *   promise = on hand − reserved, derived on every read and reported as never below zero.
 * - Every change is an immutable LedgerEntry (figure, DELTA or ABSOLUTE, base-unit and reported
 *   quantity, cause, occurred and recorded times, status). Only APPLIED entries move balances;
 *   SUPERSEDED, STALE and NOT_AUTHORITATIVE ones are kept to explain the figures.
 * - applyStockEvent ingests WMS/3PL/Odoo movements (receipts, adjustments, transfers through an
 *   in-transit location, counts, quarantine and damage moves) under the ordering rules of
 *   ordering-rules.ts, so late, early and repeated delivery end on the in-order balance. A
 *   location's onHandAuthority decides which kind of system's movements apply there.
 * - reserveOrder / releaseReservation / consumeReservation move RESERVED (and, on shipment,
 *   ON_HAND). No oversell: reserveOrder never reserves beyond the available to promise of the
 *   positions it is given, so the caller must lock those positions (SELECT … FOR UPDATE, in a fixed
 *   order such as (sku, location) to avoid deadlocks) before loading them.
 * - channelAvailable: per channel, available to promise over its locations minus a buffer. The
 *   application publishes it at most once per channel, SKU and interval (AvailabilityPublisher).
 * - decideErpProductChange: Odoo's product master (base unit, active) applied only when newer
 *   than the change already held, and never rebasing quantities the ledger holds.
 */
export { applyStockEvent, type StockEventOutcome, type StockEventState } from './apply-stock-event';
export {
  channelAvailabilityChange,
  channelAvailable,
  reorderPointOf,
  type ChannelAvailabilityChange,
  type ChannelBuffer,
  type ChannelConfig,
  type ReorderPointCrossed,
} from './channel-availability';
export { consumeReservation, type ConsumeOutcome, type ConsumeReservation, type ShippedLine } from './consume-reservation';
export { decideErpProductChange, type ErpProductChange, type ErpProductDecision, type ProductMaster } from './erp-product-change';
export { InventoryError, InventoryErrorCode, type InventoryErrorDetails } from './inventory.errors';
export type { InventoryEvent, InventoryEventType } from './inventory-events';
export { stockChangedEvent, type LedgerEntry, type LedgerEntryStatus } from './ledger-entry';
export type { CountMark, SourceClock } from './ordering-rules';
export { compareQuantities, isDecimalString, normalizeQuantity, type DecimalString } from './quantity';
export { releaseReservation, type ReleaseOutcome, type ReleaseReservation } from './release-reservation';
export {
  ReservationReasonCode,
  reservedOf,
  type Allocation,
  type LineRequest,
  type LineReservation,
  type Reservation,
  type ReservationTrigger,
} from './reservation';
export type { ReservationPolicy, ReservationStatus } from './reservation-policy';
export { reserveOrder, type ReservationDecision, type ReserveOrder } from './reserve-order';
export type { StockState } from './stock-book';
export { locationsOf, type CountedQuantityType, type MoveKind, type StockEvent, type StockEventKind, type TransferKind } from './stock-event';
export {
  availableToPromise,
  emptyStockPosition,
  positionKey,
  type LocationConfig,
  type LocationKind,
  type OnHandAuthority,
  type StockPosition,
} from './stock-position';
export { toBaseUnits, type ProductUnits } from './units';
