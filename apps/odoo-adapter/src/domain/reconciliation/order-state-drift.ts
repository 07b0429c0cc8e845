/** The adapter's projection of an order's status from orders.order.v1. */
export interface ProjectedOrder {
  orderId: string;
  status: string;
  /** Set once OrderConfirmed carried it: the order exists in the ERP. */
  erpOrderId: number | null;
}

export interface SaleOrderState {
  id: number;
  name: string;
  clientOrderRef: string;
  state: string;
}

export interface OrderStateDrift {
  subjectId: string;
  odooValue: string | null;
  backboneValue: string;
  message: string;
}

/** Statuses in which the order is a confirmed sales order in Odoo. */
const IN_ERP = new Set(['CONFIRMED_IN_ERP', 'RELEASED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'BACKORDERED', 'INVOICED']);

/**
 * The sale.order states that agree with a backbone status (null: no sales order). Confirmed
 * orders are `sale` (or `done`, Odoo 16's locked state); cancelled ones `cancel`, or absent when
 * they never reached the ERP; before the ERP there is no order yet, or a draft/quotation.
 */
export function expectedSaleStates(order: ProjectedOrder): readonly (string | null)[] {
  if (order.status === 'CANCELLED') return order.erpOrderId === null ? [null, 'draft', 'cancel'] : ['cancel'];
  if (order.status === 'REJECTED') return [null, 'cancel'];
  if (IN_ERP.has(order.status) || order.erpOrderId !== null) return ['sale', 'done'];
  return [null, 'draft', 'sent'];
}

/** One drift per order whose sales order (found by client_order_ref) disagrees, or that has several. */
export function compareOrderStates(orders: readonly ProjectedOrder[], saleOrders: readonly SaleOrderState[]): OrderStateDrift[] {
  const byRef = Map.groupBy(saleOrders, (saleOrder) => saleOrder.clientOrderRef);
  const drifts: OrderStateDrift[] = [];
  for (const order of orders) {
    const found = byRef.get(order.orderId) ?? [];
    if (found.length > 1) {
      drifts.push({ subjectId: order.orderId, odooValue: found.map((so) => `${so.name}:${so.state}`).join(','), backboneValue: order.status, message: `Odoo has ${found.length} sales orders for order ${order.orderId}` });
      continue;
    }
    const odooState = found[0]?.state ?? null;
    const expected = expectedSaleStates(order);
    if (expected.includes(odooState)) continue;
    const odooText = found[0] ? `sales order ${found[0].name} is ${odooState}` : 'no sales order exists';
    drifts.push({ subjectId: order.orderId, odooValue: odooState, backboneValue: order.status, message: `Order ${order.orderId} is ${order.status} in the backbone but in Odoo ${odooText} (expected ${expected.map((state) => state ?? 'none').join(' or ')})` });
  }
  return drifts;
}
