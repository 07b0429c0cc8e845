import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderValidated } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OrderEventBatch } from './order-event-batch';

/** Reserves a validated order's lines; publishes ReservationConfirmed, ReservationPartial or ReservationRejected. */
@Controller()
export class OnOrderValidated {
  constructor(private readonly batch: OrderEventBatch) {}

  @OnEvent('backbone.orders.OrderValidated')
  handle(@Payload() order: OrderValidated, @Ctx() ctx: EventContext): void {
    this.batch.defer({ kind: 'reserve', ctx, orderId: order.orderId });
  }
}
