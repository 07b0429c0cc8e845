import { OnEvent, type EventContext } from '@backbone/events';
import type { OrderReceived } from '@backbone/schemas';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { OrderEventBatch } from './order-event-batch';

/** Remembers what an order asks for, to reserve it once the order-service has validated it. */
@Controller()
export class OnOrderReceived {
  constructor(private readonly batch: OrderEventBatch) {}

  @OnEvent('backbone.orders.OrderReceived')
  handle(@Payload() order: OrderReceived, @Ctx() ctx: EventContext): void {
    this.batch.defer({ kind: 'demand', ctx, order });
  }
}
