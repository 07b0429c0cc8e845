import type { StockMovementReported } from '@backbone/schemas';
import type { CountedQuantityType, StockEvent } from '../domain';

/**
 * The domain's StockEvent for a reported movement (from the inventory.movements.v1 topic or the
 * stock webhook, which carry the same content). Kind-specific fields that are missing are left
 * for the domain to reject with a precise reason.
 */
export function toStockEvent(movement: StockMovementReported): StockEvent {
  const common = {
    sku: movement.sku,
    locationId: movement.locationId,
    quantity: movement.quantity,
    cause: { eventId: movement.sourceEventId, sourceSystem: movement.sourceSystem, reasonCode: movement.reasonCode },
    occurredAt: movement.occurredAt,
    sequence: movement.sequence,
    reportedBy: movement.reportedBy,
  };
  switch (movement.kind) {
    case 'TRANSFER_OUT':
    case 'TRANSFER_IN':
      return { ...common, kind: movement.kind, transitLocationId: movement.transitLocationId ?? '' };
    case 'CYCLE_COUNT':
      // A count that does not name its figure counted sellable stock.
      return { ...common, kind: 'CYCLE_COUNT', quantityType: (movement.countedQuantityType ?? 'ON_HAND') as CountedQuantityType };
    default:
      return { ...common, kind: movement.kind };
  }
}
