import type { ChangeKind, Quantity, QuantityType, StockChangeCause } from '@backbone/schemas';
import type { LedgerEntry, LedgerEntryStatus } from './ledger-entry';
import { deltasAfterCount, isStaleCount, isSupersededDelta, type CountMark, type SourceClock } from './ordering-rules';
import { plus, type DecimalString } from './quantity';
import type { StockBook } from './stock-book';
import { withBalance } from './stock-position';

/** A change to one figure, already in the product's base unit, before the ordering rules judge it. */
export interface PlannedChange {
  readonly sku: string;
  readonly locationId: string;
  readonly quantityType: QuantityType;
  readonly changeKind: ChangeKind;
  /** Signed for DELTA; the level for ABSOLUTE. */
  readonly quantity: Quantity;
  readonly reportedQuantity: Quantity;
}

/** What all changes caused by one event share. */
export interface ChangeContext {
  readonly cause: StockChangeCause;
  readonly sequence: number | null;
  readonly occurredAt: Date;
  readonly recordedAt: Date;
}

export interface RecordOptions {
  /** False when the reporting system is not the location's stock master: recorded, not applied. */
  readonly authoritative?: boolean;
  /** For a count: ledger entries that may have occurred after it (see `deltasAfterCount`). */
  readonly recentEntries?: readonly LedgerEntry[];
}

/** Judges one change by the ordering rules, applies it to the book if it counts, and returns its ledger entry. */
export function recordChange(book: StockBook, change: PlannedChange, context: ChangeContext, options: RecordOptions = {}): LedgerEntry {
  const position = book.position(change.sku, change.locationId);
  const balance = position.balances[change.quantityType];
  const clock: SourceClock = { sourceSystem: context.cause.sourceSystem, occurredAt: context.occurredAt, sequence: context.sequence };
  const mark = book.countMark(change.sku, change.locationId, change.quantityType);
  const entry = (status: LedgerEntryStatus, balanceAfter: DecimalString): LedgerEntry => ({ ...change, ...context, status, balanceAfter });

  if (options.authoritative === false) return entry('NOT_AUTHORITATIVE', balance);

  if (change.changeKind === 'DELTA') {
    if (isSupersededDelta(clock, mark)) return entry('SUPERSEDED', balance);
    const balanceAfter = plus(balance, change.quantity.value);
    book.setPosition(withBalance(position, change.quantityType, balanceAfter));
    return entry('APPLIED', balanceAfter);
  }

  if (isStaleCount(clock, mark)) return entry('STALE', balance);
  const newMark: CountMark = { sku: change.sku, locationId: change.locationId, quantityType: change.quantityType, ...clock };
  const balanceAfter = plus(change.quantity.value, deltasAfterCount(newMark, options.recentEntries ?? []));
  book.setPosition(withBalance(position, change.quantityType, balanceAfter));
  book.setCountMark(newMark);
  return entry('APPLIED', balanceAfter);
}
