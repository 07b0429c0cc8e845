import { DATABASE, SERVICE_CONFIG } from '@backbone/service-kit';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Knex } from 'knex';
import { ReconciliationAlreadyRunningError } from './reconciliation.errors';
import { ReconciliationRepository, type ReconciliationKind } from './reconciliation.repository';
import type { ReconciliationConfig } from './reconciliation.settings';
import { Reconciliations } from './reconciliations';

const KINDS: readonly ReconciliationKind[] = ['STOCK', 'ORDER_STATE'];
/** How often replicas look whether a scheduled run is due (at most the interval itself). */
const TICK_MS = 60_000;

/**
 * Runs each kind every RECONCILIATION_INTERVAL_MS. Replicas race to claim the due run in
 * `reconciliation_schedule` (a conditional upsert): one wins per interval, whichever it is.
 */
@Injectable()
export class ReconciliationScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReconciliationScheduler.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly db: Knex,
    @Inject(SERVICE_CONFIG) private readonly config: ReconciliationConfig,
    private readonly reconciliations: Reconciliations,
  ) {}

  onApplicationBootstrap(): void {
    const interval = this.config.RECONCILIATION_INTERVAL_MS;
    if (interval === 0) return;
    this.timer = setInterval(() => void this.tick(), Math.min(interval, TICK_MS));
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    for (const kind of KINDS) {
      try {
        if (await ReconciliationRepository.claimScheduled(this.db, kind, this.config.RECONCILIATION_INTERVAL_MS)) await this.reconciliations.start(kind, 'SCHEDULE', 'schedule');
      } catch (error) {
        if (error instanceof ReconciliationAlreadyRunningError) continue; // an on-demand run covers this interval
        this.logger.warn(`scheduled ${kind} reconciliation could not start: ${(error as Error).message}`);
      }
    }
  }
}
