import { keepsBackorder, moveValues } from './delivery-quantities';
import { odooProfile } from './odoo-profile';

describe('delivery quantities', () => {
  const moves = [
    { id: 1, productId: 10, demand: 3 },
    { id: 2, productId: 20, demand: 5 },
    { id: 3, productId: 10, demand: 2 },
  ];

  it('fills moves of a product in order and marks shipped ones picked (17+)', () => {
    expect(moveValues(moves, new Map([[10, 4]]), odooProfile(17))).toEqual([
      { moveId: 1, vals: { quantity: 3, picked: true } },
      { moveId: 2, vals: { quantity: 0, picked: false } },
      { moveId: 3, vals: { quantity: 1, picked: true } },
    ]);
  });

  it('writes quantity_done on 16', () => {
    expect(moveValues([moves[1]!], new Map([[20, 5]]), odooProfile(16))).toEqual([{ moveId: 2, vals: { quantity_done: 5 } }]);
  });

  it('keeps a backorder only when the shipment reports one', () => {
    expect(keepsBackorder([{ sku: 'A', shipped: 1, backordered: 2 }])).toBe(true);
    expect(keepsBackorder([{ sku: 'A', shipped: 1, backordered: 0 }])).toBe(false);
  });
});
