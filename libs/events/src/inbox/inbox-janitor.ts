import { Logger } from '@nestjs/common';
import type { Knex } from 'knex';
import { Retention } from '../jobs/retention';
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
export class InboxJanitor extends Retention {
  constructor(db: Knex, options: InboxJanitorOptions, now: () => Date = () => new Date()) {
    super({
      name: 'processed event ids',
      retentionMs: options.retentionMs,
      intervalMs: options.intervalMs,
      chunkSize: options.chunkSize ?? 10_000,
      deleteOlderThan: (olderThan, limit) => Inbox.purgeOlderThan(db, olderThan, limit),
      onDeleted: (count) => eventMetrics.inboxPurged.inc(count),
      logger: new Logger(InboxJanitor.name),
      clock: now,
    });
  }

  /** One purge pass, chunk by chunk until nothing old is left; concurrent calls share one pass. */
  purgeNow(): Promise<number> {
    return this.sweep();
  }
}
