import { DATABASE, PeriodicJob, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import type { ChannelNotificationSettings } from './channel-notifications.config';
import { DeliveriesRepository } from './deliveries.repository';

const SWEEP_INTERVAL_MS = 3_600_000;
/** Deliveries deleted per statement; a sweep deletes chunks until none is left. */
const CHUNK = 5000;

/**
 * Keeps the delivery log to CHANNEL_NOTIFICATIONS_RETENTION_DAYS: every hour, delivered and
 * cancelled deliveries last changed before that are deleted with their attempts. Failed and
 * pending ones stay, whatever their age: they still need an operator or a retry.
 */
@Injectable()
export class DeliveryLogRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryLogRetention.name);
  private readonly job: PeriodicJob<number>;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: ChannelNotificationSettings,
  ) {
    this.job = new PeriodicJob({ name: 'delivery log retention', intervalMs: SWEEP_INTERVAL_MS, logger: this.logger, run: () => this.sweep() });
  }

  onApplicationBootstrap(): void {
    if (this.config.CHANNEL_NOTIFICATIONS_RETENTION_DAYS > 0) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Deletes every settled delivery older than the retention at `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const olderThan = new Date(now.getTime() - this.config.CHANNEL_NOTIFICATIONS_RETENTION_DAYS * 86_400_000);
    let deleted = 0;
    for (;;) {
      const chunk = await DeliveriesRepository.purgeSettled(this.db, olderThan, CHUNK);
      deleted += chunk;
      if (chunk < CHUNK) break;
    }
    if (deleted > 0) this.logger.log(`deleted ${deleted} settled deliveries older than ${this.config.CHANNEL_NOTIFICATIONS_RETENTION_DAYS} days`);
    return deleted;
  }
}
