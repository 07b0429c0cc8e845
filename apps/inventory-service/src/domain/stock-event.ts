import type { Quantity, QuantityType, StockChangeCause } from '@backbone/schemas';
import { isNegative, isPositive, negate } from './quantity';
import type { PlannedChange } from './record-change';
import type { OnHandAuthority } from './stock-position';

export type MoveKind = 'RECEIPT' | 'ADJUSTMENT' | 'MOVE_TO_QUARANTINE' | 'MOVE_FROM_QUARANTINE' | 'MOVE_TO_DAMAGED' | 'MOVE_FROM_DAMAGED';
export type TransferKind = 'TRANSFER_OUT' | 'TRANSFER_IN';
export type StockEventKind = MoveKind | TransferKind | 'CYCLE_COUNT';

/** Reservations belong to this service; a WMS cannot count them. */
export type CountedQuantityType = Exclude<QuantityType, 'RESERVED'>;

interface StockEventFields {
  readonly sku: string;
  /** Where it happened; for a transfer, the shipping (OUT) or the receiving (IN) location. */
  readonly locationId: string;
  /** As the source reported it: signed for an adjustment, the level for a count, else the amount moved. */
  readonly quantity: Quantity;
  readonly cause: StockChangeCause;
  readonly occurredAt: Date;
  /** The source's own sequence number, when it sends one (see ordering-rules.ts). */
  readonly sequence: number | null;
  /** The kind of system that reported it, compared with each location's onHandAuthority. */
  readonly reportedBy: OnHandAuthority;
}

/**
 * A stock movement reported by a WMS, 3PL or Odoo, translated by the ingest adapter. A transfer
 * travels through an in-transit location: TRANSFER_OUT moves stock from on hand at the shipping
 * location into transit there; TRANSFER_IN moves it out of transit into on hand at the receiving one.
 */
export type StockEvent =
  | (StockEventFields & { readonly kind: MoveKind })
  | (StockEventFields & { readonly kind: TransferKind; readonly transitLocationId: string })
  | (StockEventFields & { readonly kind: 'CYCLE_COUNT'; readonly quantityType: CountedQuantityType });

interface DeltaEffect {
  readonly at: 'EVENT_LOCATION' | 'TRANSIT_LOCATION';
  readonly quantityType: QuantityType;
  readonly direction: 1 | -1;
}

const DELTA_EFFECTS: Readonly<Record<MoveKind | TransferKind, readonly DeltaEffect[]>> = {
  RECEIPT: [{ at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: 1 }],
  ADJUSTMENT: [{ at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: 1 }],
  TRANSFER_OUT: [
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: -1 },
    { at: 'TRANSIT_LOCATION', quantityType: 'IN_TRANSIT', direction: 1 },
  ],
  TRANSFER_IN: [
    { at: 'TRANSIT_LOCATION', quantityType: 'IN_TRANSIT', direction: -1 },
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: 1 },
  ],
  MOVE_TO_QUARANTINE: [
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: -1 },
    { at: 'EVENT_LOCATION', quantityType: 'QUARANTINED', direction: 1 },
  ],
  MOVE_FROM_QUARANTINE: [
    { at: 'EVENT_LOCATION', quantityType: 'QUARANTINED', direction: -1 },
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: 1 },
  ],
  MOVE_TO_DAMAGED: [
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: -1 },
    { at: 'EVENT_LOCATION', quantityType: 'DAMAGED', direction: 1 },
  ],
  MOVE_FROM_DAMAGED: [
    { at: 'EVENT_LOCATION', quantityType: 'DAMAGED', direction: -1 },
    { at: 'EVENT_LOCATION', quantityType: 'ON_HAND', direction: 1 },
  ],
};

export function isTransfer(event: StockEvent): event is Extract<StockEvent, { kind: TransferKind }> {
  return event.kind === 'TRANSFER_OUT' || event.kind === 'TRANSFER_IN';
}

/** Every location the event touches, the event's own first. */
export function locationsOf(event: StockEvent): string[] {
  return isTransfer(event) ? [event.locationId, event.transitLocationId] : [event.locationId];
}

/** Why the (base-unit) quantity does not fit the event kind, or null when it does. */
export function quantitySignProblem(event: StockEvent, base: Quantity): string | null {
  if (event.kind === 'ADJUSTMENT') return null;
  if (event.kind === 'CYCLE_COUNT') return isNegative(base.value) ? 'a count cannot be negative' : null;
  return isPositive(base.value) ? null : `${event.kind} needs a positive quantity`;
}

/** The figure changes the event stands for, in the order a person would book them. */
export function plannedChanges(event: StockEvent, base: Quantity): PlannedChange[] {
  const common = { sku: event.sku, reportedQuantity: event.quantity };
  if (event.kind === 'CYCLE_COUNT') {
    return [{ ...common, locationId: event.locationId, quantityType: event.quantityType, changeKind: 'ABSOLUTE', quantity: base }];
  }
  return DELTA_EFFECTS[event.kind].map((effect) => ({
    ...common,
    locationId: effect.at === 'TRANSIT_LOCATION' && isTransfer(event) ? event.transitLocationId : event.locationId,
    quantityType: effect.quantityType,
    changeKind: 'DELTA',
    quantity: { value: effect.direction === 1 ? base.value : negate(base.value), uom: base.uom },
  }));
}
