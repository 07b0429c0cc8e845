import { eventsOnTopic, type EventPayloads } from '@backbone/schemas';
import { applyShipment, channelStatusFor, fulfilmentStatus, ORDER_STATUSES, type ChannelMapping, type OrderEventType, type OrderLine, type OrderStatus } from '../domain';
import { openLine } from '../domain/order-lines';

/** Every event the order-service publishes on orders.order.v1: what channels may subscribe to. */
export const ORDER_EVENT_TYPES = eventsOnTopic('orders.order.v1').map((event) => event.name);

/** Event types as subscriptions name them: the Avro record name without its namespace ("OrderShipmentRecorded"). */
export const NOTIFIABLE_EVENTS = ORDER_EVENT_TYPES.map(shortName);

export function shortName(eventType: string): string {
  return eventType.slice(eventType.lastIndexOf('.') + 1);
}

/**
 * What the notifications keep of an order to tell its channel where it stands: the channel (only
 * OrderReceived names it), the status after the latest event and the line quantities shipments
 * move (the status after a shipment depends on every line, not only the shipped ones).
 */
export interface TrackedOrder {
  orderId: string;
  channel: string;
  status: OrderStatus;
  lines: OrderLine[];
}

export type OrderEvent = { [T in OrderEventType]: { type: T; payload: EventPayloads[T] } }[OrderEventType];

/**
 * The order after `event`, from the order before it. Undefined for an event of an order whose
 * OrderReceived was never seen (nothing says which channel to tell). Events of one order arrive in
 * order (they share the partition, keyed by order id), so the previous state is the right base.
 */
export function trackOrder(before: TrackedOrder | undefined, event: OrderEvent): TrackedOrder | undefined {
  if (event.type === 'backbone.orders.OrderReceived') {
    const { orderId, channel, lines } = event.payload;
    return { orderId, channel, status: 'RECEIVED', lines: lines.map(openLine) };
  }
  if (!before) return undefined;
  switch (event.type) {
    case 'backbone.orders.OrderShipmentRecorded': {
      const shipped = applyShipment(before.lines, { shipmentId: event.payload.shipmentId, lines: event.payload.lines });
      // The order-service accepted this shipment; if the copy disagrees, keep the last known status rather than guess.
      if (!shipped.ok) return before;
      const fulfilment = fulfilmentStatus(shipped.value);
      return { ...before, lines: shipped.value, status: fulfilment === 'NOT_SHIPPED' ? 'RELEASED' : fulfilment };
    }
    case 'backbone.orders.OrderHoldReleased':
      return { ...before, status: isOrderStatus(event.payload.resumedStatus) ? event.payload.resumedStatus : before.status };
    default:
      return { ...before, status: STATUS_AFTER[event.type] };
  }
}

const STATUS_AFTER: Record<Exclude<OrderEventType, 'backbone.orders.OrderReceived' | 'backbone.orders.OrderShipmentRecorded' | 'backbone.orders.OrderHoldReleased'>, OrderStatus> = {
  'backbone.orders.OrderValidated': 'VALIDATED',
  'backbone.orders.OrderRejected': 'REJECTED',
  'backbone.orders.OrderOnHold': 'ON_HOLD',
  'backbone.orders.OrderReserved': 'RESERVED',
  'backbone.orders.OrderConfirmed': 'CONFIRMED_IN_ERP',
  'backbone.orders.OrderReleased': 'RELEASED',
  'backbone.orders.OrderCancelled': 'CANCELLED',
  'backbone.orders.OrderInvoiced': 'INVOICED',
};

function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
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

export function orderNotification(order: TrackedOrder, event: OrderEvent, facts: EventFacts, mapping: ChannelMapping | undefined): OrderNotification {
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
