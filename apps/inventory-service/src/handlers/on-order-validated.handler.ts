import { OnEvent, type EventContext } from '@backbone/events';
import { ExceptionQueue } from '@backbone/exceptions';
import type { OrderValidated } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Reservations } from '../application/reservations';
import { raisingBusinessExceptions } from './business-exceptions';
import { causeOf, occurredAt } from './order-event-cause';
import { deferOrderWork } from './order-event-batch';

/** Reserves a validated order's lines; publishes ReservationConfirmed, ReservationPartial or ReservationRejected. */
@Controller()
export class OnOrderValidated {
  constructor(
    private readonly reservations: Reservations,
    private readonly exceptions: ExceptionQueue,
  ) {}

  @OnEvent('backbone.orders.OrderValidated')
  handle(@Payload() order: OrderValidated, @Ctx() ctx: EventContext): void {
    const run = () =>
      raisingBusinessExceptions(this.exceptions, ctx, { type: 'order', id: order.orderId }, async () => {
        await this.reservations.reserve(ctx.trx, order.orderId, causeOf(ctx), occurredAt(ctx));
      });
    deferOrderWork({ ctx, orderId: order.orderId, skus: [], run });
  }
}
