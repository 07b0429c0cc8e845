import { Retention } from '@backbone/events';
import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Knex } from 'knex';
import type { OrderServiceConfig } from '../config/order-service.config';
import { IdempotencyRepository } from '../persistence/idempotency.repository';

/**
 * Forgets Idempotency-Keys older than IDEMPOTENCY_KEY_TTL_HOURS, with their stored answers, so the
 * table holds the retry window and not every request ever made. A repeat after that is still
 * never a second order: the order id derives from channel and external id, so it is answered
 * 409 (duplicate). Every replica sweeps; rows one replica is deleting, the others skip.
 */
@Injectable()
export class IdempotencyKeyExpiry extends Retention {
  constructor(@Inject(DATABASE) db: Knex, @Inject(SERVICE_CONFIG) config: OrderServiceConfig) {
    super({
      name: 'Idempotency-Keys',
      retentionMs: config.IDEMPOTENCY_KEY_TTL_HOURS * 3_600_000,
      intervalMs: config.IDEMPOTENCY_SWEEP_INTERVAL_MS,
      deleteOlderThan: (olderThan, limit) => IdempotencyRepository.expire(db, olderThan, limit),
      logger: new Logger(IdempotencyKeyExpiry.name),
    });
  }
}
