import { InventoryError } from './inventory.errors';
import { toBaseUnits, type ProductUnits } from './units';

const widget: ProductUnits = { sku: 'W-1', baseUnit: 'Units', basePerUnit: { 'Box of 12': '12', Pallet: '480' } };
const coffee: ProductUnits = { sku: 'C-1', baseUnit: 'kg', basePerUnit: { g: '0.001', 'Bag 250 g': '0.25' } };

describe('toBaseUnits', () => {
  it('keeps a quantity already in the base unit, normalized', () => {
    expect(toBaseUnits(widget, { value: '7.000', uom: 'Units' })).toEqual({ value: '7', uom: 'Units' });
  });

  it('multiplies by the per-product factor', () => {
    expect(toBaseUnits(widget, { value: '3', uom: 'Box of 12' })).toEqual({ value: '36', uom: 'Units' });
    expect(toBaseUnits(widget, { value: '-1', uom: 'Pallet' })).toEqual({ value: '-480', uom: 'Units' });
  });

  it('converts fractional units exactly', () => {
    expect(toBaseUnits(coffee, { value: '1250', uom: 'g' })).toEqual({ value: '1.25', uom: 'kg' });
    expect(toBaseUnits(coffee, { value: '3', uom: 'Bag 250 g' })).toEqual({ value: '0.75', uom: 'kg' });
  });

  it('returns UNIT_WITHOUT_CONVERSION naming the SKU, the unit and the base unit', () => {
    const result = toBaseUnits(widget, { value: '1', uom: 'Box of 6' });

    expect(result).toBeInstanceOf(InventoryError);
    expect(result).toMatchObject({
      code: 'INVENTORY.UNIT_WITHOUT_CONVERSION',
      details: { sku: 'W-1', uom: 'Box of 6', baseUnit: 'Units' },
    });
  });

  it('matches unit names exactly, as the ERP spells them', () => {
    expect(toBaseUnits(widget, { value: '1', uom: 'box of 12' })).toMatchObject({ code: 'INVENTORY.UNIT_WITHOUT_CONVERSION' });
  });

  it('does not mistake Object.prototype members for conversions', () => {
    expect(toBaseUnits(widget, { value: '1', uom: 'toString' })).toMatchObject({ code: 'INVENTORY.UNIT_WITHOUT_CONVERSION' });
  });

  it('returns INVALID_QUANTITY for a value that is not a decimal string', () => {
    expect(toBaseUnits(widget, { value: '1e3', uom: 'Units' })).toMatchObject({
      code: 'INVENTORY.INVALID_QUANTITY',
      details: { sku: 'W-1', value: '1e3' },
    });
  });
});
