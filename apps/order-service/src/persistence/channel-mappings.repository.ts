import type { Knex } from 'knex';
import type { ChannelMapping, OrderStatus } from '../domain';

/** A channel's mapping tables and the pricelist that governs its orders when the customer has none. */
export interface ChannelSettings extends ChannelMapping {
  channel: string;
  pricelistId: number | null;
}

export const ChannelMappingsRepository = {
  async save(db: Knex, settings: ChannelSettings, updatedBy: string): Promise<void> {
    const row = {
      channel: settings.channel,
      sku_pass_through: settings.skuPassThrough,
      skus: JSON.stringify(settings.skus),
      units: JSON.stringify(settings.units),
      statuses: JSON.stringify(settings.statuses),
      pricelist_id: settings.pricelistId,
      updated_by: updatedBy,
      updated_at: new Date(),
    };
    await db('channel_mapping').insert(row).onConflict('channel').merge();
  },

  async find(db: Knex, channel: string): Promise<ChannelSettings | undefined> {
    const row = await db('channel_mapping').where({ channel }).first();
    return row && toSettings(row);
  },

  /** The mapping tables of those of `channels` that have them. */
  async findMany(db: Knex, channels: readonly string[]): Promise<Map<string, ChannelSettings>> {
    if (channels.length === 0) return new Map();
    const rows = await db('channel_mapping').whereIn('channel', channels).select();
    return new Map(rows.map((row) => [row.channel as string, toSettings(row)]));
  },

  async list(db: Knex): Promise<ChannelSettings[]> {
    return (await db('channel_mapping').orderBy('channel').select()).map(toSettings);
  },
};

function toSettings(row: Record<string, unknown>): ChannelSettings {
  return {
    channel: row.channel as string,
    skuPassThrough: row.sku_pass_through as boolean,
    skus: row.skus as Record<string, string>,
    units: row.units as Record<string, string>,
    statuses: row.statuses as Record<string, OrderStatus>,
    pricelistId: row.pricelist_id as number | null,
  };
}
