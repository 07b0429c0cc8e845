import { orderTotal, receiveOrder, toOrderReceived } from './canonical-order';
import { normalizeOrder } from './channel-mappings';
import { orderIdFor } from './order-identity';
import { aBody, AT, anOrder, PASS_THROUGH } from './testing/order-builders';
import { validateOrderRequest } from './validate-order-request';

describe('receiveOrder', () => {
  it('creates the order in RECEIVED at version 1 with every line open', () => {
    const order = anOrder();

    expect(order).toMatchObject({ status: 'RECEIVED', hold: null, version: 1, shipmentIds: [], receivedAt: AT, updatedAt: AT });
    expect(order.lines[0]).toEqual({
      lineId: '1',
      sku: 'SKU-A',
      uom: 'Units',
      unitPrice: { amount: '2.50', currency: 'EUR' },
      ordered: '10',
      reserved: '0',
      shipped: '0',
      backordered: '0',
      cancelled: '0',
      substitutions: [],
    });
  });

  it('says who created it, when and why, and that OrderReceived is to be published', () => {
    const validated = validateOrderRequest(aBody());
    const normalized = validated.ok ? normalizeOrder(validated.value, PASS_THROUGH) : validated;
    if (!normalized.ok) throw new Error('fixture is invalid');
    const channel = { kind: 'channel', id: 'webshop' } as const;

    const received = receiveOrder(normalized.value, channel, AT);

    expect(received.event).toBe('backbone.orders.OrderReceived');
    expect(received.audit).toEqual({
      orderId: received.order.orderId,
      command: 'RECEIVE',
      from: null,
      to: 'RECEIVED',
      actor: channel,
      at: AT,
      reason: { code: 'ORDER.RECEIVED', message: 'order WS-1001 received from channel webshop' },
    });
  });

  it('stores the normalized natural key and derives the order id from it', () => {
    const order = anOrder({ channel: 'WebShop', externalOrderId: 'WS-1001' });

    expect([order.channel, order.externalOrderId]).toEqual(['webshop', 'WS-1001']);
    expect(order.orderId).toBe(orderIdFor({ channel: 'webshop', externalOrderId: 'WS-1001' }));
    expect(anOrder().orderId).toBe(order.orderId);
  });
});

describe('orderTotal', () => {
  it('sums quantity times unit price exactly', () => {
    const order = anOrder({ lines: [{ sku: 'A', quantity: '3', unit: 'Units', unitPrice: '0.10' }, { sku: 'B', quantity: '0.5', unit: 'kg', unitPrice: '19.99' }] });

    expect(orderTotal(order)).toEqual({ amount: '10.295', currency: 'EUR' });
  });

  it('leaves cancelled quantities out', () => {
    const order = anOrder();
    const partlyCancelled = { ...order, lines: [{ ...order.lines[0], cancelled: '4' }, order.lines[1]] };

    expect(orderTotal(partlyCancelled)).toEqual({ amount: '55', currency: 'EUR' });
  });
});

describe('toOrderReceived', () => {
  it('is the canonical order as ordered, for the OrderReceived event', () => {
    const order = anOrder({ notes: 'ring twice' });

    expect(toOrderReceived(order)).toEqual({
      orderId: order.orderId,
      channel: 'webshop',
      externalOrderId: 'WS-1001',
      customer: order.customer,
      billTo: order.billTo,
      shipTo: order.shipTo,
      lines: [
        { lineId: '1', sku: 'SKU-A', quantity: { value: '10', uom: 'Units' }, unitPrice: { amount: '2.50', currency: 'EUR' } },
        { lineId: '2', sku: 'SKU-B', quantity: { value: '4', uom: 'Units' }, unitPrice: { amount: '10', currency: 'EUR' } },
      ],
      requestedDate: null,
      notes: 'ring twice',
      placedAt: new Date('2026-11-23T09:00:00Z'),
    });
  });
});
