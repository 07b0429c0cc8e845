import type { Knex } from 'knex';
import type { StockPosition } from '../domain';

export interface PendingAvailability {
  channel: string;
  sku: string;
}

export const AvailabilityRepository = {
  /** Marks every (channel, sku) whose availability the changed positions may move; in the change's transaction. */
  async markPending(trx: Knex.Transaction, positions: readonly StockPosition[]): Promise<void> {
    if (positions.length === 0) return;
    await trx.raw(
      `insert into availability_pending (channel, sku)
       select distinct c.channel, v.sku
       from channel c join (select unnest(?::text[]) as sku, unnest(?::text[]) as location_id) v on v.location_id = any(c.location_ids)
       on conflict (channel, sku) do nothing`,
      [positions.map((position) => position.sku), positions.map((position) => position.locationId)],
    );
  },

  /** Claims pending marks (skipping those another replica is publishing), oldest first. */
  async claimPending(trx: Knex.Transaction, limit: number): Promise<PendingAvailability[]> {
    return trx('availability_pending').select('channel', 'sku').orderBy('marked_at').limit(limit).forUpdate().skipLocked();
  },

  async clearPending(trx: Knex.Transaction, claimed: readonly PendingAvailability[]): Promise<void> {
    if (claimed.length === 0) return;
    await trx('availability_pending').whereIn(['channel', 'sku'], claimed.map((row) => [row.channel, row.sku])).delete();
  },

  async published(trx: Knex.Transaction, channel: string, skus: readonly string[]): Promise<Map<string, string>> {
    const rows: { sku: string; available: string }[] = await trx('availability_published').where({ channel }).whereIn('sku', skus);
    return new Map(rows.map((row) => [row.sku, String(row.available)]));
  },

  async savePublished(trx: Knex.Transaction, channel: string, sku: string, available: string, at: Date): Promise<void> {
    await trx('availability_published').insert({ channel, sku, available, published_at: at }).onConflict(['channel', 'sku']).merge();
  },
};
