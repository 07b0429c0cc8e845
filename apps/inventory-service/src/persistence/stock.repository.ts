import type { QuantityType } from '@backbone/schemas';
import type { Knex } from 'knex';
import type { CountMark, LedgerEntry, LocationConfig, ProductUnits, SourceClock, StockPosition } from '../domain';

interface PositionRow {
  sku: string;
  location_id: string;
  on_hand: string;
  reserved: string;
  in_transit: string;
  quarantined: string;
  damaged: string;
}

const FIGURE_COLUMNS: Record<QuantityType, keyof PositionRow> = {
  ON_HAND: 'on_hand',
  RESERVED: 'reserved',
  IN_TRANSIT: 'in_transit',
  QUARANTINED: 'quarantined',
  DAMAGED: 'damaged',
};

export interface PositionKey {
  sku: string;
  locationId: string;
}

/** Reads and writes the ledger tables; every method runs in the caller's transaction. */
export const StockRepository = {
  async products(trx: Knex.Transaction, skus: readonly string[]): Promise<Map<string, ProductUnits>> {
    const rows = await trx('product').whereIn('sku', skus).andWhere({ active: true });
    return new Map(rows.map((row) => [row.sku, { sku: row.sku, baseUnit: row.base_unit, basePerUnit: row.base_per_unit }]));
  },

  async locations(trx: Knex.Transaction, locationIds: readonly string[]): Promise<LocationConfig[]> {
    const rows = await trx('location').whereIn('location_id', locationIds);
    return rows.map((row) => ({ locationId: row.location_id, kind: row.kind, onHandAuthority: row.on_hand_authority, allowNegativeOnHand: row.allow_negative_on_hand }));
  },

  /**
   * Locks the positions in (sku, location) order, which keeps concurrent transactions from
   * deadlocking, and returns them. Missing ones are created (so a first receipt locks too) unless
   * `createMissing` is false: a reservation has nothing to take from a position that does not exist.
   */
  async lockPositions(trx: Knex.Transaction, keys: readonly PositionKey[], { createMissing = true } = {}): Promise<StockPosition[]> {
    // Byte order on both sides (JS code units here, collate "C" below), so every path locks in the same order.
    const unique = [...new Map(keys.map((key) => [`${key.sku}\u0000${key.locationId}`, key])).values()].sort(
      (a, b) => byCodeUnits(a.sku, b.sku) || byCodeUnits(a.locationId, b.locationId),
    );
    if (unique.length === 0) return [];
    if (createMissing) {
      // One round trip: the no-op update on conflict locks an existing row (rows are taken in input order) and returns it.
      const rows: PositionRow[] = await trx('stock_position')
        .insert(unique.map((key) => ({ sku: key.sku, location_id: key.locationId })))
        .onConflict(['sku', 'location_id'])
        .merge(['sku'])
        .returning('*');
      return rows.map(toPosition);
    }
    const rows: PositionRow[] = await trx('stock_position')
      .whereIn(['sku', 'location_id'], unique.map((key) => [key.sku, key.locationId]))
      .orderByRaw('sku collate "C", location_id collate "C"')
      .forUpdate();
    return rows.map(toPosition);
  },

  toPositions(rows: readonly PositionRow[]): StockPosition[] {
    return rows.map(toPosition);
  },

  toLedgerEntries(rows: readonly (LedgerRow & { id: string })[]): (LedgerEntry & { id: string })[] {
    return rows.map((row) => ({ id: String(row.id), ...toLedgerEntry(row) }));
  },

  async countMarks(trx: Knex.Transaction, keys: readonly PositionKey[]): Promise<CountMark[]> {
    if (keys.length === 0) return [];
    const rows = await trx('count_mark').whereIn(['sku', 'location_id'], keys.map((key) => [key.sku, key.locationId]));
    return rows.map((row) => ({
      sku: row.sku,
      locationId: row.location_id,
      quantityType: row.quantity_type,
      sourceSystem: row.source_system,
      occurredAt: row.occurred_at,
      sequence: row.sequence === null ? null : Number(row.sequence),
    }));
  },

  /**
   * Applied deltas at the positions that may have occurred after any of the counts' clocks (what a
   * late count must re-apply): at or after the earliest count, or later-numbered by a count's own
   * source (a source's sequence beats its clock, see ordering-rules.ts). A superset is harmless.
   */
  async appliedDeltasSince(trx: Knex.Transaction, keys: readonly PositionKey[], counts: readonly SourceClock[]): Promise<LedgerEntry[]> {
    if (keys.length === 0 || counts.length === 0) return [];
    const earliest = new Date(Math.min(...counts.map((count) => count.occurredAt.getTime())));
    const rows: LedgerRow[] = await trx('ledger_entry')
      .whereIn(['sku', 'location_id'], keys.map((key) => [key.sku, key.locationId]))
      .andWhere({ status: 'APPLIED', change_kind: 'DELTA' })
      .andWhere((where) => {
        where.where('occurred_at', '>=', earliest);
        for (const count of counts.filter((clock) => clock.sequence !== null)) {
          where.orWhere((bySequence) => bySequence.where('source_system', count.sourceSystem).andWhere('sequence', '>', count.sequence!));
        }
      })
      .orderBy('id');
    return rows.map(toLedgerEntry);
  },

  /** Which of the (source system, event id) causes the ledger already holds, as `source\u0000id` keys. */
  async recordedCauses(trx: Knex.Transaction, causes: readonly { sourceSystem: string; eventId: string | null }[]): Promise<Set<string>> {
    const known = causes.filter((cause) => cause.eventId !== null);
    if (known.length === 0) return new Set();
    const rows: { source_system: string; cause_event_id: string }[] = await trx('ledger_entry')
      .distinct('source_system', 'cause_event_id')
      .whereIn(['source_system', 'cause_event_id'], known.map((cause) => [cause.sourceSystem, cause.eventId as string]));
    return new Set(rows.map((row) => causeKey(row.source_system, row.cause_event_id)));
  },

  async save(trx: Knex.Transaction, changes: { positions?: readonly StockPosition[]; countMarks?: readonly CountMark[]; entries?: readonly LedgerEntry[] }): Promise<void> {
    const positions = changes.positions ?? [];
    if (positions.length > 0) {
      // One statement for all positions: a row of values per position, joined on its key.
      const columns = Object.values(FIGURE_COLUMNS);
      const values = positions.map(() => `(?, ?, ${columns.map(() => '?::numeric').join(', ')})`).join(', ');
      const bindings = positions.flatMap((position) => [position.sku, position.locationId, ...Object.keys(FIGURE_COLUMNS).map((type) => position.balances[type as QuantityType])]);
      await trx.raw(
        `update stock_position as p set ${columns.map((column) => `${column} = v.${column}`).join(', ')}, updated_at = now()
         from (values ${values}) as v(sku, location_id, ${columns.join(', ')})
         where p.sku = v.sku and p.location_id = v.location_id`,
        bindings,
      );
    }
    if (changes.countMarks?.length) {
      await trx('count_mark')
        .insert(
          changes.countMarks.map((mark) => ({
            sku: mark.sku,
            location_id: mark.locationId,
            quantity_type: mark.quantityType,
            source_system: mark.sourceSystem,
            occurred_at: mark.occurredAt,
            sequence: mark.sequence,
          })),
        )
        .onConflict(['sku', 'location_id', 'quantity_type'])
        .merge();
    }
    if (changes.entries?.length) await trx('ledger_entry').insert(changes.entries.map(toLedgerRow));
  },
};

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function causeKey(sourceSystem: string, eventId: string): string {
  return `${sourceSystem}\u0000${eventId}`;
}

