import { statusChangeOf } from './order-projection';

const quantity = (value: string) => ({ value, uom: 'Units' });

describe('order status projection', () => {
  it('takes the status each order event leaves the order in, and the ERP id from OrderConfirmed', () => {
    expect(statusChangeOf('backbone.orders.OrderReserved', { orderId: 'o', lines: [] })).toEqual({ orderId: 'o', status: 'RESERVED' });
    expect(statusChangeOf('backbone.orders.OrderConfirmed', { orderId: 'o', erpOrderId: 7, erpOrderName: 'S7' })).toEqual({ orderId: 'o', status: 'CONFIRMED_IN_ERP', erpOrderId: 7 });
    expect(statusChangeOf('backbone.orders.OrderHoldReleased', { orderId: 'o', resumedStatus: 'VALIDATED', reason: { code: 'X.Y', message: 'ok' }, releasedBy: 'ops' })).toEqual({ orderId: 'o', status: 'VALIDATED' });
    expect(statusChangeOf('backbone.orders.OrderCancelled', { orderId: 'o', reason: { code: 'X.Y', message: 'no' }, cancelledBy: 'ops' })).toEqual({ orderId: 'o', status: 'CANCELLED' });
  });

  it('tells a partial shipment from a complete one by what is still backordered', () => {
    const shipment = (backordered: string) => ({ orderId: 'o', shipmentId: 'WH/OUT/1', carrier: 'dhl', trackingNumber: null, shippedAt: new Date(), lines: [{ lineId: '1', sku: 'A', shipped: quantity('1'), backordered: quantity(backordered) }] });
    expect(statusChangeOf('backbone.orders.OrderShipmentRecorded', shipment('2')).status).toBe('PARTIALLY_SHIPPED');
    expect(statusChangeOf('backbone.orders.OrderShipmentRecorded', shipment('0')).status).toBe('SHIPPED');
  });
});
