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

  /**
   * Claims pending marks whose pair was last published at least `intervalMs` ago (others wait for
   * their interval), skipping those another replica holds; oldest first.
   */
  async claimPending(trx: Knex.Transaction, limit: number, intervalMs: number): Promise<PendingAvailability[]> {
    const { rows } = await trx.raw<{ rows: PendingAvailability[] }>(
      `select p.channel, p.sku from availability_pending p
       left join availability_published a on a.channel = p.channel and a.sku = p.sku
       where a.published_at is null or a.published_at <= now() - make_interval(secs => ?::double precision / 1000)
       order by p.marked_at limit ? for update of p skip locked`,
      [intervalMs, limit],
    );
    return rows;
  },

  async clearPending(trx: Knex.Transaction, claimed: readonly PendingAvailability[]): Promise<void> {
    if (claimed.length === 0) return;
    await trx('availability_pending').whereIn(['channel', 'sku'], claimed.map((row) => [row.channel, row.sku])).delete();
  },

  async published(trx: Knex.Transaction, channel: string, skus: readonly string[]): Promise<Map<string, string>> {
    const rows: { sku: string; available: string }[] = await trx('availability_published').where({ channel }).whereIn('sku', skus);
    return new Map(rows.map((row) => [row.sku, String(row.available)]));
  },

  async savePublished(trx: Knex.Transaction, channel: string, figures: readonly { sku: string; available: string }[], at: Date): Promise<void> {
    if (figures.length === 0) return;
    await trx('availability_published')
      .insert(figures.map(({ sku, available }) => ({ channel, sku, available, published_at: at })))
      .onConflict(['channel', 'sku'])
      .merge();
  },
};
