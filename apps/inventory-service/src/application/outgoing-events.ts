import type { OutgoingEvent } from '@backbone/events';
import type { InventoryEvent } from '../domain';

/**
 * The Kafka key of each inventory event: stock changes by SKU@location (one position's changes stay
 * in order), reservations by order, availability by channel/SKU.
 */
export function toOutgoing(event: InventoryEvent): OutgoingEvent {
  return { type: event.type, key: keyOf(event), payload: event.payload };
}

function keyOf(event: InventoryEvent): string {
  switch (event.type) {
    case 'backbone.inventory.StockChanged':
      return `${event.payload.sku}@${event.payload.locationId}`;
    case 'backbone.inventory.AvailabilityChanged':
    case 'backbone.inventory.ReorderPointReached':
      return `${event.payload.channel}/${event.payload.sku}`;
    default:
      return event.payload.orderId;
  }
}
