import type { EventPayloads, TopicEvents } from '@backbone/schemas';

export type InventoryEventType = TopicEvents['inventory.stock.v1'] | TopicEvents['inventory.availability.v1'];

/**
 * An event the domain decided to publish: its Avro full name and payload. The application layer
 * appends it to the outbox in the same transaction, choosing the record key and the headers.
 */
export type InventoryEvent = { [T in InventoryEventType]: { readonly type: T; readonly payload: EventPayloads[T] } }[InventoryEventType];
