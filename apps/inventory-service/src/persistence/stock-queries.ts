import type { Knex } from 'knex';
import type { ChannelConfig, LedgerEntry, StockPosition } from '../domain';
import { StockRepository } from './stock.repository';

/** Read-side queries for the API (no locks; a snapshot of committed state). */
export const StockQueries = {
  async positions(db: Knex, filter: { sku?: string; locationId?: string }, page: { after?: { sku: string; locationId: string }; limit: number }): Promise<StockPosition[]> {
    const query = db('stock_position').orderBy([{ column: 'sku' }, { column: 'location_id' }]).limit(page.limit);
    if (filter.sku) query.where('sku', filter.sku);
    if (filter.locationId) query.where('location_id', filter.locationId);
    if (page.after) query.whereRaw('(sku, location_id) > (?, ?)', [page.after.sku, page.after.locationId]);
    return StockRepository.toPositions(await query);
  },

  async ledger(db: Knex, sku: string, filter: { locationId?: string }, page: { before?: string; limit: number }): Promise<(LedgerEntry & { id: string })[]> {
    const query = db('ledger_entry').where({ sku }).orderBy('id', 'desc').limit(page.limit);
    if (filter.locationId) query.where('location_id', filter.locationId);
    if (page.before) query.where('id', '<', page.before);
    return StockRepository.toLedgerEntries(await query);
  },

  async channel(db: Knex, channel: string): Promise<ChannelConfig | null> {
    const row = await db('channel').where({ channel }).first();
    if (!row) return null;
    const bufferValue = String(row.buffer_value);
    return {
      channel,
      locationIds: row.location_ids,
      buffer: row.buffer_kind === 'PERCENTAGE' ? { kind: 'PERCENTAGE', percent: bufferValue } : { kind: 'ABSOLUTE', quantity: bufferValue },
      defaultReorderPoint: row.default_reorder_point === null ? null : String(row.default_reorder_point),
      reorderPoints: row.reorder_points,
    };
  },

  async allPositions(db: Knex): Promise<StockPosition[]> {
    return StockRepository.toPositions(await db('stock_position').orderBy([{ column: 'sku' }, { column: 'location_id' }]));
  },

  async positionsOf(db: Knex, skus: readonly string[], locationIds: readonly string[]): Promise<StockPosition[]> {
    return StockRepository.toPositions(await db('stock_position').whereIn('sku', skus).whereIn('location_id', locationIds));
  },
};
