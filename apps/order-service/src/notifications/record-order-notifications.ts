import { newEventId } from '@backbone/events';
import { Injectable } from '@nestjs/common';
import type { Knex } from 'knex';
import { ChannelMappingsRepository } from '../persistence/channel-mappings.repository';
import { ActiveSubscriptions } from './active-subscriptions';
import { DeliveriesRepository, type NewDelivery } from './deliveries.repository';
import { orderNotification, shortName, type OrderChangeNotice } from './order-notification';

/**
 * Turns order changes into pending deliveries, in the change's own transaction: each active
 * subscription of the order's channel to the event's type gets one delivery carrying the body to
 * sign and send. The delivery exists exactly when the change commits, and costs nothing (no
 * query) for channels nobody subscribed to.
 */
@Injectable()
export class RecordOrderNotifications {
  constructor(private readonly subscriptions: ActiveSubscriptions) {}

  /** Returns how many deliveries were recorded (a change already recorded records none). */
  async record(trx: Knex.Transaction, notices: readonly OrderChangeNotice[]): Promise<number> {
    if (notices.length === 0) return 0;
    const subscriptions = await this.subscriptions.of(new Set(notices.map(({ order }) => order.channel)));
    if (subscriptions.length === 0) return 0;
    const mappings = await ChannelMappingsRepository.findMany(trx, [...new Set(subscriptions.map((subscription) => subscription.channel))]);
    const deliveries: NewDelivery[] = notices.flatMap((notice) => {
      const { order, event, facts } = notice;
      const eventType = shortName(event.type);
      const subscribed = subscriptions.filter((subscription) => subscription.channel === order.channel && subscription.eventTypes.includes(eventType));
      if (subscribed.length === 0) return [];
      const body = JSON.stringify(orderNotification(notice, mappings.get(order.channel)));
      return subscribed.map(({ subscriptionId }) => ({ deliveryId: newEventId(), subscriptionId, channel: order.channel, orderId: order.orderId, eventId: facts.eventId, eventType, correlationId: facts.correlationId, body }));
    });
    return (await DeliveriesRepository.insert(trx, deliveries, new Date())).length;
  }
}
