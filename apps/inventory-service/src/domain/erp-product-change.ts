import { InventoryError, InventoryErrorCode } from './inventory.errors';

/** What Odoo says about a product (ProductChanged on erp.masterdata.v1). */
export interface ErpProductChange {
  readonly sku: string;
  /** Odoo's default unit of measure, the product's base unit here. */
  readonly uom: string;
  readonly active: boolean;
  /** Odoo's write_date: the source clock of the product master. */
  readonly changedAt: Date;
}

/** The product as this service holds it. */
export interface ProductMaster {
  readonly baseUnit: string;
  readonly basePerUnit: Readonly<Record<string, string>>;
  readonly active: boolean;
  /** changedAt of the last ERP change applied; null when only the setup API wrote it. */
  readonly erpChangedAt: Date | null;
  /** Whether the ledger holds entries in the current base unit. */
  readonly hasLedgerEntries: boolean;
}

export type ErpProductDecision =
  | { readonly outcome: 'SAVE'; readonly product: ProductMaster & { readonly sku: string } }
  /** Older than (or as old as) the change already applied: out-of-order or replayed delivery. */
  | { readonly outcome: 'IGNORED_OLDER' }
  | { readonly outcome: 'REFUSED'; readonly error: InventoryError };

/**
 * Applies Odoo's product master: creates the product, or updates its base unit and active flag,
 * unless the change is not newer than the one already applied (changedAt). A new base unit resets
 * the unit conversions (they were stated in the old one) and is refused while the ledger holds
 * quantities in the old one: rebasing them is a decision for a person.
 */
export function decideErpProductChange(current: ProductMaster | null, change: ErpProductChange): ErpProductDecision {
  if (current?.erpChangedAt && current.erpChangedAt.getTime() >= change.changedAt.getTime()) return { outcome: 'IGNORED_OLDER' };
  const rebased = current !== null && current.baseUnit !== change.uom;
  if (rebased && current.hasLedgerEntries) {
    return {
      outcome: 'REFUSED',
      error: new InventoryError(
        InventoryErrorCode.BASE_UNIT_CHANGE_WITH_STOCK,
        `Odoo changed the unit of SKU "${change.sku}" from "${current.baseUnit}" to "${change.uom}", but the ledger holds quantities in "${current.baseUnit}"; ` +
          'convert the stock (count it again in the new unit) before applying the change',
        { sku: change.sku, baseUnit: current.baseUnit, newUnit: change.uom },
      ),
    };
  }
  return {
    outcome: 'SAVE',
    product: {
      sku: change.sku,
      baseUnit: change.uom,
      basePerUnit: current === null || rebased ? {} : current.basePerUnit,
      active: change.active,
      erpChangedAt: change.changedAt,
      hasLedgerEntries: current?.hasLedgerEntries ?? false,
    },
  };
}
