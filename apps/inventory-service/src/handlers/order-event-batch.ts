import type { EventContext } from '@backbone/events';
import { ReservationsRepository } from '../persistence/reservations.repository';

/** One order event's work, deferred to the end of its fetched batch. */
export interface OrderWork {
  ctx: EventContext;
  orderId: string;
  /** SKUs the event itself names (an order's lines before its demand is recorded, a shipment's lines). */
  skus: readonly string[];
  run: () => Promise<void>;
}

/**
 * Order events are applied at the end of their fetched batch, in order, after the positions they
 * may touch are locked in (sku, location) order all at once. Locked order by order instead, a
 * batch of many orders and a concurrent batch (another partition's orders, a stock ingest) would
 * take the same rows in different orders and deadlock.
 */
export function deferOrderWork(work: OrderWork): void {
  work.ctx.batch.collect<OrderWork>('order-events', work, async (all) => {
    await ReservationsRepository.lockPositionsOfOrders(all[0].ctx.trx, [...new Set(all.map((item) => item.orderId))], [...new Set(all.flatMap((item) => item.skus))]);
    for (const item of all) await item.run();
  });
}
