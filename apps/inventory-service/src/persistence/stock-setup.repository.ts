import type { Knex } from 'knex';
import type { ChannelBuffer, LocationConfig, ProductMaster, ProductUnits, ReservationPolicy } from '../domain';

export interface ChannelSetup {
  channel: string;
  locationIds: string[];
  preferredLocationId: string | null;
  reservationPolicy: ReservationPolicy;
  buffer: ChannelBuffer;
  reorderPoints: Record<string, string>;
  defaultReorderPoint: string | null;
}

/** Upserts of the stock master data: locations, products' units, channels' rules. */
export const StockSetupRepository = {
  /** Fails with a unique violation (23505) when another location already is `odooLocation`. */
  async saveLocation(db: Knex, location: LocationConfig & { odooLocation: string | null }): Promise<void> {
    await db('location')
      .insert({
        location_id: location.locationId,
        kind: location.kind,
        on_hand_authority: location.onHandAuthority,
        allow_negative_on_hand: location.allowNegativeOnHand,
        odoo_location: location.odooLocation,
        updated_at: db.fn.now(),
      })
      .onConflict('location_id')
      .merge();
  },

  async saveProduct(db: Knex, product: ProductUnits): Promise<void> {
    await db('product').insert({ sku: product.sku, base_unit: product.baseUnit, base_per_unit: product.basePerUnit, active: true, updated_at: db.fn.now() }).onConflict('sku').merge();
  },

  /** The product as held, locked for an ERP change; null when unknown. */
  async lockProductMaster(trx: Knex.Transaction, sku: string): Promise<ProductMaster | null> {
    const row = await trx('product')
      .where({ sku })
      .forUpdate()
      .first('base_unit', 'base_per_unit', 'active', 'erp_changed_at', trx.raw('exists (select 1 from ledger_entry l where l.sku = product.sku) as has_ledger_entries'));
    return row
      ? { baseUnit: row.base_unit, basePerUnit: row.base_per_unit, active: row.active, erpChangedAt: row.erp_changed_at, hasLedgerEntries: row.has_ledger_entries }
      : null;
  },

  async saveProductMaster(trx: Knex.Transaction, product: ProductMaster & { sku: string }): Promise<void> {
    await trx('product')
      .insert({ sku: product.sku, base_unit: product.baseUnit, base_per_unit: product.basePerUnit, active: product.active, erp_changed_at: product.erpChangedAt, updated_at: trx.fn.now() })
      .onConflict('sku')
      .merge();
  },

  /** Odoo location full name → location id, for the names some location is mapped to. */
  async locationsByOdooName(trx: Knex.Transaction, names: readonly string[]): Promise<Map<string, string>> {
    const rows: { odoo_location: string; location_id: string }[] = await trx('location').whereIn('odoo_location', names).select('odoo_location', 'location_id');
    return new Map(rows.map((row) => [row.odoo_location, row.location_id]));
  },

  async saveChannel(db: Knex, setup: ChannelSetup): Promise<void> {
    await db('channel')
      .insert({
        channel: setup.channel,
        location_ids: setup.locationIds,
        preferred_location_id: setup.preferredLocationId,
        reservation_policy: setup.reservationPolicy,
        buffer_kind: setup.buffer.kind,
        buffer_value: setup.buffer.kind === 'ABSOLUTE' ? setup.buffer.quantity : setup.buffer.percent,
        reorder_points: setup.reorderPoints,
        default_reorder_point: setup.defaultReorderPoint,
      })
      .onConflict('channel')
      .merge();
  },

  async unknownLocations(db: Knex, locationIds: readonly string[]): Promise<string[]> {
    const known = new Set<string>(await db('location').whereIn('location_id', locationIds).pluck('location_id'));
    return locationIds.filter((locationId) => !known.has(locationId));
  },
};
