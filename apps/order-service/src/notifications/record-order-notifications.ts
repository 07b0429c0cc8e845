import { newEventId } from '@backbone/events';
import { Injectable, Logger } from '@nestjs/common';
import type { Knex } from 'knex';
import { ChannelMappingsRepository } from '../persistence/channel-mappings.repository';
import { DeliveriesRepository } from './deliveries.repository';
import { orderNotification, shortName, trackOrder, type EventFacts, type OrderEvent } from './order-notification';
import { SubscriptionsRepository } from './subscriptions.repository';
import { TrackedOrdersRepository } from './tracked-orders.repository';

/**
 * Turns one order event into pending deliveries, in the event's own transaction (the handler's,
 * with the inbox claim): the order projection moves on, and each active subscription of the
 * order's channel to this event type gets one delivery carrying the signed-to-be body.
 */
@Injectable()
export class RecordOrderNotifications {
  private readonly logger = new Logger(RecordOrderNotifications.name);

  async record(trx: Knex.Transaction, event: OrderEvent, facts: EventFacts): Promise<number> {
    const before = await TrackedOrdersRepository.get(trx, event.payload.orderId);
    const order = trackOrder(before, event);
    if (!order) {
      this.logger.warn(`${event.type} for order ${event.payload.orderId}, whose OrderReceived was never seen: no channel to notify`);
      return 0;
    }
    const now = new Date();
    await TrackedOrdersRepository.save(trx, order, now);
    const eventType = shortName(event.type);
    const subscriptions = await SubscriptionsRepository.subscribedTo(trx, order.channel, eventType);
    if (subscriptions.length === 0) return 0;
    const mapping = await ChannelMappingsRepository.find(trx, order.channel);
    const body = JSON.stringify(orderNotification(order, event, facts, mapping));
    const inserted = await DeliveriesRepository.insert(
      trx,
      subscriptions.map((subscriptionId) => ({
        deliveryId: newEventId(),
        subscriptionId,
        channel: order.channel,
        orderId: order.orderId,
        eventId: facts.eventId,
        eventType,
        correlationId: facts.correlationId,
        body,
      })),
      now,
    );
    return inserted.length;
  }
}
