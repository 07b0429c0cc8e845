import type { Knex } from 'knex';
import { eventMetrics } from '../metrics';
import { Inbox } from './inbox';

export interface InboxJanitorOptions {
  /**
   * How long a processed event id is remembered. It must outlast every way the same event can
   * come back: the topics' retention and the dead-letter topics' (a replay re-drives old events).
   */
  retentionMs: number;
  /** Time between purges. */
  intervalMs: number;
  /** Rows per delete statement. */
  chunkSize?: number;
}

/** Keeps the inbox from growing forever: periodically forgets ids older than the retention. */
export class InboxJanitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Knex,
    private readonly options: InboxJanitorOptions,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.purgeNow().catch(() => undefined), this.options.intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One purge pass, chunk by chunk until nothing old is left; concurrent calls share one pass. */
  purgeNow(): Promise<number> {
    this.running ??= this.purge().finally(() => (this.running = undefined));
    return this.running;
  }

  private async purge(): Promise<number> {
    const olderThan = new Date(this.now().getTime() - this.options.retentionMs);
    const chunkSize = this.options.chunkSize ?? 10_000;
    let total = 0;
    for (;;) {
      const deleted = await Inbox.purgeOlderThan(this.db, olderThan, chunkSize);
      total += deleted;
      eventMetrics.inboxPurged.inc(deleted);
      if (deleted < chunkSize) return total;
    }
  }
}
