import type { OdooClient } from '../odoo/odoo-client';

export interface SaleOrderRef {
  id: number;
  name: string;
  client_order_ref: string;
  state: string;
  partner_id: [number, string];
}

/** Sale orders by client_order_ref (the backbone order id, the idempotency key of sale orders); one call. */
export async function findSaleOrders(odoo: OdooClient, orderIds: string[]): Promise<Map<string, SaleOrderRef>> {
  if (orderIds.length === 0) return new Map();
  const rows = await odoo.searchRead<SaleOrderRef>('sale.order', { domain: [['client_order_ref', 'in', orderIds]], fields: ['name', 'client_order_ref', 'state', 'partner_id'], order: 'id' });
  // Should two exist (one written by hand), the first one is the order's.
  const found = new Map<string, SaleOrderRef>();
  for (const row of rows) if (!found.has(row.client_order_ref)) found.set(row.client_order_ref, row);
  return found;
}

/** Product ids by default_code (the backbone SKU); one call. */
export async function findProducts(odoo: OdooClient, skus: string[]): Promise<Map<string, number>> {
  const rows = await odoo.searchRead<{ id: number; default_code: string }>('product.product', { domain: [['default_code', 'in', [...new Set(skus)]]], fields: ['default_code'], order: 'id desc' });
  return new Map(rows.map((row) => [row.default_code, row.id]));
}
