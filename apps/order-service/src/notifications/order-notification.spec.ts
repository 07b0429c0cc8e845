import type { OrderShipmentRecorded } from '@backbone/schemas';
import { toOrderReceived, type ChannelMapping } from '../domain';
import { anOrder } from '../domain/testing/order-builders';
import { NOTIFIABLE_EVENTS, orderNotification, trackOrder, type OrderEvent, type TrackedOrder } from './order-notification';

const received = toOrderReceived(anOrder()); // webshop; line 1: 10 × SKU-A, line 2: 4 × SKU-B
const orderId = received.orderId;
const units = (value: string) => ({ value, uom: 'Units' });

function replay(events: OrderEvent[]): TrackedOrder | undefined {
  return events.reduce<TrackedOrder | undefined>((order, event) => trackOrder(order, event), undefined);
}

function shipment(lines: OrderShipmentRecorded['lines'], shipmentId = 'WH/OUT/1'): OrderEvent {
  return { type: 'backbone.orders.OrderShipmentRecorded', payload: { orderId, shipmentId, lines, carrier: 'dhl', trackingNumber: 'T1', shippedAt: new Date() } };
}

const receivedEvent: OrderEvent = { type: 'backbone.orders.OrderReceived', payload: received };
const releasedEvent: OrderEvent = { type: 'backbone.orders.OrderReleased', payload: { orderId, locationIds: ['WH-1'], erpOrderName: 'S001' } };

describe('tracking an order for its channel', () => {
  it('learns the channel and lines from OrderReceived', () => {
    const order = replay([receivedEvent]);

    expect(order).toMatchObject({ orderId, channel: 'webshop', status: 'RECEIVED' });
    expect(order?.lines.map((line) => [line.lineId, line.ordered])).toEqual([
      [received.lines[0]!.lineId, '10'],
      [received.lines[1]!.lineId, '4'],
    ]);
  });

  it('moves the status with each later event', () => {
    const order = replay([receivedEvent, { type: 'backbone.orders.OrderValidated', payload: { orderId } }, { type: 'backbone.orders.OrderConfirmed', payload: { orderId, erpOrderId: 7, erpOrderName: 'S007' } }]);

    expect(order?.status).toBe('CONFIRMED_IN_ERP');
  });

  it('knows nothing of an order whose OrderReceived it never saw', () => {
    expect(replay([{ type: 'backbone.orders.OrderValidated', payload: { orderId } }])).toBeUndefined();
  });

  it('returns a released hold to the status it names', () => {
    const order = replay([
      receivedEvent,
      { type: 'backbone.orders.OrderOnHold', payload: { orderId, reason: { code: 'ORDER.CREDIT_HOLD', message: 'on hold' } } },
      { type: 'backbone.orders.OrderHoldReleased', payload: { orderId, resumedStatus: 'VALIDATED', reason: { code: 'OK', message: 'lifted' }, releasedBy: 'ops' } },
    ]);

    expect(order?.status).toBe('VALIDATED');
  });

  it('derives the fulfilment status from every line after each shipment', () => {
    const [first, second] = received.lines.map((line) => line.lineId) as [string, string];
    const partly = replay([receivedEvent, releasedEvent, shipment([{ lineId: first, sku: 'SKU-A', shipped: units('10'), backordered: units('0') }])]);
    expect(partly?.status).toBe('PARTIALLY_SHIPPED');

    const backordered = trackOrder(partly, shipment([{ lineId: second, sku: 'SKU-B', shipped: units('0'), backordered: units('4') }], 'WH/OUT/2'));
    expect(backordered?.status).toBe('BACKORDERED');

    const done = trackOrder(backordered, shipment([{ lineId: second, sku: 'SKU-B', shipped: units('4'), backordered: units('0') }], 'WH/OUT/3'));
    expect(done?.status).toBe('SHIPPED');
  });

  it('keeps the last known status when a shipment does not fit its copy of the lines', () => {
    const order = replay([receivedEvent, releasedEvent, shipment([{ lineId: 'no-such-line', sku: 'SKU-A', shipped: units('1'), backordered: units('0') }])]);

    expect(order?.status).toBe('RELEASED');
  });
});

describe('the notification body', () => {
  const order = replay([receivedEvent, releasedEvent])!;
  const facts = { eventId: 'evt-1', correlationId: 'corr-1', occurredAt: new Date('2026-11-23T10:00:00Z') };

  it("carries the backbone status and the channel's own word for it", () => {
    const mapping: ChannelMapping = { skus: {}, skuPassThrough: true, units: {}, statuses: { 'in-fulfilment': 'RELEASED', processing: 'RELEASED' } };

    expect(orderNotification(order, releasedEvent, facts, mapping)).toEqual({
      eventId: 'evt-1',
      eventType: 'OrderReleased',
      orderId,
      channel: 'webshop',
      status: 'RELEASED',
      channelStatus: 'in-fulfilment',
      occurredAt: '2026-11-23T10:00:00.000Z',
      correlationId: 'corr-1',
      data: releasedEvent.payload,
    });
  });

  it('has no channel status when the channel has no mapping or no word for the status', () => {
    expect(orderNotification(order, releasedEvent, facts, undefined).channelStatus).toBeNull();
    expect(orderNotification(order, releasedEvent, facts, { skus: {}, skuPassThrough: true, units: {}, statuses: { shipped: 'SHIPPED' } }).channelStatus).toBeNull();
  });

  it('offers every event of orders.order.v1 by its short name', () => {
    expect(NOTIFIABLE_EVENTS).toEqual(expect.arrayContaining(['OrderReceived', 'OrderShipmentRecorded', 'OrderInvoiced']));
    expect(NOTIFIABLE_EVENTS).toHaveLength(11);
  });
});
