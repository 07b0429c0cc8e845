import type { EventPayloads } from '@backbone/schemas';
import { Decimal } from 'decimal.js';

/** The orders.order.v1 events the projection follows. */
export const PROJECTED_ORDER_EVENTS = [
  'backbone.orders.OrderReceived',
  'backbone.orders.OrderValidated',
  'backbone.orders.OrderRejected',
  'backbone.orders.OrderOnHold',
  'backbone.orders.OrderHoldReleased',
  'backbone.orders.OrderReserved',
  'backbone.orders.OrderConfirmed',
  'backbone.orders.OrderReleased',
  'backbone.orders.OrderShipmentRecorded',
  'backbone.orders.OrderInvoiced',
  'backbone.orders.OrderCancelled',
] as const;

export type ProjectedOrderEvent = (typeof PROJECTED_ORDER_EVENTS)[number];

export interface OrderStatusChange {
  orderId: string;
  status: string;
  /** Present only when the event carries it (OrderConfirmed). */
  erpOrderId?: number | null;
}

/**
 * The order status an event leaves the order in, in the order-service's vocabulary. A shipment
 * with anything still backordered leaves it PARTIALLY_SHIPPED; the exact fulfilment status does
 * not matter to the ERP comparison (every shipped state is a confirmed sales order).
 */
export function statusChangeOf<T extends ProjectedOrderEvent>(type: T, payload: EventPayloads[T]): OrderStatusChange {
  const { orderId } = payload;
  switch (type) {
    case 'backbone.orders.OrderReceived':
      return { orderId, status: 'RECEIVED' };
    case 'backbone.orders.OrderValidated':
      return { orderId, status: 'VALIDATED' };
    case 'backbone.orders.OrderRejected':
      return { orderId, status: 'REJECTED' };
    case 'backbone.orders.OrderOnHold':
      return { orderId, status: 'ON_HOLD' };
    case 'backbone.orders.OrderHoldReleased':
      return { orderId, status: (payload as EventPayloads['backbone.orders.OrderHoldReleased']).resumedStatus };
    case 'backbone.orders.OrderReserved':
      return { orderId, status: 'RESERVED' };
    case 'backbone.orders.OrderConfirmed':
      return { orderId, status: 'CONFIRMED_IN_ERP', erpOrderId: (payload as EventPayloads['backbone.orders.OrderConfirmed']).erpOrderId };
    case 'backbone.orders.OrderReleased':
      return { orderId, status: 'RELEASED' };
    case 'backbone.orders.OrderShipmentRecorded': {
      const lines = (payload as EventPayloads['backbone.orders.OrderShipmentRecorded']).lines;
      return { orderId, status: lines.some((line) => new Decimal(line.backordered.value).gt(0)) ? 'PARTIALLY_SHIPPED' : 'SHIPPED' };
    }
    case 'backbone.orders.OrderInvoiced':
      return { orderId, status: 'INVOICED' };
    case 'backbone.orders.OrderCancelled':
      return { orderId, status: 'CANCELLED' };
    default:
      throw new TypeError(`not an order event the projection follows: ${String(type)}`);
  }
}
