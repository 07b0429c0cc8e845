import type { Knex } from 'knex';
import type { OrderLine, OrderStatus } from '../domain';
import type { TrackedOrder } from './order-notification';

interface TrackedOrderRow {
  order_id: string;
  channel: string;
  status: OrderStatus;
  lines: OrderLine[];
}

/** The notifications' own projection of orders (order → channel, status, line quantities). */
export const TrackedOrdersRepository = {
  async getMany(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Map<string, TrackedOrder>> {
    const rows: TrackedOrderRow[] = orderIds.length === 0 ? [] : await trx('channel_notification_order').whereIn('order_id', orderIds);
    return new Map(rows.map((row) => [row.order_id, { orderId: row.order_id, channel: row.channel, status: row.status, lines: row.lines }]));
  },

  async saveMany(trx: Knex.Transaction, orders: readonly TrackedOrder[], at: Date): Promise<void> {
    if (orders.length === 0) return;
    await trx('channel_notification_order')
      .insert(orders.map((order) => ({ order_id: order.orderId, channel: order.channel, status: order.status, lines: JSON.stringify(order.lines), updated_at: at })))
      .onConflict('order_id')
      .merge();
  },
};
