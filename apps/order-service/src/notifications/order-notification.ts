import { eventsOnTopic, type EventPayloads } from '@backbone/schemas';
import { channelStatusFor, type ChannelMapping, type OrderEventType, type OrderStatus } from '../domain';

/** Every event the order-service publishes on orders.order.v1: what channels may subscribe to. */
export const ORDER_EVENT_TYPES = eventsOnTopic('orders.order.v1').map((event) => event.name);

/** Event types as subscriptions name them: the Avro record name without its namespace ("OrderShipmentRecorded"). */
export const NOTIFIABLE_EVENTS = ORDER_EVENT_TYPES.map(shortName);

export function shortName(eventType: string): string {
  return eventType.slice(eventType.lastIndexOf('.') + 1);
}

export type OrderEvent = { [T in OrderEventType]: { type: T; payload: EventPayloads[T] } }[OrderEventType];

/**
 * An order change as the notifications see it, taken in the change's own transaction: the order
 * after it (its channel and new status) and the event it published, with that event's facts.
 */
export interface OrderChangeNotice {
  order: { orderId: string; channel: string; status: OrderStatus };
  event: OrderEvent;
  facts: EventFacts;
}

/** The JSON body a channel receives; `data` is the event's own payload. */
export interface OrderNotification {
  eventId: string;
  eventType: string;
  orderId: string;
  channel: string;
  /** The backbone's order status after the event. */
  status: OrderStatus;
  /** The channel's own word for `status` (its mapping table), or null when it has none. */
  channelStatus: string | null;
  occurredAt: string;
  correlationId: string;
  data: unknown;
}

export interface EventFacts {
  eventId: string;
  correlationId: string;
  occurredAt: Date;
}

export function orderNotification({ order, event, facts }: OrderChangeNotice, mapping: ChannelMapping | undefined): OrderNotification {
  return {
    eventId: facts.eventId,
    eventType: shortName(event.type),
    orderId: order.orderId,
    channel: order.channel,
    status: order.status,
    channelStatus: (mapping && channelStatusFor(mapping, order.status)) ?? null,
    occurredAt: facts.occurredAt.toISOString(),
    correlationId: facts.correlationId,
    data: event.payload,
  };
}
