import { PeriodicJob } from '@backbone/events';
import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import type { InventoryServiceConfig } from '../config/inventory-service.config';
import { ReservationsRepository } from '../persistence/reservations.repository';
import { Reservations } from './reservations';

/** Reservations released per transaction; a sweep runs batches until none is left. */
const BATCH = 100;

export const RESERVATION_EXPIRED = 'INVENTORY.RESERVATION_EXPIRED';

/**
 * Releases stale reservations: an order that still holds stock and has seen neither a shipment nor
 * a cancellation (nor any other change to its reservation) for RESERVATION_TTL_HOURS gives it back,
 * with ReservationReleased (reason INVENTORY.RESERVATION_EXPIRED) and new availability. Every
 * replica sweeps every RESERVATION_SWEEP_INTERVAL_MS; the rows are claimed with SKIP LOCKED, so
 * replicas share the work and each reservation is released once. A TTL of 0 disables expiry.
 */
@Injectable()
export class ReservationExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiry.name);
  private readonly job: PeriodicJob<number>;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryServiceConfig,
    private readonly reservations: Reservations,
  ) {
    this.job = new PeriodicJob({ name: 'reservation expiry sweep', intervalMs: config.RESERVATION_SWEEP_INTERVAL_MS, logger: this.logger, run: () => this.sweep() });
  }

  onApplicationBootstrap(): void {
    if (this.config.RESERVATION_TTL_HOURS > 0) this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Releases every reservation idle for longer than the TTL at `now`; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const idleSince = new Date(now.getTime() - this.config.RESERVATION_TTL_HOURS * 3_600_000);
    let released = 0;
    for (;;) {
      const batch = await this.db.transaction(async (trx) => {
        const stale = await ReservationsRepository.lockStale(trx, idleSince, BATCH);
        await this.reservations.expireMany(trx, stale, (orderId) => ({
          code: RESERVATION_EXPIRED,
          message: `order ${orderId} was neither shipped nor cancelled within ${this.config.RESERVATION_TTL_HOURS} h of its last reservation change`,
        }));
        return stale.length;
      });
      released += batch;
      if (batch < BATCH) break;
    }
    if (released > 0) this.logger.log(`released ${released} expired reservations`);
    return released;
  }
}
