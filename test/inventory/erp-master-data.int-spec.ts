import { createBackboneCodec, EventProducer, EventPublisher } from '@backbone/events';
import { createTestDatabase, ensureCatalogTopics, testKafka, testStack, uniqueName, type TestDatabase } from '@backbone/events/testing';
import type { ProductChanged } from '@backbone/schemas';
import { startServiceProcess, type RunningService } from '@backbone/service-kit/testing';
import { watchTopics, waitForConsumerGroup } from '@backbone/events/testing';

describe('inventory-service on Kafka: Odoo master data from erp.masterdata.v1', () => {
  let database: TestDatabase;
  let inventory: RunningService;
  const producer = new EventProducer(testKafka('odoo-adapter-stand-in'));
  const publisher = new EventPublisher(createBackboneCodec({ url: testStack.registryUrl }), producer, 'odoo-adapter');
  const group = uniqueName('inventory-erp-it');

  beforeAll(async () => {
    await ensureCatalogTopics();
    database = await createTestDatabase({ eventTables: false });
    inventory = await startServiceProcess('inventory-service', { DATABASE_URL: database.url, KAFKA_CONSUMER_GROUP: group, KAFKA_CONSUMER_START: 'latest' });
    await waitForConsumerGroup(group);
    await database.db('location').insert({ location_id: 'WH-ODOO', kind: 'WAREHOUSE', on_hand_authority: 'ODOO', odoo_location: 'WH/Stock' });
  }, 120_000);

  afterAll(async () => {
    await inventory?.stop();
    await producer.disconnect();
    await database?.drop();
  });

  async function until<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("creates the product from ProductChanged, ignores an older one, and records Odoo's stock level as a count", async () => {
    const sku = uniqueName('SKU-ODOO');
    const product = (changedAt: Date, active: boolean): ProductChanged => ({
      productId: 42, sku, name: 'Mug', barcode: null, uom: 'Units', listPrice: { amount: '9.90', currency: 'EUR' }, active, changedAt,
    });
    const now = Date.now();
    const eventIds = await publisher.publish([
      { type: 'backbone.erp.ProductChanged', key: '42', payload: product(new Date(now), true) },
      { type: 'backbone.erp.ProductChanged', key: '42', payload: product(new Date(now - 60_000), false) }, // older, delivered late
    ]);
    await until(async () => (await database.db('event_inbox').whereIn('event_id', eventIds).count({ n: '*' }).first())?.n === '2' || undefined, 'both product changes');
    expect(await database.db('product').where({ sku }).first('base_unit', 'active')).toEqual({ base_unit: 'Units', active: true });

    const stock = await watchTopics(['inventory.stock.v1']);
    try {
      await publisher.publish([
        {
          type: 'backbone.erp.StockLevelChanged',
          key: `${sku}@WH/Stock`,
          payload: { sku, productId: 42, locationId: 'WH/Stock', onHand: { value: '12', uom: 'Units' }, reserved: { value: '2', uom: 'Units' }, changedAt: new Date() },
        },
      ]);

      const changed = await stock.waitFor('backbone.inventory.StockChanged', (payload) => payload.sku === sku);
      expect(changed.payload).toMatchObject({ locationId: 'WH-ODOO', quantityType: 'ON_HAND', changeKind: 'ABSOLUTE', quantity: { value: '12', uom: 'Units' }, cause: { sourceSystem: 'odoo' } });
      expect(await database.db('stock_position').where({ sku }).first('on_hand', 'reserved')).toEqual({ on_hand: '12', reserved: '0' });
    } finally {
      await stock.stop();
    }
  });
});
