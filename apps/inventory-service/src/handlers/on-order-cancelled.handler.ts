import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderCancelled } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Reservations } from '../application/reservations';
import { causeOf, occurredAt } from './order-event-cause';
import { OrderEventBatch } from './order-event-batch';

/** Gives a cancelled order's reserved stock back to available to promise. */
@Controller()
export class OnOrderCancelled {
  constructor(
    private readonly reservations: Reservations,
    private readonly batch: OrderEventBatch,
  ) {}

  @OnEvent('backbone.orders.OrderCancelled')
  handle(@Payload() order: OrderCancelled, @Ctx() ctx: EventContext): void {
    this.batch.defer({ kind: 'run', ctx, orderId: order.orderId, skus: [], run: async () => void (await this.reservations.release(ctx.trx, order.orderId, order.reason, causeOf(ctx), occurredAt(ctx))) });
  }
}
