import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import type { CanonicalOrder } from '../domain/erp-writes/sale-order-mapping';

export interface ErpOrderRow {
  order: CanonicalOrder;
  odooId: number | null;
}

/** The erp_order projection: orders as received, and their sale order in Odoo once written. */
@Injectable()
export class ErpOrdersRepository {
  /** A replayed OrderReceived changes nothing (the first one is the order the adapter writes). */
  async insertMany(trx: Knex.Transaction, orders: CanonicalOrder[]): Promise<void> {
    if (orders.length === 0) return;
    const rows = orders.map((order) => ({ order_id: order.orderId, customer_id: order.customer.customerId, payload: JSON.stringify(order) }));
    await trx('erp_order').insert(rows).onConflict('order_id').ignore();
  }

  async getMany(trx: Knex.Transaction, orderIds: string[]): Promise<Map<string, ErpOrderRow>> {
    const rows = await trx('erp_order').whereIn('order_id', orderIds).select('order_id', 'payload', 'odoo_id');
    return new Map(rows.map((row) => [row.order_id as string, { order: row.payload as CanonicalOrder, odooId: row.odoo_id }]));
  }

  /** Records each order's sale order, in one statement. */
  async markSynced(trx: Knex.Transaction, synced: readonly { orderId: string; odooId: number; odooName: string }[]): Promise<void> {
    if (synced.length === 0) return;
    await trx.raw(
      `update erp_order o set odoo_id = s.odoo_id, odoo_name = s.odoo_name, synced_at = now()
       from jsonb_to_recordset(cast(? as jsonb)) as s(order_id text, odoo_id integer, odoo_name text)
       where o.order_id = s.order_id`,
      [JSON.stringify(synced.map(({ orderId, odooId, odooName }) => ({ order_id: orderId, odoo_id: odooId, odoo_name: odooName })))],
    );
  }
}
