import { DATABASE, NotificationListener, SERVICE_CONFIG, type BaseConfig } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Knex } from 'knex';
import { CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL } from '../persistence/migrations/20261123200000_record-notifications-with-changes';
import { SubscriptionsRepository, type ActiveSubscription } from './subscriptions.repository';

/** Longest a copy is used when no change notification arrives (the listener's connection may be down). */
const MAX_AGE_MS = 5_000;

/**
 * The active subscriptions, as every order change asks for them: a copy kept in memory, so an
 * order change in a channel nobody subscribed to costs no query. Every change to a subscription
 * drops the copy, in this replica at once and in the others as soon as PostgreSQL's notification
 * reaches them (a statement trigger notifies); without notifications a copy lives 5 s at most.
 */
@Injectable()
export class ActiveSubscriptions implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActiveSubscriptions.name);
  private copy?: { loadedAt: number; subscriptions: Promise<ActiveSubscription[]> };
  private listener?: NotificationListener;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new NotificationListener({
      connectionString: this.config.DATABASE_URL,
      channel: CHANNEL_SUBSCRIPTIONS_NOTIFY_CHANNEL,
      applicationName: 'channel-subscriptions',
      onNotification: () => this.forget(),
      onProblem: (message) => this.logger.warn(`${message}; subscription changes in other replicas are seen within ${MAX_AGE_MS / 1000} s meanwhile`),
    });
    await this.listener.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.listener?.stop();
  }

  /** The active subscriptions of these channels. */
  async of(channels: ReadonlySet<string>): Promise<ActiveSubscription[]> {
    if (!this.copy || Date.now() - this.copy.loadedAt > MAX_AGE_MS) {
      const subscriptions = SubscriptionsRepository.allActive(this.db);
      this.copy = { loadedAt: Date.now(), subscriptions };
      // A failed load is not kept: the next change asks again.
      subscriptions.catch(() => this.copy?.subscriptions === subscriptions && this.forget());
    }
    return (await this.copy.subscriptions).filter((subscription) => channels.has(subscription.channel));
  }

  /** Drops the copy; the next order change loads the subscriptions again. */
  forget(): void {
    this.copy = undefined;
  }
}
