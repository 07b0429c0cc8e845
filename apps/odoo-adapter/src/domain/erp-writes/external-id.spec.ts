import { externalId, externalIdName } from './external-id';

describe('external ids', () => {
  it('are backbone.<kind>_<id>', () => {
    expect(externalId('sale_order', '0193-abc_1')).toBe('backbone.sale_order_0193-abc_1');
  });

  it('replace what Odoo refuses or would split (spaces, dots)', () => {
    expect(externalIdName('return', 'RMA 1.2/x')).toBe('return_RMA_1_2_x');
  });
});
