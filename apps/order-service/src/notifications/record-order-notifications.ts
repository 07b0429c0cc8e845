import { newEventId } from '@backbone/events';
import { Injectable, Logger } from '@nestjs/common';
import type { Knex } from 'knex';
import type { ChannelMapping } from '../domain';
import { ChannelMappingsRepository } from '../persistence/channel-mappings.repository';
import { DeliveriesRepository, type NewDelivery } from './deliveries.repository';
import { orderNotification, shortName, trackOrder, type EventFacts, type OrderEvent, type TrackedOrder } from './order-notification';
import { SubscriptionsRepository } from './subscriptions.repository';
import { TrackedOrdersRepository } from './tracked-orders.repository';

export interface RecordedEvent {
  event: OrderEvent;
  facts: EventFacts;
}

/**
 * Turns order events into pending deliveries, in the events' own transaction (the handler's,
 * with the inbox claims): the order projection moves on, and each active subscription of the
 * order's channel to the event type gets one delivery carrying the body to sign and send. A whole
 * fetched batch at once, in its order (one partition: an order's events in sequence), with a fixed
 * number of queries.
 */
@Injectable()
export class RecordOrderNotifications {
  private readonly logger = new Logger(RecordOrderNotifications.name);

  /** Returns how many deliveries were recorded (a replayed event records none). */
  async record(trx: Knex.Transaction, recorded: readonly RecordedEvent[]): Promise<number> {
    const orders = await TrackedOrdersRepository.getMany(trx, [...new Set(recorded.map(({ event }) => event.payload.orderId))]);
    const tracked: { order: TrackedOrder; event: OrderEvent; facts: EventFacts }[] = [];
    for (const { event, facts } of recorded) {
      const order = trackOrder(orders.get(event.payload.orderId), event);
      if (!order) {
        this.logger.warn(`${event.type} for order ${event.payload.orderId}, whose OrderReceived was never seen: no channel to notify`);
        continue;
      }
      orders.set(order.orderId, order);
      tracked.push({ order, event, facts });
    }
    const now = new Date();
    await TrackedOrdersRepository.saveMany(trx, [...new Set(tracked.map(({ order }) => order.orderId))].map((orderId) => orders.get(orderId)!), now);

    const channels = [...new Set(tracked.map(({ order }) => order.channel))];
    const subscriptions = await SubscriptionsRepository.activeOf(trx, channels);
    const mappings = await this.mappingsOf(trx, [...new Set(subscriptions.map((subscription) => subscription.channel))]);
    const deliveries: NewDelivery[] = tracked.flatMap(({ order, event, facts }) => {
      const eventType = shortName(event.type);
      const subscribed = subscriptions.filter((subscription) => subscription.channel === order.channel && subscription.eventTypes.includes(eventType));
      if (subscribed.length === 0) return [];
      const body = JSON.stringify(orderNotification(order, event, facts, mappings.get(order.channel)));
      return subscribed.map(({ subscriptionId }) => ({ deliveryId: newEventId(), subscriptionId, channel: order.channel, orderId: order.orderId, eventId: facts.eventId, eventType, correlationId: facts.correlationId, body }));
    });
    return (await DeliveriesRepository.insert(trx, deliveries, now)).length;
  }

  private async mappingsOf(trx: Knex.Transaction, channels: readonly string[]): Promise<Map<string, ChannelMapping>> {
    const found = await Promise.all(channels.map((channel) => ChannelMappingsRepository.find(trx, channel)));
    return new Map(channels.flatMap((channel, index) => (found[index] ? [[channel, found[index]] as const] : [])));
  }
}
