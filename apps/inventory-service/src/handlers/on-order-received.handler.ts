import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderReceived } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Reservations } from '../application/reservations';
import { causeOf } from './order-event-cause';
import { deferOrderWork } from './order-event-batch';

/** Remembers what an order asks for, to reserve it once the order-service has validated it. */
@Controller()
export class OnOrderReceived {
  constructor(private readonly reservations: Reservations) {}

  @OnEvent('backbone.orders.OrderReceived')
  handle(@Payload() order: OrderReceived, @Ctx() ctx: EventContext): void {
    deferOrderWork({ ctx, orderId: order.orderId, skus: order.lines.map((line) => line.sku), run: () => this.reservations.recordDemand(ctx.trx, order, causeOf(ctx)) });
  }
}
