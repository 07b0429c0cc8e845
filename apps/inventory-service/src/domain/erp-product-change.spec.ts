import { decideErpProductChange, type ProductMaster } from './erp-product-change';
import { InventoryErrorCode } from './inventory.errors';

describe('decideErpProductChange', () => {
  const at = (iso: string) => new Date(iso);
  const change = { sku: 'SKU-1', uom: 'Units', active: true, changedAt: at('2026-11-23T10:00:00Z') };
  const held = (overrides: Partial<ProductMaster> = {}): ProductMaster => ({
    baseUnit: 'Units',
    basePerUnit: { 'Box of 6': '6' },
    active: true,
    erpChangedAt: at('2026-11-23T09:00:00Z'),
    hasLedgerEntries: true,
    ...overrides,
  });

  it('creates an unknown product with Odoo unit as base unit and no conversions', () => {
    expect(decideErpProductChange(null, change)).toEqual({
      outcome: 'SAVE',
      product: { sku: 'SKU-1', baseUnit: 'Units', basePerUnit: {}, active: true, erpChangedAt: change.changedAt, hasLedgerEntries: false },
    });
  });

  it('applies a newer change (archiving) and keeps the conversions of an unchanged base unit', () => {
    const decision = decideErpProductChange(held(), { ...change, active: false });

    expect(decision).toMatchObject({ outcome: 'SAVE', product: { active: false, basePerUnit: { 'Box of 6': '6' }, erpChangedAt: change.changedAt } });
  });

  it('ignores a change not newer than the one applied (out of order or replayed)', () => {
    expect(decideErpProductChange(held({ erpChangedAt: at('2026-11-23T11:00:00Z') }), change)).toEqual({ outcome: 'IGNORED_OLDER' });
    expect(decideErpProductChange(held({ erpChangedAt: change.changedAt }), change)).toEqual({ outcome: 'IGNORED_OLDER' });
  });

  it('applies the first ERP change to a product set up by hand', () => {
    expect(decideErpProductChange(held({ erpChangedAt: null }), change)).toMatchObject({ outcome: 'SAVE' });
  });

  it('rebases a product without ledger entries, dropping conversions stated in the old unit', () => {
    const decision = decideErpProductChange(held({ hasLedgerEntries: false }), { ...change, uom: 'kg' });

    expect(decision).toMatchObject({ outcome: 'SAVE', product: { baseUnit: 'kg', basePerUnit: {} } });
  });

  it('refuses a new base unit while the ledger holds quantities in the old one', () => {
    const decision = decideErpProductChange(held(), { ...change, uom: 'kg' });

    expect(decision).toMatchObject({ outcome: 'REFUSED', error: { code: InventoryErrorCode.BASE_UNIT_CHANGE_WITH_STOCK, details: { baseUnit: 'Units', newUnit: 'kg' } } });
  });
});
