import { Retention } from '@backbone/events';
import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Knex } from 'knex';
import type { ChannelNotificationSettings } from './channel-notifications.config';
import { DeliveriesRepository } from './deliveries.repository';

/**
 * Keeps the delivery log to CHANNEL_NOTIFICATIONS_RETENTION_DAYS: every hour, delivered and
 * cancelled deliveries last changed before that are deleted with their attempts. Failed and
 * pending ones stay, whatever their age: they still need an operator or a retry.
 */
@Injectable()
export class DeliveryLogRetention extends Retention {
  constructor(@Inject(DATABASE) db: Knex, @Inject(SERVICE_CONFIG) config: ChannelNotificationSettings) {
    super({
      name: 'settled channel deliveries',
      retentionMs: config.CHANNEL_NOTIFICATIONS_RETENTION_DAYS * 86_400_000,
      intervalMs: 3_600_000,
      deleteOlderThan: (olderThan, limit) => DeliveriesRepository.purgeSettled(db, olderThan, limit),
      logger: new Logger(DeliveryLogRetention.name),
    });
  }
}
