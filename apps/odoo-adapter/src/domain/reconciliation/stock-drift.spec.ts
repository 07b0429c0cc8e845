import { backboneLocationOf, compareStock } from './stock-drift';

describe('stock drift', () => {
  const mapping = { 'WH/Stock': 'WH-1', 'EU/Stock': 'EU-1' };

  it('maps an Odoo location and its children to the backbone location by the longest prefix, else keeps its name', () => {
    expect(backboneLocationOf('WH/Stock/Shelf 1', { ...mapping, 'WH/Stock/Shelf 1': 'WH-1-S1' })).toBe('WH-1-S1');
    expect(backboneLocationOf('WH/Stock/Shelf 2', mapping)).toBe('WH-1');
    expect(backboneLocationOf('WH/Stockroom', mapping)).toBe('WH/Stockroom');
  });

  it('sums quants per SKU and backbone location and reports differences beyond the tolerance, Odoo minus backbone', () => {
    const odoo = [
      { sku: 'A', odooLocation: 'WH/Stock', quantity: '10' },
      { sku: 'A', odooLocation: 'WH/Stock/Shelf 1', quantity: '2' },
      { sku: 'B', odooLocation: 'WH/Stock', quantity: '5' },
      { sku: 'C', odooLocation: 'EU/Stock', quantity: '1.0004' },
    ];
    const backbone = [
      { sku: 'A', locationId: 'WH-1', onHand: '12' },
      { sku: 'B', locationId: 'WH-1', onHand: '7' },
      { sku: 'C', locationId: 'EU-1', onHand: '1' },
      { sku: 'D', locationId: 'EU-1', onHand: '3' },
      { sku: 'E', locationId: '3PL-X', onHand: '99' },
    ];
    const result = compareStock(odoo, backbone, mapping, '0.001');
    expect(result.checked).toBe(4);
    expect(result.drifts).toEqual([
      { subjectId: 'B@WH-1', sku: 'B', locationId: 'WH-1', odooValue: '5', backboneValue: '7', difference: '-2' },
      { subjectId: 'D@EU-1', sku: 'D', locationId: 'EU-1', odooValue: null, backboneValue: '3', difference: '-3' },
    ]);
  });

  it('finds no drift when both agree', () => {
    expect(compareStock([{ sku: 'A', odooLocation: 'WH/Stock', quantity: '3' }], [{ sku: 'A', locationId: 'WH/Stock', onHand: '3' }], {}, '0')).toEqual({ checked: 1, drifts: [] });
  });
});
