import type { ChannelMapping } from '../domain';
import { NOTIFIABLE_EVENTS, orderNotification, type OrderChangeNotice, type OrderEvent } from './order-notification';

const orderId = '6f1c1d7e-2b1a-5c3d-9e8f-0a1b2c3d4e5f';
const releasedEvent: OrderEvent = { type: 'backbone.orders.OrderReleased', payload: { orderId, locationIds: ['WH-1'], erpOrderName: 'S001' } };
const notice: OrderChangeNotice = {
  order: { orderId, channel: 'webshop', status: 'RELEASED' },
  event: releasedEvent,
  facts: { eventId: 'evt-1', correlationId: 'corr-1', occurredAt: new Date('2026-11-23T10:00:00Z') },
};

describe('the notification body', () => {
  it("carries the backbone status after the change and the channel's own word for it", () => {
    const mapping: ChannelMapping = { skus: {}, skuPassThrough: true, units: {}, statuses: { 'in-fulfilment': 'RELEASED', processing: 'RELEASED' } };

    expect(orderNotification(notice, mapping)).toEqual({
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
    expect(orderNotification(notice, undefined).channelStatus).toBeNull();
    expect(orderNotification(notice, { skus: {}, skuPassThrough: true, units: {}, statuses: { shipped: 'SHIPPED' } }).channelStatus).toBeNull();
  });

  it('offers every event of orders.order.v1 by its short name', () => {
    expect(NOTIFIABLE_EVENTS).toEqual(expect.arrayContaining(['OrderReceived', 'OrderShipmentRecorded', 'OrderInvoiced']));
    expect(NOTIFIABLE_EVENTS).toHaveLength(11);
  });
});
