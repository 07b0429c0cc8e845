import type { OdooProfile } from './odoo-profile';

export interface ShippedLine {
  sku: string;
  shipped: number;
  backordered: number;
}

export interface DeliveryMove {
  id: number;
  productId: number;
  demand: number;
}

/**
 * stock.move values recording a shipment on a delivery: each move gets what was shipped of its
 * product (moves of one product filled in order, the last takes any excess), the rest nothing.
 * 17+: `quantity` with `picked` (only picked moves count once any is); 16: `quantity_done`.
 */
export function moveValues(moves: DeliveryMove[], shipped: ReadonlyMap<number, number>, profile: OdooProfile): Array<{ moveId: number; vals: Record<string, unknown> }> {
  const left = new Map(shipped);
  return moves.map((move, index) => {
    const lastOfProduct = !moves.slice(index + 1).some((other) => other.productId === move.productId);
    const available = left.get(move.productId) ?? 0;
    const quantity = lastOfProduct ? available : Math.min(available, move.demand);
    left.set(move.productId, available - quantity);
    const vals: Record<string, unknown> = { [profile.moveDoneField]: quantity };
    if (profile.marksPicked) vals.picked = quantity > 0;
    return { moveId: move.id, vals };
  });
}

/** Whether the rest of the delivery stays open as a backorder (the shipment says some is backordered). */
export function keepsBackorder(lines: ShippedLine[]): boolean {
  return lines.some((line) => line.backordered > 0);
}
