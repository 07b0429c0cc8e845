/** The canonical order the adapter keeps from OrderReceived (what it needs to write a sale order). */
export interface CanonicalOrder {
  orderId: string;
  channel: string;
  externalOrderId: string;
  customer: { customerId: string; name: string };
  lines: Array<{ lineId: string; sku: string; quantity: { value: string; uom: string }; unitPrice: { amount: string; currency: string } }>;
  notes: string | null;
}

/** Odoo ids of the master data an order refers to: partners by `ref`, products by `default_code`. */
export interface MasterDataIds {
  partners: ReadonlyMap<string, number>;
  products: ReadonlyMap<string, number>;
}

export interface Refusal {
  code: string;
  message: string;
  details: Record<string, string>;
}

export const SyncRefusalCode = {
  unknownCustomer: 'ERP.UNKNOWN_CUSTOMER',
  unknownProduct: 'ERP.UNKNOWN_PRODUCT',
  rejectedByOdoo: 'ERP.REJECTED',
  unknownOrder: 'ERP.UNKNOWN_ORDER',
  noOpenDelivery: 'ERP.NO_OPEN_DELIVERY',
  unknownLocation: 'ERP.UNKNOWN_LOCATION',
  noDeliveredGoods: 'ERP.NO_DELIVERED_GOODS',
} as const;

/** Why this order cannot become a sale order with the master data Odoo has, if it cannot. */
export function refusalOf(order: CanonicalOrder, ids: MasterDataIds): Refusal | undefined {
  const { customerId } = order.customer;
  if (!ids.partners.has(customerId)) {
    return {
      code: SyncRefusalCode.unknownCustomer,
      message: `No Odoo customer has reference ${customerId}: set it as the Reference of the customer's contact in Odoo, then retry`,
      details: { orderId: order.orderId, customerId },
    };
  }
  const unknown = [...new Set(order.lines.map((line) => line.sku).filter((sku) => !ids.products.has(sku)))];
  if (unknown.length > 0) {
    return {
      code: SyncRefusalCode.unknownProduct,
      message: `No Odoo product has internal reference ${unknown.join(', ')}: create it (or fix its Internal Reference) in Odoo, then retry`,
      details: { orderId: order.orderId, skus: unknown.join(',') },
    };
  }
  return undefined;
}

/**
 * sale.order create values: the order id as `client_order_ref` (the idempotency key looked up
 * before every create), lines priced as the channel sold them. Quantities are in the product's
 * Odoo unit: the backbone's canonical units are Odoo's (UoM conversion stays in Odoo).
 */
export function saleOrderValues(order: CanonicalOrder, ids: MasterDataIds): Record<string, unknown> {
  return {
    partner_id: ids.partners.get(order.customer.customerId),
    client_order_ref: order.orderId,
    origin: `${order.channel}:${order.externalOrderId}`,
    order_line: order.lines.map((line) => [
      0,
      0,
      { product_id: ids.products.get(line.sku), product_uom_qty: Number(line.quantity.value), price_unit: Number(line.unitPrice.amount) },
    ]),
  };
}
