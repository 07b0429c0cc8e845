import { EventHeader, OnEvent, type EventContext } from '@backbone/events';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ORDER_EVENT_TYPES, type OrderEvent } from './order-notification';
import { RecordOrderNotifications } from './record-order-notifications';

/** Every event of orders.order.v1 may interest a channel: one handler records them all. */
@Controller()
export class OnOrderEventNotifyChannels {
  constructor(private readonly notifications: RecordOrderNotifications) {}

  @OnEvent(ORDER_EVENT_TYPES)
  async handle(@Payload() payload: OrderEvent['payload'], @Ctx() ctx: EventContext): Promise<void> {
    const occurredAt = ctx.headers[EventHeader.occurredAt];
    await this.notifications.record(ctx.trx, { type: ctx.eventType, payload } as OrderEvent, {
      eventId: ctx.eventId,
      correlationId: ctx.correlationId,
      occurredAt: occurredAt ? new Date(occurredAt) : new Date(),
    });
  }
}
