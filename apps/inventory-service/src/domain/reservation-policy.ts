import { compareQuantities, isPositive, isZero, minQuantity, minus, type DecimalString } from './quantity';

/** ALL_OR_NOTHING reserves an order only if every line can be reserved in full; ALLOW_PARTIAL reserves what it can. */
export type ReservationPolicy = 'ALL_OR_NOTHING' | 'ALLOW_PARTIAL';

export type ReservationStatus = 'CONFIRMED' | 'PARTIAL' | 'REJECTED';

/** A location that may serve the order, and what it can still promise of the SKU. */
export interface Candidate {
  readonly locationId: string;
  readonly available: DecimalString;
}

export interface Pick {
  readonly locationId: string;
  readonly quantity: DecimalString;
}

/**
 * The order in which locations are asked: the customer's or channel's preferred warehouse first,
 * then the one with most available (fewest split shipments), then by location id so that the same
 * state always gives the same reservation.
 */
export function rankCandidates(candidates: readonly Candidate[], preferredLocationId: string | null): Candidate[] {
  return [...candidates].sort(
    (a, b) =>
      Number(b.locationId === preferredLocationId) - Number(a.locationId === preferredLocationId) ||
      compareQuantities(b.available, a.available) ||
      (a.locationId < b.locationId ? -1 : a.locationId > b.locationId ? 1 : 0),
  );
}

/** Takes `requested` from the ranked candidates in turn, never more than a candidate has available. */
export function pickStock(requested: DecimalString, ranked: readonly Candidate[]): Pick[] {
  const picks: Pick[] = [];
  let remaining = requested;
  for (const candidate of ranked) {
    if (!isPositive(remaining)) break;
    const quantity = minQuantity(remaining, candidate.available);
    if (!isPositive(quantity)) continue;
    picks.push({ locationId: candidate.locationId, quantity });
    remaining = minus(remaining, quantity);
  }
  return picks;
}

/** The outcome for an order, from requested and reserved quantity per line. */
export function reservationStatus(
  lines: readonly { requested: DecimalString; reserved: DecimalString }[],
  policy: ReservationPolicy,
): ReservationStatus {
  if (lines.every((line) => compareQuantities(line.reserved, line.requested) >= 0)) return 'CONFIRMED';
  if (policy === 'ALL_OR_NOTHING' || lines.every((line) => isZero(line.reserved))) return 'REJECTED';
  return 'PARTIAL';
}
