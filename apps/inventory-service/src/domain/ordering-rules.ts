/**
 * Ordering rules: stock changes arrive late, early or twice, and the balance must not care.
 *
 * An ABSOLUTE count states the level of one figure (SKU × location × quantity type) at the instant
 * it occurred: every movement up to and including that instant is in it, nothing after it is. Per
 * figure we keep a count mark: the last applied count's source system, occurredAt and (optional)
 * per-source sequence. Then:
 *
 * 1. Duplicates: a change whose source event was already recorded is a no-op (the caller knows
 *    from the ledger's unique (source system, event id); the inbox guards redelivery too).
 * 2. A DELTA that occurred at or before the count mark is SUPERSEDED: recorded in the ledger, but
 *    the count already includes it, so the balance does not move.
 * 3. A count older than the count mark is STALE: recorded, ignored.
 * 4. A count that is not older is APPLIED: the figure becomes the count plus every applied delta
 *    that occurred after the count, so a delta that arrived before its older count is not lost.
 * 5. "Before" compares per-source sequences when both sides come from the same source system and
 *    both carry one (a source's sequence beats its clock); otherwise it compares occurredAt. Two
 *    counts at the same instant without sequences tie: the one recorded last wins.
 *
 * With these rules any delivery order of the same changes ends on the same balance as in-order
 * delivery (the spec checks every permutation of several histories).
 *
 * The mark is kept per figure rather than per (source system, figure): a count is physical truth
 * whoever took it, so a delta this service books itself (a shipment consuming on hand) must be
 * superseded by, and re-applied over, a WMS count exactly like the WMS's own deltas.
 */
import type { QuantityType } from '@backbone/schemas';
import type { LedgerEntry } from './ledger-entry';
import { sumQuantities, type DecimalString } from './quantity';

/** When a change happened, as its source tells it. */
export interface SourceClock {
  readonly sourceSystem: string;
  readonly occurredAt: Date;
  readonly sequence: number | null;
}

/** The last applied absolute count of one figure. */
export interface CountMark extends SourceClock {
  readonly sku: string;
  readonly locationId: string;
  readonly quantityType: QuantityType;
}

/** Negative when `a` happened before `b`, positive when after, zero when they cannot be told apart. */
export function compareSourceClocks(a: SourceClock, b: SourceClock): number {
  if (a.sourceSystem === b.sourceSystem && a.sequence !== null && b.sequence !== null) return a.sequence - b.sequence;
  return a.occurredAt.getTime() - b.occurredAt.getTime();
}

/** Rule 2. */
export function isSupersededDelta(delta: SourceClock, mark: CountMark | undefined): boolean {
  return mark !== undefined && compareSourceClocks(delta, mark) <= 0;
}

/** Rule 3. */
export function isStaleCount(count: SourceClock, mark: CountMark | undefined): boolean {
  return mark !== undefined && compareSourceClocks(count, mark) < 0;
}

function clockOf(entry: LedgerEntry): SourceClock {
  return { sourceSystem: entry.cause.sourceSystem, occurredAt: entry.occurredAt, sequence: entry.sequence };
}

/**
 * Rule 4: the sum of the applied deltas of the counted figure that occurred after the count.
 * `recentEntries` may hold more (other figures, other statuses, older entries); they are skipped.
 */
export function deltasAfterCount(count: CountMark, recentEntries: readonly LedgerEntry[]): DecimalString {
  const later = recentEntries.filter(
    (entry) =>
      entry.status === 'APPLIED' &&
      entry.changeKind === 'DELTA' &&
      entry.sku === count.sku &&
      entry.locationId === count.locationId &&
      entry.quantityType === count.quantityType &&
      compareSourceClocks(clockOf(entry), count) > 0,
  );
  return sumQuantities(later.map((entry) => entry.quantity.value));
}
