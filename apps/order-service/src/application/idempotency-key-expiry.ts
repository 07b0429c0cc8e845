import { DATABASE, PeriodicJob, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import type { OrderServiceConfig } from '../config/order-service.config';
import { IdempotencyRepository } from '../persistence/idempotency.repository';

/** Keys deleted per statement; a sweep deletes chunks until none is left. */
const CHUNK = 5000;

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, with their stored answers, so the
 * table holds the retry window and not every request ever made. A repeat after that is still
 * never a second order: the order id derives from channel and external id, so it is answered
 * 409 (duplicate). Every replica sweeps; deletes of the same rows simply find them gone.
 */
@Injectable()
export class IdempotencyKeyExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IdempotencyKeyExpiry.name);
  private readonly job: PeriodicJob<number>;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: OrderServiceConfig,
  ) {
    this.job = new PeriodicJob({ name: 'idempotency key expiry', intervalMs: config.IDEMPOTENCY_SWEEP_INTERVAL_MS, logger: this.logger, run: () => this.sweep() });
  }

  onApplicationBootstrap(): void {
    if (this.config.IDEMPOTENCY_KEY_TTL_HOURS > 0) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Deletes every key stored longer than the TTL before `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const olderThan = new Date(now.getTime() - this.config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000);
    let expired = 0;
    for (;;) {
      const deleted = await IdempotencyRepository.expire(this.db, olderThan, CHUNK);
      expired += deleted;
      if (deleted < CHUNK) break;
    }
    if (expired > 0) this.logger.log(`forgot ${expired} expired Idempotency-Keys`);
    return expired;
  }
}
