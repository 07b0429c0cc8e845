import type { Quantity } from '@backbone/schemas';
import { InventoryError, InventoryErrorCode } from './inventory.errors';
import { isDecimalString, times } from './quantity';

/**
 * How a product's units of measure convert to its base unit, the unit every balance is kept in.
 * `basePerUnit` maps a unit name, exactly as the ERP spells it, to the base units one of it holds
 * (a positive decimal string): { 'Box of 12': '12' } for base unit 'Units'. The base unit itself
 * converts 1:1 without an entry.
 */
export interface ProductUnits {
  readonly sku: string;
  readonly baseUnit: string;
  readonly basePerUnit: Readonly<Record<string, string>>;
}

/**
 * The quantity in the product's base unit, or the reason it cannot be: a value that is not a
 * decimal string (INVALID_QUANTITY) or a unit without a conversion (UNIT_WITHOUT_CONVERSION).
 */
export function toBaseUnits(product: ProductUnits, quantity: Quantity): Quantity | InventoryError {
  if (!isDecimalString(quantity.value)) {
    return new InventoryError(InventoryErrorCode.INVALID_QUANTITY, `quantity "${quantity.value}" is not a decimal string`, {
      sku: product.sku,
      value: quantity.value,
    });
  }
  const factor = quantity.uom === product.baseUnit ? '1' : conversionFactor(product, quantity.uom);
  if (factor === null) {
    return new InventoryError(
      InventoryErrorCode.UNIT_WITHOUT_CONVERSION,
      `SKU "${product.sku}" has no conversion from "${quantity.uom}" to its base unit "${product.baseUnit}"`,
      { sku: product.sku, uom: quantity.uom, baseUnit: product.baseUnit },
    );
  }
  return { value: times(quantity.value, factor), uom: product.baseUnit };
}

// Own keys only: a unit named like an Object.prototype member must not find a function.
function conversionFactor(product: ProductUnits, uom: string): string | null {
  return Object.hasOwn(product.basePerUnit, uom) ? product.basePerUnit[uom] : null;
}
