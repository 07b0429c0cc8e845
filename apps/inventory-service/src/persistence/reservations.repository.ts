import type { Knex } from 'knex';
import type { LineRequest, Reservation, ReservationPolicy, ReservationStatus } from '../domain';

export interface OrderDemand {
  orderId: string;
  channel: string;
  lines: LineRequest[];
}

export interface ChannelStockRules {
  channel: string;
  locationIds: string[];
  preferredLocationId: string | null;
  reservationPolicy: ReservationPolicy;
}

/** Order demand, channel rules and reservations; every method runs in the caller's transaction. */
/** An order's reservation as stored, with its status. */
export interface HeldReservation {
  status: ReservationStatus | 'RELEASED';
  reservation: Reservation;
}

export const ReservationsRepository = {
  /** Records what each order asks for; an order recorded before keeps its first demand. */
  async recordDemands(trx: Knex.Transaction, demands: readonly { demand: OrderDemand; causeEventId: string; receivedAt: Date }[]): Promise<void> {
    if (demands.length === 0) return;
    await trx('order_demand')
      .insert(demands.map(({ demand, causeEventId, receivedAt }) => ({ order_id: demand.orderId, channel: demand.channel, lines: JSON.stringify(demand.lines), cause_event_id: causeEventId, received_at: receivedAt })))
      .onConflict('order_id')
      .ignore();
  },

  async demands(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Map<string, OrderDemand>> {
    const rows = orderIds.length === 0 ? [] : await trx('order_demand').whereIn('order_id', orderIds);
    return new Map(rows.map((row) => [row.order_id, { orderId: row.order_id, channel: row.channel, lines: row.lines }]));
  },

  /** The channel's rules; a channel without its own serves from every warehouse and 3PL site, partial allowed. */
  async channelRules(trx: Knex.Transaction, channel: string): Promise<ChannelStockRules> {
    const row = await trx('channel').where({ channel }).first();
    if (row) {
      return { channel, locationIds: row.location_ids, preferredLocationId: row.preferred_location_id, reservationPolicy: row.reservation_policy };
    }
    const locations = await trx('location').whereIn('kind', ['WAREHOUSE', 'THREE_PL']).orderBy('location_id').pluck('location_id');
    return { channel, locationIds: locations, preferredLocationId: null, reservationPolicy: 'ALLOW_PARTIAL' };
  },

  /**
   * Locks every position holding a SKU the orders ask for or hold (their demand, their
   * reservation) or that `skus` names, in (sku, location) byte order like every other path.
   */
  async lockPositionsOfOrders(trx: Knex.Transaction, orderIds: readonly string[], skus: readonly string[]): Promise<void> {
    await trx.raw(
      `select 1 from stock_position where sku in (
         select jsonb_array_elements(lines)->>'sku' from order_demand where order_id = any(:orderIds)
         union select jsonb_array_elements(lines)->>'sku' from reservation where order_id = any(:orderIds)
         union select unnest(:skus::text[])
       ) order by sku collate "C", location_id collate "C" for update`,
      { orderIds: [...orderIds], skus: [...skus] },
    );
  },

  /** Which of the orders hold a reservation (decided before), locked in id order like every path that locks several. */
  async lockReserved(trx: Knex.Transaction, orderIds: readonly string[]): Promise<Set<string>> {
    if (orderIds.length === 0) return new Set();
    const ids: string[] = await trx('reservation').whereIn('order_id', orderIds).orderBy('order_id').forUpdate().pluck('order_id');
    return new Set(ids);
  },

  /** The order's reservation, locked so a cancellation and a shipment cannot both use it. */
  async lockReservation(trx: Knex.Transaction, orderId: string): Promise<HeldReservation | null> {
    const row = await trx('reservation').where({ order_id: orderId }).forUpdate().first();
    return row ? { status: row.status, reservation: { orderId, lines: row.lines } } : null;
  },

  /**
   * Reservations that still hold stock and have not changed since `idleSince`, oldest first,
   * locked; rows another sweeper (replica) holds are skipped.
   */
  async lockStale(trx: Knex.Transaction, idleSince: Date, limit: number): Promise<HeldReservation[]> {
    const rows: { order_id: string; status: ReservationStatus; lines: Reservation['lines'] }[] = await trx('reservation')
      .whereIn('status', ['CONFIRMED', 'PARTIAL'])
      .andWhere('updated_at', '<', idleSince)
      .andWhereRaw(`jsonb_path_exists(lines, '$[*].allocations[*]')`)
      .orderBy('updated_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .select('order_id', 'status', 'lines');
    return rows.map((row) => ({ status: row.status, reservation: { orderId: row.order_id, lines: row.lines } }));
  },

  async saveReservation(trx: Knex.Transaction, status: ReservationStatus | 'RELEASED', reservation: Reservation): Promise<void> {
    await ReservationsRepository.saveReservations(trx, [{ status, reservation }]);
  },

  async saveReservations(trx: Knex.Transaction, reservations: readonly { status: ReservationStatus | 'RELEASED'; reservation: Reservation }[]): Promise<void> {
    if (reservations.length === 0) return;
    await trx('reservation')
      .insert(reservations.map(({ status, reservation }) => ({ order_id: reservation.orderId, status, lines: JSON.stringify(reservation.lines), updated_at: trx.fn.now() })))
      .onConflict('order_id')
      .merge();
  },
};
