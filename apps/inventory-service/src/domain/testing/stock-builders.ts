// Builders for the domain specs. Defaults describe one SKU in one WMS-run warehouse.
import type { QuantityType } from '@backbone/schemas';
import type { LedgerEntry } from '../ledger-entry';
import type { CountMark } from '../ordering-rules';
import type { CountedQuantityType, MoveKind, StockEvent, TransferKind } from '../stock-event';
import { emptyStockPosition, withBalance, type LocationConfig, type StockPosition } from '../stock-position';
import type { ProductUnits } from '../units';

export const SKU = 'SKU-1';

export const product: ProductUnits = { sku: SKU, baseUnit: 'Units', basePerUnit: { 'Box of 12': '12' } };

export function location(locationId: string, overrides: Partial<LocationConfig> = {}): LocationConfig {
  return { locationId, kind: 'WAREHOUSE', onHandAuthority: 'WMS', allowNegativeOnHand: false, ...overrides };
}

export function position(locationId: string, balances: Partial<Record<QuantityType, string>> = {}, sku = SKU): StockPosition {
  return Object.entries(balances).reduce(
    (built, [quantityType, value]) => withBalance(built, quantityType as QuantityType, value),
    emptyStockPosition(sku, locationId),
  );
}

/** Minutes after a fixed instant, so times read as small numbers in tests. */
export function at(minute: number): Date {
  return new Date(Date.UTC(2026, 0, 1, 8, minute));
}

export interface EventOptions {
  eventId?: string;
  minute?: number;
  sequence?: number | null;
  sourceSystem?: string;
  reportedBy?: 'WMS' | 'ODOO';
  locationId?: string;
  uom?: string;
  sku?: string;
}

function fields(kind: string, value: string, options: EventOptions) {
  const minute = options.minute ?? 0;
  const locationId = options.locationId ?? 'WH1';
  const sourceSystem = options.sourceSystem ?? 'wms';
  return {
    sku: options.sku ?? SKU,
    locationId,
    quantity: { value, uom: options.uom ?? 'Units' },
    cause: {
      eventId: options.eventId ?? `${sourceSystem}/${kind}/${locationId}/${minute}/${value}`,
      sourceSystem,
      reasonCode: `STOCK.${kind}`,
    },
    occurredAt: at(minute),
    sequence: options.sequence ?? null,
    reportedBy: options.reportedBy ?? 'WMS',
  };
}

export function movement(kind: MoveKind, value: string, options: EventOptions = {}): StockEvent {
  return { kind, ...fields(kind, value, options) };
}

export function transfer(kind: TransferKind, value: string, transitLocationId: string, options: EventOptions = {}): StockEvent {
  return { kind, transitLocationId, ...fields(kind, value, options) };
}

export function count(value: string, options: EventOptions & { quantityType?: CountedQuantityType } = {}): StockEvent {
  return { kind: 'CYCLE_COUNT', quantityType: options.quantityType ?? 'ON_HAND', ...fields('CYCLE_COUNT', value, options) };
}

export function countMark(minute: number, overrides: Partial<CountMark> = {}): CountMark {
  const figure = { sku: SKU, locationId: 'WH1', quantityType: 'ON_HAND' } as const;
  return { ...figure, sourceSystem: 'wms', occurredAt: at(minute), sequence: null, ...overrides };
}

/** An applied on-hand delta at WH1. */
export function ledgerEntry(minute: number, value: string, overrides: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    sku: SKU,
    locationId: 'WH1',
    quantityType: 'ON_HAND',
    changeKind: 'DELTA',
    quantity: { value, uom: 'Units' },
    reportedQuantity: { value, uom: 'Units' },
    cause: { eventId: `e-${minute}`, sourceSystem: 'wms', reasonCode: 'STOCK.ADJUSTMENT' },
    sequence: null,
    occurredAt: at(minute),
    recordedAt: at(60),
    status: 'APPLIED',
    balanceAfter: '0',
    ...overrides,
  };
}
