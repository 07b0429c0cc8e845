/** One StockChanged for an on-hand figure Odoo mirrors, as a sync job carries it. */
export interface StockChange {
  kind: 'DELTA' | 'ABSOLUTE';
  quantity: number;
  /** The level this change came to when it was first applied; a retry applies it as is (idempotent). */
  target?: number;
}

/**
 * The on-hand level to count in Odoo after `changes` (oldest first), starting from Odoo's current
 * quantity: an absolute level (or a level already worked out on an earlier try) replaces, a delta adds.
 */
export function countedLevel(current: number, changes: StockChange[]): number {
  return changes.reduce((level, change) => change.target ?? (change.kind === 'ABSOLUTE' ? change.quantity : level + change.quantity), current);
}

/** Sync job subject of a mirrored figure: its record key on inventory.stock.v1. */
export function stockSubject(sku: string, locationId: string): string {
  return `${sku}@${locationId}`;
}
