import type { Knex } from 'knex';
import type { ChannelBuffer, LocationConfig, ProductUnits, ReservationPolicy } from '../domain';

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
  async saveLocation(db: Knex, location: LocationConfig): Promise<void> {
    await db('location')
      .insert({ location_id: location.locationId, kind: location.kind, on_hand_authority: location.onHandAuthority, allow_negative_on_hand: location.allowNegativeOnHand, updated_at: db.fn.now() })
      .onConflict('location_id')
      .merge();
  },

  async saveProduct(db: Knex, product: ProductUnits): Promise<void> {
    await db('product').insert({ sku: product.sku, base_unit: product.baseUnit, base_per_unit: product.basePerUnit, active: true, updated_at: db.fn.now() }).onConflict('sku').merge();
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
