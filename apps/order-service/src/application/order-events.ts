import type {
  OrderCancelled,
  OrderConfirmed,
  OrderHoldReleased,
  OrderInvoiced,
  OrderOnHold,
  OrderRejected,
  OrderReleased,
  OrderReserved,
  OrderShipmentRecorded,
  OrderValidated,
  ReservedOrderLine,
} from '@backbone/schemas';
import { toOrderReceived, type Transitioned } from '../domain';
import type { Step } from './order-changes';

/**
 * The event payload of each kind of transition. The payloads state what changed; the whole order
 * travels once, in OrderReceived.
 */
export const steps = {
  received: (t: Transitioned): Step => ({ transitioned: t, payload: toOrderReceived(t.order) }),
  validated: (t: Transitioned): Step => ({ transitioned: t, payload: { orderId: t.order.orderId } satisfies OrderValidated }),
  onHold: (t: Transitioned): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, reason: t.audit.reason } satisfies OrderOnHold }),
  rejected: (t: Transitioned): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, reasons: [t.audit.reason] } satisfies OrderRejected }),
  reserved: (t: Transitioned, lines: ReservedOrderLine[]): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, lines } satisfies OrderReserved }),
  confirmed: (t: Transitioned, erpOrderId: number | null, erpOrderName: string | null): Step => ({
    transitioned: t,
    payload: { orderId: t.order.orderId, erpOrderId, erpOrderName } satisfies OrderConfirmed,
  }),
  released: (t: Transitioned, allocations: readonly ReservedOrderLine[], erpOrderName: string | null): Step => ({
    transitioned: t,
    payload: { orderId: t.order.orderId, locationIds: [...new Set(allocations.map((allocation) => allocation.locationId))], erpOrderName } satisfies OrderReleased,
  }),
  holdReleased: (t: Transitioned): Step => ({
    transitioned: t,
    payload: { orderId: t.order.orderId, resumedStatus: t.order.status, reason: t.audit.reason, releasedBy: t.audit.actor.id } satisfies OrderHoldReleased,
  }),
  cancelled: (t: Transitioned): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, reason: t.audit.reason, cancelledBy: t.audit.actor.id } satisfies OrderCancelled }),
  shipmentRecorded: (t: Transitioned, shipment: Omit<OrderShipmentRecorded, 'orderId'>): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, ...shipment } satisfies OrderShipmentRecorded }),
  invoiced: (t: Transitioned, invoice: Omit<OrderInvoiced, 'orderId'>): Step => ({ transitioned: t, payload: { orderId: t.order.orderId, ...invoice } satisfies OrderInvoiced }),
};

/** The step of a transition whose event carries only the order id and the reason (holds, validation, rejection, cancellation). */
export function plainStep(t: Transitioned): Step {
  switch (t.event) {
    case 'backbone.orders.OrderValidated':
      return steps.validated(t);
    case 'backbone.orders.OrderOnHold':
      return steps.onHold(t);
    case 'backbone.orders.OrderRejected':
      return steps.rejected(t);
    case 'backbone.orders.OrderHoldReleased':
      return steps.holdReleased(t);
    case 'backbone.orders.OrderCancelled':
      return steps.cancelled(t);
    default:
      throw new TypeError(`${t.event} needs more than the transition to build its payload`);
  }
}
