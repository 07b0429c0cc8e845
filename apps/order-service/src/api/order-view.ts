import { orderTotal } from '../domain';
import type { StoredOrder } from '../persistence/orders.repository';

/** The order as the API shows it: every line with where its quantity stands. */
export function toOrderView({ order, erpOrderId, erpOrderName, allocations }: StoredOrder) {
  return {
    orderId: order.orderId,
    channel: order.channel,
    externalOrderId: order.externalOrderId,
    status: order.status,
    hold: order.hold,
    customer: order.customer,
    billTo: order.billTo,
    shipTo: order.shipTo,
    currency: order.currency,
    total: orderTotal(order),
    requestedDate: order.requestedDate,
    notes: order.notes,
    placedAt: order.placedAt.toISOString(),
    receivedAt: order.receivedAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    version: order.version,
    erp: { orderId: erpOrderId, orderName: erpOrderName },
    lines: order.lines.map((line) => ({
      lineId: line.lineId,
      sku: line.sku,
      uom: line.uom,
      unitPrice: line.unitPrice,
      ordered: line.ordered,
      reserved: line.reserved,
      shipped: line.shipped,
      backordered: line.backordered,
      cancelled: line.cancelled,
      substitutions: line.substitutions,
    })),
    reservations: allocations,
    shipmentIds: order.shipmentIds,
  };
}

export type OrderView = ReturnType<typeof toOrderView>;
