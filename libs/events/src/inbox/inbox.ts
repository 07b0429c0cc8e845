import type { Knex } from 'knex';
import { INBOX_TABLE } from '../migrations/event-tables';

/**
 * Idempotent inbox: claiming an event id in the handler's transaction means the handler's writes
 * and the "seen" mark commit together. A redelivered event claims nothing and is skipped.
 */
export const Inbox = {
  /** Claims the ids for the consumer group; returns those not claimed before. */
  async claim(trx: Knex.Transaction, consumerGroup: string, eventIds: string[]): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await trx(INBOX_TABLE)
      .insert(eventIds.map((eventId) => ({ consumer_group: consumerGroup, event_id: eventId })))
      .onConflict(['consumer_group', 'event_id'])
      .ignore()
      .returning('event_id');
    return new Set(rows.map((row) => row.event_id));
  },

  /**
   * Forgets ids processed before `olderThan`, at most `limit` rows per statement so a large
   * backlog never holds long locks against the handlers' inserts. Returns the rows deleted.
   */
  async purgeOlderThan(db: Knex, olderThan: Date, limit = 10_000): Promise<number> {
    const result = await db.raw(
      `delete from ${INBOX_TABLE} where ctid in (select ctid from ${INBOX_TABLE} where processed_at < ? limit ?)`,
      [olderThan, limit],
    );
    return result.rowCount ?? 0;
  },
};
