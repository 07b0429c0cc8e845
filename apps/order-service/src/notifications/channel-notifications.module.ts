import { Module } from '@nestjs/common';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryWorker } from './delivery-worker';
import { OnOrderEventNotifyChannels } from './on-order-event.handler';
import { RecordOrderNotifications } from './record-order-notifications';
import { SubscriptionsController } from './subscriptions.controller';

/**
 * Channel notifications (issue 4): the order-service's own events on orders.order.v1 become
 * signed status webhooks to the channels that subscribed, retried with backoff, with a delivery
 * log and redelivery. Needs the service's configuration to include `channelNotificationSettings`,
 * event consumption (`consumesEvents`) and the exception queue (`ExceptionsModule`).
 */
@Module({
  controllers: [SubscriptionsController, DeliveriesController, OnOrderEventNotifyChannels],
  providers: [RecordOrderNotifications, DeliveryWorker],
})
export class ChannelNotificationsModule {}
