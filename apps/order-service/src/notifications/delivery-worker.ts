import { ExceptionQueue } from '@backbone/exceptions';
import { DATABASE, SERVICE_CONFIG, WakeablePasses } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Knex } from 'knex';
import { CHANNEL_DELIVERY_NOTIFY_CHANNEL } from '../persistence/migrations/20261123190000_create-channel-notification-tables';
import type { ChannelNotificationSettings } from './channel-notifications.config';
import { DeliveriesRepository, type ClaimedDelivery, type Settlement } from './deliveries.repository';
import { afterAttempt, type NextStep, type RetryPolicy } from './delivery-policy';
import { notificationMetrics } from './notification-metrics';
import { sendNotification, type SentAttempt } from './send-notification';

export const DELIVERY_FAILED = 'CHANNEL_NOTIFICATION.DELIVERY_FAILED';

type WorkerConfig = ChannelNotificationSettings & { DATABASE_URL: string };

/**
 * Sends pending deliveries: claims due ones (replicas share the work: claims skip rows another
 * holds, and a claim is a lease), POSTs each, logs the attempt and settles it — delivered,
 * retried later with backoff, or failed into the exception queue, where an operator's retry
 * queues it again. Woken by a notification when deliveries are recorded; polls as a fallback.
 */
@Injectable()
export class DeliveryWorker implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryWorker.name);
  private readonly policy: RetryPolicy;
  private readonly passes: WakeablePasses;
  /** Deliveries being sent: at most CHANNEL_NOTIFICATIONS_CONCURRENCY. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: WorkerConfig,
    private readonly exceptions: ExceptionQueue,
  ) {
    this.policy = {
      maxAttempts: config.CHANNEL_NOTIFICATIONS_MAX_ATTEMPTS,
      backoffBaseMs: config.CHANNEL_NOTIFICATIONS_BACKOFF_BASE_MS,
      backoffMaxMs: config.CHANNEL_NOTIFICATIONS_BACKOFF_MAX_MS,
    };
    // New deliveries wake the worker at once; the poll covers a lost listener and retries coming due.
    this.passes = new WakeablePasses({
      connectionString: config.DATABASE_URL,
      channel: CHANNEL_DELIVERY_NOTIFY_CHANNEL,
      applicationName: 'channel-delivery-worker',
      name: 'channel delivery',
      logger: this.logger,
      // Claimed some and slots are left: more may be due at once.
      pass: async () => (await this.deliverDue()) > 0 && this.sending.size < config.CHANNEL_NOTIFICATIONS_CONCURRENCY,
      delayAfter: (again) => (again ? 0 : config.CHANNEL_NOTIFICATIONS_POLL_MS),
    });
  }

  onModuleInit(): void {
    // An operator's retry of a failed delivery queues it again (fresh attempts); it fails anew if the channel still refuses.
    this.exceptions.registerRetryHandler(DELIVERY_FAILED, async (trx, exception) => {
      await DeliveriesRepository.requeue(trx, exception.subject.id, new Date());
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.CHANNEL_NOTIFICATIONS_ENABLED) {
      this.logger.warn('channel notifications are disabled on this replica (CHANNEL_NOTIFICATIONS_ENABLED=false): deliveries are recorded, not sent');
      return;
    }
    await this.passes.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.passes.stop();
    await Promise.all(this.sending);
  }

  /**
   * Claims as many due deliveries as there are free sending slots and starts them; returns how
   * many. A finished delivery frees its slot and wakes the worker, so a slow channel holds one slot,
   * not the others, and an order's next event is claimed as soon as the previous one settles.
   */
  async deliverDue(): Promise<number> {
    const free = this.config.CHANNEL_NOTIFICATIONS_CONCURRENCY - this.sending.size;
    if (free <= 0) return 0;
    const leaseMs = this.config.CHANNEL_NOTIFICATIONS_TIMEOUT_MS + 30_000;
    const claimed = await DeliveriesRepository.claimDue(this.db, free, leaseMs);
    for (const delivery of claimed) {
      const sending: Promise<void> = this.deliver(delivery).finally(() => {
        this.sending.delete(sending);
        this.passes.wake();
      });
      this.sending.add(sending);
    }
    return claimed.length;
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    const secrets = this.config.CHANNEL_NOTIFICATION_SECRETS[delivery.secretName];
    const sent: SentAttempt = secrets
      ? await sendNotification({ ...delivery, secrets }, this.config.CHANNEL_NOTIFICATIONS_TIMEOUT_MS)
      : { startedAt: new Date(), latencyMs: 0, statusCode: null, error: `secret "${delivery.secretName}" is not in CHANNEL_NOTIFICATION_SECRETS`, responseExcerpt: null };
    // Without its secret nothing can be sent: as final as a refusal, until configuration changes and an operator retries.
    const next: NextStep = secrets ? afterAttempt(sent, delivery.attempts, this.policy) : { status: 'FAILED', reason: 'REFUSED' };
    if (secrets) notificationMetrics.attemptDuration.observe({ result: resultClass(sent.statusCode) }, sent.latencyMs / 1000);
    const outcome = next.status === 'DELIVERED' ? 'DELIVERED' : next.status === 'FAILED' ? 'FAILED' : 'RETRY';
    const settlement: Settlement =
      next.status === 'PENDING'
        ? { status: 'PENDING', retryAt: new Date(Date.now() + next.delayMs) }
        : next.status === 'FAILED'
          ? { status: 'FAILED', error: secrets ? failure(sent, next.reason, delivery.attempts) : String(sent.error) }
          : next;
    try {
      await this.db.transaction(async (trx) => {
        const { applied, failedBefore } = await DeliveriesRepository.settle(trx, delivery, { ...sent, outcome }, settlement);
        if (!applied) return;
        if (settlement.status === 'FAILED') await this.raise(trx, delivery, settlement.error);
        if (settlement.status === 'DELIVERED' && failedBefore) await this.exceptions.resolveByKey(trx, { code: DELIVERY_FAILED, subject: subjectOf(delivery) }, { reason: 'delivered on a later attempt' });
      });
      notificationMetrics.deliveries.inc({ outcome: outcome === 'RETRY' ? 'retry_scheduled' : outcome.toLowerCase() });
    } catch (error) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      this.logger.error(`could not record attempt ${delivery.attempts} of delivery ${delivery.deliveryId}: ${(error as Error).message}`);
    }
  }

  private async raise(trx: Knex.Transaction, delivery: ClaimedDelivery, error: string): Promise<void> {
    await this.exceptions.raise(trx, {
      code: DELIVERY_FAILED,
      message: `${delivery.eventType} of order ${delivery.orderId} could not be delivered to ${delivery.url}: ${error}`,
      subject: subjectOf(delivery),
      details: { orderId: delivery.orderId, eventType: delivery.eventType, url: delivery.url, attempts: String(delivery.attempts) },
      sourceEventId: delivery.eventId,
      correlationId: delivery.correlationId,
    });
  }
}

function subjectOf(delivery: ClaimedDelivery): { type: string; id: string } {
  return { type: 'channel-delivery', id: delivery.deliveryId };
}

function failure(sent: SentAttempt, reason: 'REFUSED' | 'EXHAUSTED', attempts: number): string {
  const what = sent.error ?? `HTTP ${sent.statusCode}`;
  return reason === 'EXHAUSTED' ? `${what} (gave up after ${attempts} attempts)` : `${what} (not retried: the receiver refused it)`;
}

function resultClass(statusCode: number | null): string {
  return statusCode === null ? 'network' : `${Math.floor(statusCode / 100)}xx`;
}
