import { EventHeader, OnEvent, type EventContext } from '@backbone/events';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ORDER_EVENT_TYPES, type OrderEvent } from './order-notification';
import { RecordOrderNotifications, type RecordedEvent } from './record-order-notifications';

/** Every event of orders.order.v1 may interest a channel: one handler records them all, a fetched batch at a time. */
@Controller()
export class OnOrderEventNotifyChannels {
  constructor(private readonly notifications: RecordOrderNotifications) {}

  @OnEvent(ORDER_EVENT_TYPES)
  handle(@Payload() payload: OrderEvent['payload'], @Ctx() ctx: EventContext): void {
    const occurredAt = ctx.headers[EventHeader.occurredAt];
    const recorded: RecordedEvent = {
      event: { type: ctx.eventType, payload } as OrderEvent,
      facts: { eventId: ctx.eventId, correlationId: ctx.correlationId, occurredAt: occurredAt ? new Date(occurredAt) : new Date() },
    };
    ctx.batch.collect<RecordedEvent>('channel-notifications', recorded, async (batch) => {
      await this.notifications.record(ctx.trx, batch);
    });
  }
}
