import { refusalOf, saleOrderValues, SyncRefusalCode, type CanonicalOrder } from './sale-order-mapping';

const order: CanonicalOrder = {
  orderId: 'o-1',
  channel: 'web',
  externalOrderId: 'W-9',
  customer: { customerId: 'C-ACME', name: 'Acme' },
  lines: [
    { lineId: '1', sku: 'SKU-A', quantity: { value: '2', uom: 'Units' }, unitPrice: { amount: '9.90', currency: 'EUR' } },
    { lineId: '2', sku: 'SKU-B', quantity: { value: '1.5', uom: 'Units' }, unitPrice: { amount: '100', currency: 'EUR' } },
  ],
  notes: null,
};
const ids = { partners: new Map([['C-ACME', 7]]), products: new Map([['SKU-A', 11], ['SKU-B', 12]]) };

describe('sale order mapping', () => {
  it('writes the order id as client_order_ref and each line with its product, quantity and price', () => {
    expect(saleOrderValues(order, ids)).toEqual({
      partner_id: 7,
      client_order_ref: 'o-1',
      origin: 'web:W-9',
      order_line: [
        [0, 0, { product_id: 11, product_uom_qty: 2, price_unit: 9.9 }],
        [0, 0, { product_id: 12, product_uom_qty: 1.5, price_unit: 100 }],
      ],
    });
  });

  it('accepts an order whose customer and products Odoo knows', () => {
    expect(refusalOf(order, ids)).toBeUndefined();
  });

  it('refuses an unknown customer, naming its reference', () => {
    expect(refusalOf(order, { ...ids, partners: new Map() })).toMatchObject({ code: SyncRefusalCode.unknownCustomer, details: { orderId: 'o-1', customerId: 'C-ACME' } });
  });

  it('refuses unknown SKUs, naming each once', () => {
    const twice = { ...order, lines: [...order.lines, { ...order.lines[1]!, lineId: '3' }] };
    const refusal = refusalOf(twice, { ...ids, products: new Map([['SKU-A', 11]]) });
    expect(refusal).toMatchObject({ code: SyncRefusalCode.unknownProduct, details: { skus: 'SKU-B' } });
  });
});
