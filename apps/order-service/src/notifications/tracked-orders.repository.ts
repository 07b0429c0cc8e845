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
  async get(trx: Knex.Transaction, orderId: string): Promise<TrackedOrder | undefined> {
    const row = await trx<TrackedOrderRow>('channel_notification_order').where({ order_id: orderId }).first();
    return row && { orderId: row.order_id, channel: row.channel, status: row.status, lines: row.lines };
  },

  async save(trx: Knex.Transaction, order: TrackedOrder, at: Date): Promise<void> {
    await trx('channel_notification_order')
      .insert({ order_id: order.orderId, channel: order.channel, status: order.status, lines: JSON.stringify(order.lines), updated_at: at })
      .onConflict('order_id')
      .merge();
  },
};
