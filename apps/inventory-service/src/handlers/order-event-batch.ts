import type { EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { OrderReceived } from '@backbone/schemas';
import { Injectable } from '@nestjs/common';
import { Reservations } from '../application/reservations';
import { ReservationsRepository } from '../persistence/reservations.repository';
import { raiseRefusal } from './business-exceptions';
import { causeOf, occurredAt } from './order-event-cause';

/** One order event's work, deferred to the end of its fetched batch. */
export type OrderWork =
  /** OrderReceived: remember what the order asks for. */
  | { kind: 'demand'; ctx: EventContext; order: OrderReceived }
  /** OrderValidated: reserve it. */
  | { kind: 'reserve'; ctx: EventContext; orderId: string }
  /** Anything else; `skus`: those the event itself names (a shipment's lines). */
  | { kind: 'run'; ctx: EventContext; orderId: string; skus: readonly string[]; run: () => Promise<void> };

/**
 * Order events are applied at the end of their fetched batch, after the positions they may touch
 * are locked in (sku, location) order all at once. Locked order by order instead, a batch of many
 * orders and a concurrent batch (another partition's orders, a stock ingest) would take the same
 * rows in different orders and deadlock.
 */
@Injectable()
export class OrderEventBatch {
  constructor(
    private readonly reservations: Reservations,
    private readonly exceptions: ExceptionQueue,
  ) {}

  defer(work: OrderWork): void {
    work.ctx.batch.collect<OrderWork>('order-events', work, (all) => applyOrderWork(this.reservations, this.exceptions, all));
  }
}

/**
 * Demand first, in one statement: recording what an order asks for touches no stock, and an
 * order's OrderReceived precedes its other events anyway. Then the rest in arrival order, the
 * reservations of consecutive OrderValidated events decided together (a burst of orders costs a
 * few statements per batch, not per order); a cancellation or shipment in between keeps its place.
 */
async function applyOrderWork(reservations: Reservations, exceptions: ExceptionQueue, all: readonly OrderWork[]): Promise<void> {
  const { trx } = all[0].ctx;
  await ReservationsRepository.lockPositionsOfOrders(trx, [...new Set(all.map(orderIdOf))], [...new Set(all.flatMap(skusOf))]);
  await reservations.recordDemands(
    trx,
    all.flatMap((work) => (work.kind === 'demand' ? [{ order: work.order, cause: causeOf(work.ctx) }] : [])),
  );
  const rest = all.filter((work) => work.kind !== 'demand');
  for (let start = 0; start < rest.length; ) {
    const work = rest[start];
    if (work.kind === 'run') {
      await work.run();
      start++;
      continue;
    }
    let end = start;
    while (end < rest.length && rest[end].kind === 'reserve') end++;
    const run = rest.slice(start, end) as Extract<OrderWork, { kind: 'reserve' }>[];
    const outcomes = await reservations.reserveMany(trx, run.map(({ ctx, orderId }) => ({ orderId, cause: causeOf(ctx), occurredAt: occurredAt(ctx) })));
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome instanceof Error) await raiseRefusal(exceptions, run[index].ctx, { type: 'order', id: run[index].orderId }, outcome);
    }
    start = end;
  }
}

function orderIdOf(work: OrderWork): string {
  return work.kind === 'demand' ? work.order.orderId : work.orderId;
}

function skusOf(work: OrderWork): readonly string[] {
  if (work.kind === 'demand') return work.order.lines.map((line) => line.sku);
  return work.kind === 'run' ? work.skus : [];
}
