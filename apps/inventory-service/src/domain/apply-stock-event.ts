import type { Quantity } from '@backbone/schemas';
import type { InventoryEvent } from './inventory-events';
import { InventoryError, InventoryErrorCode } from './inventory.errors';
import { stockChangedEvents, type LedgerEntry } from './ledger-entry';
import type { CountMark } from './ordering-rules';
import { recordChange, type ChangeContext } from './record-change';
import { StockBook, type StockState } from './stock-book';
import { isTransfer, locationsOf, plannedChanges, quantitySignProblem, type StockEvent } from './stock-event';
import { breaksNegativeOnHandRule, type LocationConfig, type StockPosition } from './stock-position';
import { toBaseUnits, type ProductUnits } from './units';

/** What the caller loads, in its transaction and with the event's positions locked, before applying a stock event. */
export interface StockEventState extends StockState {
  /** The SKU's units of measure; null when the SKU is not known. */
  readonly product: ProductUnits | null;
  /** The configs of the event's locations that exist; a missing one makes the event invalid. */
  readonly locations: readonly LocationConfig[];
  /**
   * Applied deltas at the event's positions that may have occurred after it: those at or after its
   * occurredAt and, when it carries a sequence, its source's with a higher one. Read for counts only;
   * passing more is harmless.
   */
  readonly recentEntries: readonly LedgerEntry[];
  /** True when the ledger already holds an entry caused by this source event. */
  readonly alreadyRecorded: boolean;
}

export type StockEventOutcome =
  | { readonly outcome: 'DUPLICATE' }
  /** Nothing changes; the caller files `error` in the exception queue. */
  | { readonly outcome: 'REJECTED'; readonly error: InventoryError }
  | {
      readonly outcome: 'RECORDED';
      /** Every change the event stands for, applied or not (see LedgerEntryStatus). */
      readonly entries: readonly LedgerEntry[];
      /** Positions and count marks to write back. */
      readonly positions: readonly StockPosition[];
      readonly countMarks: readonly CountMark[];
      /** One StockChanged per applied entry, for the outbox. */
      readonly events: readonly InventoryEvent[];
    };

/**
 * Applies a WMS/3PL/Odoo stock event to the ledger: validates it, converts its quantity to the
 * base unit, judges each resulting change by the ordering rules and the locations' authority, and
 * returns the entries and new state, or a rejection with a precise reason. Never throws for bad input.
 */
export function applyStockEvent(event: StockEvent, state: StockEventState, recordedAt: Date): StockEventOutcome {
  if (state.alreadyRecorded) return { outcome: 'DUPLICATE' };
  const checked = checkEvent(event, state);
  if (checked instanceof InventoryError) return { outcome: 'REJECTED', error: checked };

  const book = new StockBook(state);
  const touched = locationsOf(event).map((locationId) => book.position(event.sku, locationId));
  const context: ChangeContext = { cause: event.cause, sequence: event.sequence, occurredAt: event.occurredAt, recordedAt };
  const entries = plannedChanges(event, checked.base).map((change) =>
    recordChange(book, change, context, {
      authoritative: checked.locations.get(change.locationId)?.onHandAuthority === event.reportedBy,
      recentEntries: state.recentEntries,
    }),
  );

  for (const before of touched) {
    const after = book.position(before.sku, before.locationId);
    if (breaksNegativeOnHandRule(before, after, checked.locations.get(before.locationId) as LocationConfig)) {
      return {
        outcome: 'REJECTED',
        error: new InventoryError(
          InventoryErrorCode.NEGATIVE_ON_HAND_NOT_ALLOWED,
          `${event.kind} would take on hand of SKU "${event.sku}" at "${before.locationId}" to ${after.balances.ON_HAND}, ` +
            'and the location does not allow negative on hand',
          { sku: event.sku, locationId: before.locationId, onHandBefore: before.balances.ON_HAND, onHandAfter: after.balances.ON_HAND },
        ),
      };
    }
  }
  return { outcome: 'RECORDED', entries, ...book.changes(), events: stockChangedEvents(entries) };
}

interface CheckedEvent {
  readonly base: Quantity;
  readonly locations: ReadonlyMap<string, LocationConfig>;
}

/** The first reason the event cannot be applied, in the order an operator would fix them. */
function checkEvent(event: StockEvent, state: StockEventState): CheckedEvent | InventoryError {
  if (state.product === null || state.product.sku !== event.sku) {
    return new InventoryError(InventoryErrorCode.UNKNOWN_SKU, `SKU "${event.sku}" is not known`, { sku: event.sku });
  }
  const locations = new Map(state.locations.map((location) => [location.locationId, location]));
  for (const locationId of locationsOf(event)) {
    if (!locations.has(locationId)) {
      const details = { sku: event.sku, locationId };
      return new InventoryError(InventoryErrorCode.UNKNOWN_LOCATION, `location "${locationId}" is not known`, details);
    }
  }
  if (isTransfer(event)) {
    const transit = locations.get(event.transitLocationId) as LocationConfig;
    if (transit.kind !== 'IN_TRANSIT') {
      return new InventoryError(
        InventoryErrorCode.NOT_A_TRANSIT_LOCATION,
        `${event.kind} goes through "${transit.locationId}", a ${transit.kind} location, not an IN_TRANSIT one`,
        { sku: event.sku, locationId: transit.locationId, kind: transit.kind },
      );
    }
  }
  const base = toBaseUnits(state.product, event.quantity);
  if (base instanceof InventoryError) return base;
  const signProblem = quantitySignProblem(event, base);
  if (signProblem !== null) {
    return new InventoryError(InventoryErrorCode.INVALID_QUANTITY, `${signProblem}: got ${event.quantity.value} ${event.quantity.uom}`, {
      sku: event.sku,
      kind: event.kind,
      value: event.quantity.value,
    });
  }
  return { base, locations };
}
