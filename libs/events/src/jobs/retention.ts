import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicJob } from './periodic-job';

export interface RetentionOptions {
  /** Names the rows in log lines, e.g. "Idempotency-Keys". */
  name: string;
  /** How long rows are kept; 0 keeps them forever (nothing is swept). */
  retentionMs: number;
  /** Time between sweeps. */
  intervalMs: number;
  /** Deletes at most `limit` rows older than `olderThan`; answers how many it deleted. */
  deleteOlderThan: (olderThan: Date, limit: number) => Promise<number>;
  /** Rows per delete statement, so a large backlog never holds long locks. Default 5,000. */
  chunkSize?: number;
  /** Told how many rows each chunk deleted (e.g. to count them in a metric). */
  onDeleted?: (count: number) => void;
  logger: { log(message: string): void; error(message: string): void };
  clock?: () => Date;
}

/**
 * Keeps a table to a time window: every interval, rows older than the retention are deleted in
 * chunks until none is left (one sweep at a time; `stop` waits for the one under way). As a Nest
 * provider (a subclass that passes its options) it starts with the application and stops before
 * it shuts down.
 */
export class Retention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob<number>;

  constructor(private readonly options: RetentionOptions) {
    this.job = new PeriodicJob({ name: `${options.name} retention`, intervalMs: options.intervalMs, logger: options.logger, run: () => this.deleteOld() });
  }

  start(): void {
    if (this.options.retentionMs > 0) this.job.start();
  }

  stop(): Promise<void> {
    return this.job.stop();
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** Sweeps now (or joins the sweep under way); answers how many rows it deleted. */
  sweep(): Promise<number> {
    return this.job.runNow();
  }

  private async deleteOld(): Promise<number> {
    const { retentionMs, chunkSize = 5000, clock = () => new Date() } = this.options;
    if (retentionMs <= 0) return 0;
    const olderThan = new Date(clock().getTime() - retentionMs);
    let total = 0;
    for (;;) {
      const deleted = await this.options.deleteOlderThan(olderThan, chunkSize);
      total += deleted;
      this.options.onDeleted?.(deleted);
      if (deleted < chunkSize) break;
    }
    if (total > 0) this.options.logger.log(`deleted ${total} ${this.options.name} older than ${olderThan.toISOString()}`);
    return total;
  }
}
