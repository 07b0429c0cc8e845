import { compareOrderStates, expectedSaleStates } from './order-state-drift';

describe('order state drift', () => {
  it('expects a confirmed sales order once the order is in the ERP, cancel for a cancelled one, none or a draft before', () => {
    expect(expectedSaleStates({ orderId: 'o', status: 'SHIPPED', erpOrderId: 4 })).toEqual(['sale', 'done']);
    expect(expectedSaleStates({ orderId: 'o', status: 'ON_HOLD', erpOrderId: 4 })).toEqual(['sale', 'done']);
    expect(expectedSaleStates({ orderId: 'o', status: 'CANCELLED', erpOrderId: 4 })).toEqual(['cancel']);
    expect(expectedSaleStates({ orderId: 'o', status: 'CANCELLED', erpOrderId: null })).toEqual([null, 'draft', 'cancel']);
    expect(expectedSaleStates({ orderId: 'o', status: 'RESERVED', erpOrderId: null })).toEqual([null, 'draft', 'sent']);
  });

  it('reports orders whose sales order disagrees, is missing, or exists twice', () => {
    const orders = [
      { orderId: 'ok', status: 'RELEASED', erpOrderId: 1 },
      { orderId: 'cancelled-in-odoo', status: 'CONFIRMED_IN_ERP', erpOrderId: 2 },
      { orderId: 'missing', status: 'INVOICED', erpOrderId: 3 },
      { orderId: 'twice', status: 'RESERVED', erpOrderId: null },
      { orderId: 'not-yet', status: 'VALIDATED', erpOrderId: null },
    ];
    const saleOrders = [
      { id: 1, name: 'S1', clientOrderRef: 'ok', state: 'sale' },
      { id: 2, name: 'S2', clientOrderRef: 'cancelled-in-odoo', state: 'cancel' },
      { id: 4, name: 'S4', clientOrderRef: 'twice', state: 'draft' },
      { id: 5, name: 'S5', clientOrderRef: 'twice', state: 'sale' },
    ];
    const drifts = compareOrderStates(orders, saleOrders);
    expect(drifts.map(({ subjectId, odooValue, backboneValue }) => ({ subjectId, odooValue, backboneValue }))).toEqual([
      { subjectId: 'cancelled-in-odoo', odooValue: 'cancel', backboneValue: 'CONFIRMED_IN_ERP' },
      { subjectId: 'missing', odooValue: null, backboneValue: 'INVOICED' },
      { subjectId: 'twice', odooValue: 'S4:draft,S5:sale', backboneValue: 'RESERVED' },
    ]);
    expect(drifts[0].message).toBe('Order cancelled-in-odoo is CONFIRMED_IN_ERP in the backbone but in Odoo sales order S2 is cancel (expected sale or done)');
  });
});
