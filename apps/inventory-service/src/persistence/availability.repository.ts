import type { Knex } from 'knex';
import type { StockPosition } from '../domain';

export interface PendingAvailability {
  channel: string;
  sku: string;
}

export const AvailabilityRepository = {
  /**
   * Marks every (channel, sku) whose availability the changed positions may move; in the change's
   * transaction. An existing mark is locked (no-op update), never skipped: a publisher pass then
   * cannot claim and clear it before this change commits, which would leave the change unpublished.
   */
  async markPending(trx: Knex.Transaction, positions: readonly StockPosition[]): Promise<void> {
    if (positions.length === 0) return;
    await trx.raw(
      `insert into availability_pending (channel, sku)
       select distinct c.channel, v.sku
       from channel c join (select unnest(?::text[]) as sku, unnest(?::text[]) as location_id) v on v.location_id = any(c.location_ids)
       on conflict (channel, sku) do update set marked_at = availability_pending.marked_at`,
      [positions.map((position) => position.sku), positions.map((position) => position.locationId)],
    );
  },

  /**
   * Claims (deletes, in the pass's transaction) pending marks whose pair was last published at
   * least `intervalMs` ago (others wait for their interval), oldest first, skipping those another
   * replica or an uncommitted change holds. A change marking a claimed pair waits for the pass and
   * then marks it again, so it is published by a later pass.
   */
  async claimPending(trx: Knex.Transaction, limit: number, intervalMs: number): Promise<PendingAvailability[]> {
    const { rows } = await trx.raw<{ rows: PendingAvailability[] }>(
      `delete from availability_pending d using (
         select p.channel, p.sku from availability_pending p
         left join availability_published a on a.channel = p.channel and a.sku = p.sku
         where a.published_at is null or a.published_at <= now() - make_interval(secs => ?::double precision / 1000)
         order by p.marked_at limit ? for update of p skip locked
       ) c
       where d.channel = c.channel and d.sku = c.sku
       returning d.channel, d.sku`,
      [intervalMs, limit],
    );
    return rows;
  },

  /** Each known SKU's base unit and the figure last published for it on the channel (if any). */
  async lastPublished(trx: Knex.Transaction, channel: string, skus: readonly string[]): Promise<Map<string, { uom: string; available?: string }>> {
    const rows: { sku: string; base_unit: string; available: string | null }[] = await trx('product as p')
      .leftJoin('availability_published as a', (join) => join.on('a.sku', 'p.sku').andOnVal('a.channel', channel))
      .whereIn('p.sku', skus)
      .select('p.sku', 'p.base_unit', 'a.available');
    return new Map(rows.map((row) => [row.sku, { uom: row.base_unit, ...(row.available === null ? {} : { available: String(row.available) }) }]));
  },

  async savePublished(trx: Knex.Transaction, channel: string, figures: readonly { sku: string; available: string }[], at: Date): Promise<void> {
    if (figures.length === 0) return;
    await trx('availability_published')
      .insert(figures.map(({ sku, available }) => ({ channel, sku, available, published_at: at })))
      .onConflict(['channel', 'sku'])
      .merge();
  },
};
