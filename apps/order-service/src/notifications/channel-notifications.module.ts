import { Module } from '@nestjs/common';
import { ActiveSubscriptions } from './active-subscriptions';
import { DeliveriesController } from './deliveries.controller';
import { DeliveryLogRetention } from './delivery-log-retention';
import { DeliveryWorker } from './delivery-worker';
import { RecordOrderNotifications } from './record-order-notifications';
import { SubscriptionsController } from './subscriptions.controller';

/**
 * Channel notifications (issue 4): each order change becomes, in its own transaction, a signed
 * status webhook to every channel that subscribed to its event, retried with backoff, with a
 * delivery log (kept CHANNEL_NOTIFICATIONS_RETENTION_DAYS) and redelivery. The order-service's
 * changes call RecordOrderNotifications. Needs the service's configuration to include
 * `channelNotificationSettings` and the exception queue (`ExceptionsModule`).
 */
@Module({
  controllers: [SubscriptionsController, DeliveriesController],
  providers: [ActiveSubscriptions, RecordOrderNotifications, DeliveryWorker, DeliveryLogRetention],
  exports: [RecordOrderNotifications],
})
export class ChannelNotificationsModule {}
