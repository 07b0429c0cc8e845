import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import type { OrderReceived } from '@backbone/schemas';
import { watchTopics, waitForConsumerGroup } from '@backbone/events/testing';
import { startServiceProcess, type RunningService } from '@backbone/service-kit/testing';

/** The order-service's side of the conversation, published as it would publish it. */
function orderReceived(orderId: string, quantity: string): OrderReceived {
  const address = { name: 'Ada', street: '1 Main St', street2: null, city: 'Lyon', postalCode: '69001', region: null, countryCode: 'FR', phone: null, email: null };
  return {
    orderId,
    channel: 'web',
    externalOrderId: `ext-${orderId}`,
    customer: { customerId: 'c-1', channelCustomerId: null, name: 'Ada', email: null },
    billTo: address,
    shipTo: address,
    lines: [{ lineId: '1', sku: 'SKU-FLOW', quantity: { value: quantity, uom: 'Units' }, unitPrice: { amount: '9.90', currency: 'EUR' } }],
    requestedDate: null,
    notes: null,
    placedAt: new Date(),
  };
}

describe('inventory-service on Kafka: stock movements in, reservations for orders', () => {
  let database: TestDatabase;
  let inventory: RunningService;
  const producer = new EventProducer(testKafka('order-service-stand-in'));
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'order-service');
  const group = uniqueName('inventory-it');

  beforeAll(async () => {
    await ensureCatalogTopics();
    database = await createTestDatabase({ eventTables: false });
    inventory = await startServiceProcess('inventory-service', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, KAFKA_CONSUMER_START: 'latest' });
    await waitForConsumerGroup(group);
    // Stock master data; an API and ERP master-data events will fill these later.
    await database.db('product').insert({ sku: 'SKU-FLOW', base_unit: 'Units' });
    await database.db('location').insert({ location_id: 'WH-A', kind: 'WAREHOUSE', on_hand_authority: 'WMS' });
    await database.db('stock_position').insert({ sku: 'SKU-FLOW', location_id: 'WH-A', on_hand: 10 });
  }, 120_000);

  afterAll(async () => {
    await inventory?.stop();
    await producer.disconnect();
    await database?.drop();
  });

  it('answers OrderValidated with ReservationConfirmed and OrderCancelled with ReservationReleased, through Kafka', async () => {
    const stock = await watchTopics(['inventory.stock.v1']);
    const orderId = uniqueName('order');
    try {
      // When the order-service publishes an order and then validates it
      await publisher.publish([
        { type: 'backbone.orders.OrderReceived', key: orderId, payload: orderReceived(orderId, '4'), correlationId: `corr-${orderId}` },
        { type: 'backbone.orders.OrderValidated', key: orderId, payload: { orderId }, correlationId: `corr-${orderId}` },
      ]);

      // Then the inventory-service reserves it
      const confirmed = await stock.waitFor('backbone.inventory.ReservationConfirmed', (payload) => payload.orderId === orderId);
      expect(confirmed.key).toBe(orderId);
      expect(confirmed.payload.lines).toEqual([{ sku: 'SKU-FLOW', locationId: 'WH-A', requested: { value: '4', uom: 'Units' }, reserved: { value: '4', uom: 'Units' } }]);
      expect(await database.db('stock_position').where({ sku: 'SKU-FLOW' }).first('reserved')).toEqual({ reserved: '4' });

      // And when the order is cancelled, the stock is released
      await publisher.publish([
        { type: 'backbone.orders.OrderCancelled', key: orderId, payload: { orderId, reason: { code: 'CUSTOMER', message: 'changed mind' }, cancelledBy: 'shop' }, correlationId: `corr-${orderId}` },
      ]);
      const released = await stock.waitFor('backbone.inventory.ReservationReleased', (payload) => payload.orderId === orderId);
      expect(released.payload.reason.code).toBe('CUSTOMER');
      expect(await database.db('stock_position').where({ sku: 'SKU-FLOW' }).first('reserved')).toEqual({ reserved: '0' });
    } finally {
      await stock.stop();
    }
  });

  it('records a WMS receipt from inventory.movements.v1 and publishes StockChanged', async () => {
    const stock = await watchTopics(['inventory.stock.v1']);
    const sourceEventId = uniqueName('wms-receipt');
    try {
      await publisher.publish([
        {
          type: 'backbone.inventory.StockMovementReported',
          key: 'SKU-FLOW@WH-A',
          payload: {
            kind: 'RECEIPT',
            sku: 'SKU-FLOW',
            locationId: 'WH-A',
            transitLocationId: null,
            countedQuantityType: null,
            quantity: { value: '5', uom: 'Units' },
            sourceSystem: 'wms-a',
            sourceEventId,
            reportedBy: 'WMS',
            reasonCode: 'STOCK.RECEIPT',
            sequence: null,
            occurredAt: new Date(),
          },
        },
      ]);

      const changed = await stock.waitFor('backbone.inventory.StockChanged', (payload) => payload.cause.eventId === sourceEventId);
      expect(changed.key).toBe('SKU-FLOW@WH-A');
      expect(changed.payload).toMatchObject({ quantityType: 'ON_HAND', changeKind: 'DELTA', quantity: { value: '5', uom: 'Units' } });
      expect(await database.db('stock_position').where({ sku: 'SKU-FLOW' }).first('on_hand')).toEqual({ on_hand: '15' });
    } finally {
      await stock.stop();
    }
  });

  it('files a movement it cannot apply in the exception queue with the reason, not in a dead-letter topic', async () => {
    const exceptions = await watchTopics(['ops.exception.v1']);
    const sourceEventId = uniqueName('wms-bad');
    try {
      await publisher.publish([
        {
          type: 'backbone.inventory.StockMovementReported',
          key: 'SKU-NOBODY-KNOWS@WH-A',
          payload: {
            kind: 'RECEIPT', sku: 'SKU-NOBODY-KNOWS', locationId: 'WH-A', transitLocationId: null, countedQuantityType: null,
            quantity: { value: '1', uom: 'Units' }, sourceSystem: 'wms-a', sourceEventId, reportedBy: 'WMS', reasonCode: 'STOCK.RECEIPT', sequence: null, occurredAt: new Date(),
          },
        },
      ]);

      const raised = await exceptions.waitFor('backbone.ops.ExceptionRaised', (payload) => payload.subject.id === `wms-a/${sourceEventId}`);
      expect(raised.payload).toMatchObject({ service: 'inventory-service', code: 'INVENTORY.UNKNOWN_SKU', subject: { type: 'stock-movement' } });
      expect(await database.db('business_exception').where({ subject_id: `wms-a/${sourceEventId}` }).first('status', 'code')).toEqual({ status: 'OPEN', code: 'INVENTORY.UNKNOWN_SKU' });
    } finally {
      await exceptions.stop();
    }
  });
});
