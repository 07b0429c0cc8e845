import type { ChangeKind, Quantity, QuantityType, StockChangeCause } from '@backbone/schemas';
import type { InventoryEvent } from './inventory-events';
import type { DecimalString } from './quantity';

/**
 * What became of a change (see ordering-rules.ts): APPLIED moved the balance; SUPERSEDED is a delta
 * a newer absolute count already includes; STALE is a count older than the latest applied one;
 * NOT_AUTHORITATIVE came from a system that is not the location's stock master. Only APPLIED
 * entries move balances, but every change is kept, so the ledger explains each figure.
 */
export type LedgerEntryStatus = 'APPLIED' | 'SUPERSEDED' | 'STALE' | 'NOT_AUTHORITATIVE';

/** One immutable line of the stock ledger: one change of one figure of one SKU at one location. */
export interface LedgerEntry {
  readonly sku: string;
  readonly locationId: string;
  readonly quantityType: QuantityType;
  readonly changeKind: ChangeKind;
  /** In the product's base unit: the signed change (DELTA) or the counted level (ABSOLUTE). */
  readonly quantity: Quantity;
  /** The quantity as the source reported it, before unit conversion (for a move: the amount moved). */
  readonly reportedQuantity: Quantity;
  readonly cause: StockChangeCause;
  /** The source's own sequence number for the change, when it sends one. */
  readonly sequence: number | null;
  /** When the change happened in the source system. */
  readonly occurredAt: Date;
  /** When this service recorded it. */
  readonly recordedAt: Date;
  readonly status: LedgerEntryStatus;
  /** The figure after this entry (unchanged unless APPLIED); for a count, the count plus later deltas. */
  readonly balanceAfter: DecimalString;
}

/**
 * The StockChanged event for an applied entry. A count is published as the level it produced, so
 * consumers that hold the latest ABSOLUTE level never miss deltas this service re-applied on top.
 */
export function stockChangedEvent(entry: LedgerEntry): InventoryEvent {
  const quantity = entry.changeKind === 'ABSOLUTE' ? { value: entry.balanceAfter, uom: entry.quantity.uom } : entry.quantity;
  return {
    type: 'backbone.inventory.StockChanged',
    payload: {
      sku: entry.sku,
      locationId: entry.locationId,
      quantityType: entry.quantityType,
      changeKind: entry.changeKind,
      quantity,
      cause: entry.cause,
      occurredAt: entry.occurredAt,
    },
  };
}

/** The events that publish a use case's ledger entries: one StockChanged per applied entry. */
export function stockChangedEvents(entries: readonly LedgerEntry[]): InventoryEvent[] {
  return entries.filter((entry) => entry.status === 'APPLIED').map(stockChangedEvent);
}
