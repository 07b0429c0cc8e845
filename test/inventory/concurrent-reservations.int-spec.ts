import { createBackboneCodec, EventProducer, EventPublisher, type OutgoingEvent } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, eventually, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import { startServiceProcess, type RunningService } from '@backbone/service-kit/testing';
import { waitForConsumerGroup } from '@backbone/events/testing';

const ORDERS = 60;
const STOCK = 100; // 60 orders × 3 units = 180 wanted

/**
 * No oversell with several consumers: two inventory-service processes share the consumer group,
 * so orders on different partitions are reserved at the same time by different processes, all
 * drawing on one SKU in two warehouses.
 */
describe('two inventory-service replicas reserving one SKU concurrently', () => {
  let database: TestDatabase;
  const replicas: RunningService[] = [];
  const producer = new EventProducer(testKafka('order-service-stand-in'));
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'order-service');
  const group = uniqueName('inventory-replicas');

  beforeAll(async () => {
    await ensureCatalogTopics();
    database = await createTestDatabase({ eventTables: false });
    const env = { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, KAFKA_CONSUMER_START: 'latest' };
    replicas.push(await startServiceProcess('inventory-service', env));
    replicas.push(await startServiceProcess('inventory-service', env));
    await waitForConsumerGroup(group);
    await database.db('product').insert({ sku: 'SKU-RUSH', base_unit: 'Units' });
    await database.db('location').insert([
      { location_id: 'WH-A', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
      { location_id: 'WH-B', kind: 'WAREHOUSE', on_hand_authority: 'WMS' },
    ]);
    await database.db('stock_position').insert([
      { sku: 'SKU-RUSH', location_id: 'WH-A', on_hand: STOCK / 2 },
      { sku: 'SKU-RUSH', location_id: 'WH-B', on_hand: STOCK / 2 },
    ]);
    await database.db('channel').insert({ channel: 'web', location_ids: ['WH-A', 'WH-B'], reservation_policy: 'ALLOW_PARTIAL' });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await producer.disconnect();
    await database?.drop();
  });

  it('never reserves more than the stock there is', async () => {
    const admin = testKafka().admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([group]);
    await admin.disconnect();
    expect(groups[0].members).toHaveLength(2);
    const address = { name: 'A', street: 'S', street2: null, city: 'C', postalCode: null, region: null, countryCode: 'FR', phone: null, email: null };
    const events: OutgoingEvent[] = Array.from({ length: ORDERS }, (_, i) => `rush-${group}-${i}`).flatMap((orderId) => [
      {
        type: 'backbone.orders.OrderReceived',
        key: orderId,
        payload: {
          orderId, channel: 'web', externalOrderId: orderId, customer: { customerId: 'c', channelCustomerId: null, name: 'C', email: null }, billTo: address, shipTo: address,
          lines: [{ lineId: '1', sku: 'SKU-RUSH', quantity: { value: '3', uom: 'Units' }, unitPrice: { amount: '1', currency: 'EUR' } }], requestedDate: null, notes: null, placedAt: new Date(),
        },
      },
      { type: 'backbone.orders.OrderValidated', key: orderId, payload: { orderId } },
    ]);

    await publisher.publish(events);

    await eventually(async () => Number((await database.db('reservation').count({ n: '*' }))[0].n) === ORDERS, 60_000, 'every order decided');
    const positions = await database.db('stock_position').where({ sku: 'SKU-RUSH' }).select('on_hand', 'reserved');
    const reserved = positions.reduce((sum, row) => sum + Number(row.reserved), 0);
    expect(positions.every((row) => Number(row.reserved) <= Number(row.on_hand))).toBe(true);
    expect(reserved).toBe(STOCK);
    const statuses: { status: string; n: string }[] = (await database.db.raw('select status, count(*) as n from reservation group by status')).rows;
    expect(Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)]))).toEqual({ CONFIRMED: 33, PARTIAL: 1, REJECTED: 26 });
  });
});
