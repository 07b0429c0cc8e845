import { InventoryError, InventoryErrorCode } from './inventory.errors';

describe('InventoryError', () => {
  it('carries a stable code, a message for people and details for machines', () => {
    const error = new InventoryError(InventoryErrorCode.UNKNOWN_SKU, 'SKU "A-1" is not known', { sku: 'A-1' });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'InventoryError',
      code: 'INVENTORY.UNKNOWN_SKU',
      message: 'SKU "A-1" is not known',
      details: { sku: 'A-1' },
    });
  });

  it('has empty details unless given', () => {
    expect(new InventoryError(InventoryErrorCode.OUT_OF_STOCK, 'nothing left').details).toEqual({});
  });

  it('uses DOMAIN.REASON codes in the INVENTORY domain', () => {
    for (const code of Object.values(InventoryErrorCode)) expect(code).toMatch(/^INVENTORY\.[A-Z_]+$/);
  });
});