function toPosition(row: PositionRow): StockPosition {
  const balances = Object.fromEntries(Object.entries(FIGURE_COLUMNS).map(([type, column]) => [type, String(row[column])])) as Record<QuantityType, string>;
  return { sku: row.sku, locationId: row.location_id, balances };
}

function toLedgerRow(entry: LedgerEntry) {
  return {
    sku: entry.sku,
    location_id: entry.locationId,
    quantity_type: entry.quantityType,
    change_kind: entry.changeKind,
    quantity: entry.quantity.value,
    unit: entry.quantity.uom,
    reported_quantity: entry.reportedQuantity.value,
    reported_unit: entry.reportedQuantity.uom,
    cause_event_id: entry.cause.eventId,
    source_system: entry.cause.sourceSystem,
    reason_code: entry.cause.reasonCode,
    sequence: entry.sequence,
    occurred_at: entry.occurredAt,
    recorded_at: entry.recordedAt,
    status: entry.status,
    balance_after: entry.balanceAfter,
  };
}

/** A ledger row as pg returns it: numeric and bigint columns as strings. */
interface LedgerRow {
  sku: string;
  location_id: string;
  quantity_type: LedgerEntry['quantityType'];
  change_kind: LedgerEntry['changeKind'];
  quantity: string;
  unit: string;
  reported_quantity: string;
  reported_unit: string;
  cause_event_id: string | null;
  source_system: string;
  reason_code: string;
  sequence: string | null;
  occurred_at: Date;
  recorded_at: Date;
  status: LedgerEntry['status'];
  balance_after: string;
}

function toLedgerEntry(row: LedgerRow): LedgerEntry {
  return {
    sku: row.sku,
    locationId: row.location_id,
    quantityType: row.quantity_type,
    changeKind: row.change_kind,
    quantity: { value: String(row.quantity), uom: row.unit },
    reportedQuantity: { value: String(row.reported_quantity), uom: row.reported_unit },
    cause: { eventId: row.cause_event_id, sourceSystem: row.source_system, reasonCode: row.reason_code },
    sequence: row.sequence === null ? null : Number(row.sequence),
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    status: row.status,
    balanceAfter: String(row.balance_after),
  };
}
