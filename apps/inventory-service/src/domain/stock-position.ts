import type { QuantityType } from '@backbone/schemas';
import { compareQuantities, isNegative, maxQuantity, minus, type DecimalString } from './quantity';

export type LocationKind = 'WAREHOUSE' | 'THREE_PL' | 'IN_TRANSIT';

/** The kind of system whose stock events decide the physical figures at a location. */
export type OnHandAuthority = 'WMS' | 'ODOO';

export interface LocationConfig {
  readonly locationId: string;
  readonly kind: LocationKind;
  /**
   * Only stock events reported by this kind of system change the physical figures here (on hand,
   * in transit, quarantined, damaged); others are recorded but not applied, so a location whose
   * stock master is the ERP never subtracts a WMS movement a second time.
   */
  readonly onHandAuthority: OnHandAuthority;
  /** Whether an event may take on hand below zero (e.g. a 3PL that books shipments before receipts). */
  readonly allowNegativeOnHand: boolean;
}

/**
 * The stored figures of one SKU at one location, in the product's base unit. ON_HAND is the
 * sellable physical stock: quarantined and damaged goods are moved out of it, so they are never
 * promised. RESERVED is what orders hold of ON_HAND. Available to promise is not stored (below).
 */
export interface StockPosition {
  readonly sku: string;
  readonly locationId: string;
  readonly balances: Readonly<Record<QuantityType, DecimalString>>;
}

export function emptyStockPosition(sku: string, locationId: string): StockPosition {
  return { sku, locationId, balances: { ON_HAND: '0', RESERVED: '0', IN_TRANSIT: '0', QUARANTINED: '0', DAMAGED: '0' } };
}

export function withBalance(position: StockPosition, quantityType: QuantityType, value: DecimalString): StockPosition {
  return { ...position, balances: { ...position.balances, [quantityType]: value } };
}

/**
 * On hand minus reserved, derived on every read so it can never drift from its inputs. Reported
 * as zero when reservations exceed on hand (e.g. after a count found less stock): nothing can be
 * promised, and a negative figure would make a sum over locations hide another location's stock.
 */
export function availableToPromise(position: StockPosition): DecimalString {
  return maxQuantity('0', minus(position.balances.ON_HAND, position.balances.RESERVED));
}

/**
 * True when a change takes on hand below zero, or further below, where the location forbids it.
 * A change that raises a negative on hand is always fine: it repairs rather than breaks.
 */
export function breaksNegativeOnHandRule(before: StockPosition, after: StockPosition, location: LocationConfig): boolean {
  const onHandAfter = after.balances.ON_HAND;
  return !location.allowNegativeOnHand && isNegative(onHandAfter) && compareQuantities(onHandAfter, before.balances.ON_HAND) < 0;
}

/** Identity of a position; also the key under which callers may index positions. */
export function positionKey(sku: string, locationId: string): string {
  return JSON.stringify([sku, locationId]);
}
